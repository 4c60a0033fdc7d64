// NetworkPolicy: a selector, ingress and egress traffic (defaults and rules), rendered by one renderer.
import {
  DIRECTIONS,
  type INetworkPolicyPeer,
  type IPodSelector,
  type NetworkPolicyPeerConfig,
  type PodSelectorConfig,
  type TrafficDirection,
} from "./data.js";
import { type Diagnostic, DiagnosticBag, type DiagnosticPath, fail } from "./errors.js";
import { isRecord, ownList, ownRecord, readList, readRecord } from "./input.js";
import { checkNamespaceName, checkObjectName, cutSlug, readLabels, slug } from "./labels.js";
import { describe, isPeer, peerOf, placement, selectorOf } from "./peers.js";
import { NetworkPolicyPort, readPort } from "./ports.js";
import { manifestRules } from "./render/rules.js";
import { renderSelector } from "./render/selector.js";
import type { NetworkPolicyManifest, PolicyType } from "./render/types.js";
import { compareStrings } from "./text.js";
import { Workload } from "./workloads.js";

export type { TrafficDirection } from "./data.js";

/** What a direction allows when no rule matches. */
export const NetworkPolicyTrafficDefault = {
  /** Isolate the selected pods in this direction: only rules open it. */
  DENY: "DENY",
  /** Allow everything in this direction (one empty rule `{}`). */
  ALLOW: "ALLOW",
} as const;
/** What a direction allows when no rule matches. */
export type NetworkPolicyTrafficDefault =
  (typeof NetworkPolicyTrafficDefault)[keyof typeof NetworkPolicyTrafficDefault];

/** One rule: traffic with these peers on these ports. No peer means any peer; no ports means every port. */
export interface NetworkPolicyRule {
  /** The peer. */
  readonly peer?: INetworkPolicyPeer;
  /** Several peers in one rule (use instead of `peer`). */
  readonly peers?: readonly INetworkPolicyPeer[];
  /** The ports; omit for every port. */
  readonly ports?: readonly NetworkPolicyPort[];
}

/** One direction of a policy. */
export interface NetworkPolicyTraffic {
  /** Deny or allow everything not matched by rules; setting it isolates the direction. */
  readonly default?: NetworkPolicyTrafficDefault;
  /** The rules. */
  readonly rules?: readonly NetworkPolicyRule[];
}

/** Options of a NetworkPolicy. */
export interface NetworkPolicyProps {
  /** The policy's name (a DNS-1123 subdomain); derived from the selector and directions when omitted. */
  readonly name?: string;
  /** The namespace; by default that of the selected pods. */
  readonly namespace?: string;
  /** The pods the policy applies to; default every pod of the namespace. */
  readonly selector?: IPodSelector;
  /** Incoming traffic. */
  readonly ingress?: NetworkPolicyTraffic;
  /** Outgoing traffic. */
  readonly egress?: NetworkPolicyTraffic;
  /** Labels of the policy object itself. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the policy object itself. */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** One rule as plain data: undefined peers means any peer, undefined ports means every port. */
export interface NetworkPolicyRuleConfig {
  /** The peers, or undefined for any peer. */
  readonly peers: readonly NetworkPolicyPeerConfig[] | undefined;
  /** The ports, or undefined for every port. */
  readonly ports: readonly NetworkPolicyPort[] | undefined;
}

/** One direction as plain data. */
export interface NetworkPolicyTrafficConfig {
  /** The default, when set. */
  readonly default: NetworkPolicyTrafficDefault | undefined;
  /** The rules, in the order they were added. */
  readonly rules: readonly NetworkPolicyRuleConfig[];
}

/** A policy's parts as plain data, for front ends that write the model in their own format. */
export interface NetworkPolicyConfig {
  /** The name. */
  readonly name: string;
  /** The namespace, when known. */
  readonly namespace: string | undefined;
  /** The selected pods. */
  readonly selector: PodSelectorConfig;
  /** Incoming traffic. */
  readonly ingress: NetworkPolicyTrafficConfig;
  /** Outgoing traffic. */
  readonly egress: NetworkPolicyTrafficConfig;
  /** Labels of the policy object. */
  readonly labels: Readonly<Record<string, string>> | undefined;
  /** Annotations of the policy object. */
  readonly annotations: Readonly<Record<string, string>> | undefined;
}

interface Traffic {
  default: NetworkPolicyTrafficDefault | undefined;
  readonly rules: NetworkPolicyRuleConfig[];
}

/** A policy's parts, read and checked: what the constructor reads its props into, and what `checkedPolicy` takes. */
export interface PolicyParts {
  /** The name as given; undefined to derive it. */
  readonly name: string | undefined;
  /** What the selector is called in derived names (`web` for a workload named web). */
  readonly subject: string;
  /** The namespace, when known. */
  readonly namespace: string | undefined;
  /** The selected pods. */
  readonly selector: PodSelectorConfig;
  /** The selected workload, when given as one: its ports tell which ports its pods serve. */
  readonly workload: Workload | undefined;
  /** Incoming traffic. */
  readonly ingress: NetworkPolicyTrafficConfig;
  /** Outgoing traffic. */
  readonly egress: NetworkPolicyTrafficConfig;
  /** Labels of the policy object. */
  readonly labels: Readonly<Record<string, string>> | undefined;
  /** Annotations of the policy object. */
  readonly annotations: Readonly<Record<string, string>> | undefined;
  /** Warnings found while reading. */
  readonly notes: readonly Diagnostic[];
  /** The selection key, when the reader computed it already (see `selectionKeyOf`). */
  readonly selectionKey?: string;
}

const DEFAULTS: readonly string[] = Object.values(NetworkPolicyTrafficDefault);
const PROPS = ["name", "namespace", "selector", "ingress", "egress", "labels", "annotations"];
const EVERY_POD: PodSelectorConfig = Object.freeze({ labelSelector: Object.freeze({}) });

/** Set by NetworkPolicy's static block; see `checkedPolicy`. */
let fromParts: (parts: PolicyParts) => NetworkPolicy;

/** A Kubernetes NetworkPolicy as a plain value. */
export class NetworkPolicy {
  #name: string | undefined;
  #subject = "all-pods";
  #namespace: string | undefined;
  #selector: PodSelectorConfig = EVERY_POD;
  #workload: Workload | undefined;
  #traffic: { readonly ingress: Traffic; readonly egress: Traffic } = {
    ingress: { default: undefined, rules: [] },
    egress: { default: undefined, rules: [] },
  };
  #labels: Readonly<Record<string, string>> | undefined;
  #annotations: Readonly<Record<string, string>> | undefined;
  #notes: Diagnostic[] = [];
  #selectionKey: string | undefined;

  /** Creates a policy; every problem of the props is reported at once in one NetpolError. */
  constructor(props?: NetworkPolicyProps) {
    // Without props it is the empty policy (every pod, nothing isolated): the state the fields start in.
    if (props !== undefined) this.#take(readPolicyProps(props));
  }

  static {
    fromParts = (parts) => {
      const policy = new NetworkPolicy();
      policy.#take(parts);
      return policy;
    };
  }

  #take(parts: PolicyParts): void {
    this.#name = parts.name;
    this.#subject = parts.subject;
    this.#namespace = parts.namespace;
    this.#selector = parts.selector;
    this.#workload = parts.workload;
    this.#traffic = { ingress: ownTraffic(parts.ingress), egress: ownTraffic(parts.egress) };
    this.#labels = parts.labels;
    this.#annotations = parts.annotations;
    this.#notes = parts.notes.slice();
    this.#selectionKey = parts.selectionKey;
  }

  /** The policy's namespace, when known. */
  get namespace(): string | undefined {
    return this.#namespace;
  }

  /** Checks a policy name as the constructor would (a NetpolError if it is no DNS-1123 subdomain). */
  static checkName(name: string): void {
    const bag = new DiagnosticBag();
    checkObjectName(name, ["name"], bag);
    bag.throwIfErrors();
  }

  /** Checks a rule as `addRule` would, for a policy not built yet (a NetpolError lists every problem). */
  static checkRule(direction: TrafficDirection, rule: NetworkPolicyRule): void;
  static checkRule(direction: TrafficDirection, peer: INetworkPolicyPeer, ports?: readonly NetworkPolicyPort[]): void;
  static checkRule(
    direction: TrafficDirection,
    peerOrRule: INetworkPolicyPeer | NetworkPolicyRule,
    ports?: readonly NetworkPolicyPort[],
  ): void {
    const bag = new DiagnosticBag();
    readRule(ruleArgument(direction, peerOrRule, ports), direction, undefined, [direction, "rules", 0], bag);
    bag.throwIfErrors();
  }

  /** The policy's name: as given, else derived from its pods and the directions it isolates now. */
  get name(): string {
    return this.#name ?? defaultName(this.#subject, this.#traffic.ingress, this.#traffic.egress);
  }

  /** Allows incoming traffic from `peer` on `ports` (every port when omitted). */
  addIngressRule(peer: INetworkPolicyPeer, ports?: readonly NetworkPolicyPort[]): this {
    return this.addRule("ingress", peer, ports);
  }

  /** Allows outgoing traffic to `peer` on `ports` (every port when omitted). */
  addEgressRule(peer: INetworkPolicyPeer, ports?: readonly NetworkPolicyPort[]): this {
    return this.addRule("egress", peer, ports);
  }

  /** Adds a rule (with any number of peers, or none for any peer) to a direction. */
  addRule(direction: TrafficDirection, rule: NetworkPolicyRule): this;
  addRule(direction: TrafficDirection, peer: INetworkPolicyPeer, ports?: readonly NetworkPolicyPort[]): this;
  addRule(
    direction: TrafficDirection,
    peerOrRule: INetworkPolicyPeer | NetworkPolicyRule,
    ports?: readonly NetworkPolicyPort[],
  ): this {
    const bag = new DiagnosticBag();
    const given = ruleArgument(direction, peerOrRule, ports);
    const traffic = this.#traffic[direction];
    const path = [direction, "rules", traffic.rules.length];
    const rule = readRule(given, direction, this.#workload, path, bag);
    bag.throwIfErrors();
    this.#notes.push(...bag.warnings);
    if (rule) traffic.rules.push(rule);
    return this;
  }

  /** Equal for policies that select the same pods in the same namespace: such policies can be one (see `absorb`). */
  get selectionKey(): string {
    // The namespace and the selector never change: computed once.
    this.#selectionKey ??= selectionKeyOf(this.#namespace, this.#selector);
    return this.#selectionKey;
  }

  /**
   * Adds the rules and defaults of `other`, a policy selecting the same pods in the same namespace. Policies are
   * additive, so this one then allows exactly what both allowed, and isolates every direction either isolated.
   */
  absorb(other: NetworkPolicy): this {
    if (other.selectionKey !== this.selectionKey) fail("absorb", [], { name: this.name, other: other.name });
    const theirs = other.#traffic;
    // Their rules come after ours: a warning about their rule i is about our rule i + (our count).
    const offset = { ingress: this.#traffic.ingress.rules.length, egress: this.#traffic.egress.rules.length };
    for (const direction of DIRECTIONS) {
      const mine = this.#traffic[direction];
      mine.rules.push(...theirs[direction].rules);
      mine.default = moreOpen(mine.default, theirs[direction].default);
    }
    this.#notes.push(...other.#notes.map((d) => shiftRule(d, offset)));
    return this;
  }

  /** The policy's parts as plain data (a snapshot: later rules are not reflected). */
  toConfig(): NetworkPolicyConfig {
    const traffic = (t: Traffic): NetworkPolicyTrafficConfig => ({ default: t.default, rules: [...t.rules] });
    return {
      name: this.name,
      namespace: this.namespace,
      selector: this.#selector,
      ingress: traffic(this.#traffic.ingress),
      egress: traffic(this.#traffic.egress),
      labels: this.#labels,
      annotations: this.#annotations,
    };
  }

  /** The policy types it isolates, as rendered (`Ingress` first). */
  get policyTypes(): PolicyType[] {
    const types: PolicyType[] = [];
    if (isolates(this.#traffic.ingress)) types.push("Ingress");
    if (isolates(this.#traffic.egress)) types.push("Egress");
    return types.length > 0 ? types : ["Ingress"];
  }

  /**
   * Warnings about this policy (host bits in CIDRs, ports nobody serves, a policy that denies more than it seems to),
   * each naming the policy as its subject.
   */
  get warnings(): Diagnostic[] {
    const bag = new DiagnosticBag();
    if (!isolates(this.#traffic.ingress) && !isolates(this.#traffic.egress)) bag.warn("empty-policy", [], {});
    const subject = `NetworkPolicy ${this.namespace ? `${this.namespace}/` : ""}${this.name}`;
    return [...this.#notes, ...bag.items].map((d) => ({ ...d, subject }));
  }

  /** The plain `networking.k8s.io/v1` object: explicit policyTypes and protocols, canonical order. */
  toManifest(): NetworkPolicyManifest {
    const spec: NetworkPolicyManifest["spec"] = {
      podSelector: renderSelector(this.#selector.labelSelector),
      policyTypes: this.policyTypes,
    };
    const { ingress, egress } = this.#traffic;
    if (isolates(ingress)) {
      const rules = manifestRules(ingress.rules, ingress.default === NetworkPolicyTrafficDefault.ALLOW, "from");
      if (rules.length > 0) spec.ingress = rules;
    }
    if (isolates(egress)) {
      const rules = manifestRules(egress.rules, egress.default === NetworkPolicyTrafficDefault.ALLOW, "to");
      if (rules.length > 0) spec.egress = rules;
    }
    const metadata: NetworkPolicyManifest["metadata"] = { name: this.name };
    if (this.namespace !== undefined) metadata.namespace = this.namespace;
    if (this.#labels && Object.keys(this.#labels).length > 0) metadata.labels = sortedRecord(this.#labels);
    if (this.#annotations && Object.keys(this.#annotations).length > 0)
      metadata.annotations = sortedRecord(this.#annotations);
    return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata, spec };
  }
}

/**
 * A policy from parts core has read and checked already: the one way around the constructor's reading. For
 * `connections.ts`, which reads each end of a connection once for all the policies it writes, where the
 * constructor would read each again. Internal: not exported from the package.
 */
export function checkedPolicy(parts: PolicyParts): NetworkPolicy {
  return fromParts(parts);
}

/** Reads and checks a policy's props; every problem is reported at once in one NetpolError. */
function readPolicyProps(props: NetworkPolicyProps): PolicyParts {
  const bag = new DiagnosticBag();
  const p = readRecord(props, PROPS, [], bag, "NetworkPolicy props (an object)") ?? {};
  const selector = p.selector === undefined ? undefined : selectorOf(p.selector, ["selector"], bag);
  const place = selector ? placement(selector) : { namespace: undefined };
  if (p.namespace !== undefined) checkNamespaceName(p.namespace, ["namespace"], bag);
  let namespace = p.namespace as string | undefined;
  if ("problem" in place)
    bag.error("placement", ["selector"], {
      reason: place.problem,
      ...(place.namespaces ? { namespaces: place.namespaces } : {}),
    });
  else if (namespace === undefined) namespace = place.namespace;
  else if (place.namespace !== undefined && place.namespace !== namespace)
    bag.error("namespace-conflict", ["namespace"], { namespace, selected: place.namespace });
  if (p.name !== undefined) checkObjectName(p.name, ["name"], bag);
  const labels = p.labels === undefined ? undefined : readLabels(p.labels, ["labels"], bag);
  const annotations = p.annotations === undefined ? undefined : readAnnotations(p.annotations, bag);
  const workload = p.selector instanceof Workload ? p.selector : undefined;
  const ingress = readTraffic(p.ingress, "ingress", workload, bag);
  const egress = readTraffic(p.egress, "egress", workload, bag);
  bag.throwIfErrors();
  return {
    name: p.name as string | undefined,
    subject: p.selector === undefined ? "all-pods" : describe(p.selector),
    namespace,
    selector: selector ?? EVERY_POD,
    workload,
    ingress,
    egress,
    labels,
    annotations,
    notes: bag.warnings,
  };
}

function readTraffic(
  value: unknown,
  direction: TrafficDirection,
  workload: Workload | undefined,
  bag: DiagnosticBag,
): NetworkPolicyTrafficConfig {
  if (value === undefined) return { default: undefined, rules: [] };
  const t = readRecord(value, ["default", "rules"], [direction], bag, "{ default?, rules? }");
  if (t === undefined) return { default: undefined, rules: [] };
  let fallback: NetworkPolicyTrafficDefault | undefined;
  if (t.default !== undefined) {
    if (DEFAULTS.includes(t.default as string)) fallback = t.default as NetworkPolicyTrafficDefault;
    else bag.error("default", [direction, "default"], { value: t.default });
  }
  const rules: NetworkPolicyRuleConfig[] = [];
  readList(t.rules, [direction, "rules"], bag, "a list of rules")?.forEach((r, i) => {
    const rule = readRule(r, direction, workload, [direction, "rules", i], bag);
    if (rule) rules.push(rule);
  });
  return { default: fallback, rules };
}

/** A policy's own copy of a direction: its rules list grows with `addRule` and `absorb`. */
function ownTraffic(t: NetworkPolicyTrafficConfig): Traffic {
  return { default: t.default, rules: t.rules.slice() };
}

/** A warning about rule i of a direction, as about rule i + offset (the rule moved into another policy). */
function shiftRule(d: Diagnostic, offset: Readonly<Record<TrafficDirection, number>>): Diagnostic {
  const [direction, rules, index, ...rest] = d.path;
  if ((direction !== "ingress" && direction !== "egress") || rules !== "rules" || typeof index !== "number") return d;
  return { ...d, path: [direction, rules, index + offset[direction], ...rest] };
}

/**
 * The rule `addRule` was given: a rule, or a peer (with ports). A missing peer is no rule of any peer: it is kept as
 * null, for the peer check to refuse.
 */
function ruleArgument(direction: unknown, peerOrRule: unknown, ports: unknown): unknown {
  if (direction !== "ingress" && direction !== "egress") fail("direction", ["direction"], { value: direction });
  if (isPeer(peerOrRule) || peerOrRule === undefined || peerOrRule === null || ports !== undefined)
    return { peer: peerOrRule ?? null, ...(ports !== undefined ? { ports } : {}) };
  return peerOrRule;
}

/** Reads a rule; warns about ports the workloads at the receiving end (`selected` for ingress) do not serve. */
function readRule(
  value: unknown,
  direction: TrafficDirection,
  selected: Workload | undefined,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): NetworkPolicyRuleConfig | undefined {
  const rule = readRecord(value, ["peer", "peers", "ports"], path, bag, "{ peer?, peers?, ports? }");
  if (rule === undefined) return undefined;
  if (rule.peer !== undefined && rule.peers !== undefined) {
    bag.error("peer-and-peers", path, {});
    return undefined;
  }
  let given: readonly unknown[] | undefined;
  if (rule.peer !== undefined) given = [rule.peer];
  else if (rule.peers !== undefined) {
    given = readList(rule.peers, [...path, "peers"], bag, "a list of peers");
    if (given?.length === 0) bag.error("peers-empty", [...path, "peers"], {});
    if (given === undefined || given.length === 0) return undefined;
  }
  const peerPath = (i: number) => (rule.peer !== undefined ? [...path, "peer"] : [...path, "peers", i]);
  const peers = given?.flatMap((p, i) => peerOf(p, peerPath(i), bag) ?? []);
  const ports = rule.ports === undefined ? undefined : readPorts(rule.ports, [...path, "ports"], bag);
  if (ports) warnUnservedPorts(direction, selected, given ?? [], ports, path, bag);
  return Object.freeze({ peers: peers && Object.freeze(peers), ports: ports && Object.freeze(ports) });
}

/** The selectionKey of a policy in `namespace` selecting `selector`'s pods (see NetworkPolicy.selectionKey). */
export function selectionKeyOf(namespace: string | undefined, selector: PodSelectorConfig): string {
  // The rendered selector is canonical already: its JSON is the selector's key.
  return `${namespace ?? ""}\n${JSON.stringify(renderSelector(selector.labelSelector))}`;
}

/**
 * Reads a rule's ports: NetworkPolicyPorts (also of another copy of core, by their manifest) or plain port options;
 * an empty list becomes undefined (every port), as Kubernetes reads it.
 */
export function readPorts(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): NetworkPolicyPort[] | undefined {
  const list = ownList(value);
  if (list === undefined) {
    bag.error("type", path, { found: value, expected: "a list of NetworkPolicyPorts" });
    return undefined;
  }
  const out: NetworkPolicyPort[] = [];
  list.forEach((p, i) => {
    if (p instanceof NetworkPolicyPort) out.push(p);
    else if (!isRecord(p)) bag.error("not-a-port", [...path, i], { found: p });
    else {
      // A port of another copy of core says what it is in its manifest; plain options are read as they are.
      const props = typeof p.toManifest === "function" ? (p as unknown as NetworkPolicyPort).toManifest() : p;
      const port = readPort(props, [...path, i], bag);
      if (port) out.push(NetworkPolicyPort.of({ protocol: port.protocol, ...definedPort(port) }));
    }
  });
  return out.length > 0 ? out : undefined;
}

function definedPort(p: { port: number | string | undefined; endPort: number | undefined }) {
  return {
    ...(p.port !== undefined ? { port: p.port } : {}),
    ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
  };
}

/**
 * Warns about each port of a rule that the workloads at its receiving end do not serve: the selected workload for
 * ingress, each workload peer for egress.
 */
export function warnUnservedPorts(
  direction: TrafficDirection,
  selected: Workload | undefined,
  peers: readonly unknown[],
  ports: readonly NetworkPolicyPort[],
  path: DiagnosticPath,
  bag: DiagnosticBag,
): void {
  const receivers = direction === "ingress" ? [selected] : peers;
  for (const w of receivers) if (w instanceof Workload) warnUnserved(w, ports, path, bag);
}

/** Warns about each port of `ports` that no container port of `workload` serves (when it declares any). */
function warnUnserved(
  workload: Workload,
  ports: readonly NetworkPolicyPort[],
  path: DiagnosticPath,
  bag: DiagnosticBag,
): void {
  if (workload.ports.length === 0) return;
  const served = () => workload.ports.map((c) => `${c.protocol ?? "TCP"} ${c.number}${c.name ? ` (${c.name})` : ""}`);
  ports.forEach((p, i) => {
    if (p.port === undefined) return;
    const ok = workload.ports.some(
      (c) =>
        (c.protocol ?? "TCP") === p.protocol &&
        (typeof p.port === "string"
          ? c.name === p.port
          : c.number >= (p.port as number) && c.number <= (p.endPort ?? (p.port as number))),
    );
    if (!ok) {
      const port = `${p.protocol} ${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ""}`;
      bag.warn("port-unserved", [...path, "ports", i], {
        port,
        workloads: workload.name,
        served: `its ports: ${served().join(", ")}`,
      });
    }
  });
}

/** Reads the annotations of a policy object: a map of strings. */
export function readAnnotations(value: unknown, bag: DiagnosticBag): Readonly<Record<string, string>> | undefined {
  const record = ownRecord(value);
  if (record === undefined || Object.values(record).some((v) => typeof v !== "string")) {
    bag.error("type", ["annotations"], { found: value, expected: "a map of strings" });
    return undefined;
  }
  return Object.freeze({ ...record }) as Readonly<Record<string, string>>;
}

function isolates(t: Traffic): boolean {
  return t.default !== undefined || t.rules.length > 0;
}

/** The more open of two defaults: ALLOW over DENY over none. */
function moreOpen(
  a: NetworkPolicyTrafficDefault | undefined,
  b: NetworkPolicyTrafficDefault | undefined,
): NetworkPolicyTrafficDefault | undefined {
  const { ALLOW, DENY } = NetworkPolicyTrafficDefault;
  return a === ALLOW || b === ALLOW ? ALLOW : a === DENY || b === DENY ? DENY : undefined;
}

function sortedRecord(r: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => compareStrings(a, b)));
}

/** `<pods>-<directions>`, or `<pods>-allow-…`/`<pods>-deny-…` for a policy of defaults only. */
function defaultName(subject: string, ingress: Traffic, egress: Traffic): string {
  const dirs =
    [isolates(ingress) ? "ingress" : "", isolates(egress) ? "egress" : ""].filter(Boolean).join("-") || "ingress";
  const onlyDefaults = ingress.rules.length === 0 && egress.rules.length === 0;
  const { ALLOW } = NetworkPolicyTrafficDefault;
  const kind =
    onlyDefaults && (ingress.default ?? egress.default)
      ? `${ingress.default === ALLOW || egress.default === ALLOW ? "allow" : "deny"}-${dirs}`
      : dirs;
  return cutSlug(slug(`${subject}-${kind}`), 253);
}
