// NetworkPolicy: a selector, ingress and egress traffic (defaults and rules), rendered by one renderer.
import { ownSelection } from "./checked.js";
import { type Diagnostic, DiagnosticBag, fail } from "./errors.js";
import { checkLabels, checkNamespaceName, checkObjectName, slug } from "./labels.js";
import { propsFromManifest } from "./manifests/to-model.js";
import { checkKnownKeys, isRecord } from "./options.js";
import {
  checkPodSelectorConfig,
  describe,
  type INetworkPolicyPeer,
  isPeer,
  isPodSelector,
  type NetworkPolicyPeerConfig,
  peerConfig,
  placement,
} from "./peers.js";
import { NetworkPolicyPort } from "./ports.js";
import { type ModelRule, manifestRules } from "./render/rules.js";
import { renderSelector } from "./render/selector.js";
import type { NetworkPolicyManifest, PolicyType } from "./render/types.js";
import { selectionKeyOf } from "./selection.js";
import type { IPodSelector, PodSelectorConfig } from "./selectors.js";

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
  /** The policy's name (a DNS-1123 subdomain); derived from the selector when omitted. */
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

/** A traffic direction of a policy. */
export type TrafficDirection = "ingress" | "egress";
type Direction = TrafficDirection;
/** One rule as the model keeps it. */
export type Rule = ModelRule;
interface Traffic {
  default: NetworkPolicyTrafficDefault | undefined;
  readonly rules: Rule[];
}

const DEFAULTS: readonly string[] = Object.values(NetworkPolicyTrafficDefault);

/** Props key under which `policyOfParts` hands the constructor parts that need no reading (never public). */
const PARTS = Symbol("parts");
/** What `policyOfParts` takes (internal to core). */
export interface PolicyParts {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly selector: PodSelectorConfig;
  readonly direction: Direction;
  readonly rule: Rule;
  readonly key: string;
}

/** A Kubernetes NetworkPolicy as a plain value. */
export class NetworkPolicy {
  /** The policy's name. */
  readonly name: string;
  /** The policy's namespace, when known. */
  readonly namespace: string | undefined;
  private readonly selector: PodSelectorConfig;
  private readonly traffic: Record<Direction, Traffic>;
  private readonly meta: Pick<NetworkPolicyProps, "labels" | "annotations">;
  private readonly notes: Diagnostic[] = [];
  private key: string | undefined;

  /** Creates a policy; every problem of the props is reported at once in one NetpolError. */
  constructor(props: NetworkPolicyProps = {}) {
    const parts = (props as { [PARTS]?: PolicyParts } | undefined)?.[PARTS];
    if (parts !== undefined) {
      // From parts core checked itself (see policyOfParts): nothing to read or report.
      const rules = [parts.rule];
      this.name = parts.name;
      this.namespace = parts.namespace;
      this.selector = parts.selector;
      this.traffic =
        parts.direction === "ingress"
          ? { ingress: { default: undefined, rules }, egress: { default: undefined, rules: [] } }
          : { ingress: { default: undefined, rules: [] }, egress: { default: undefined, rules } };
      this.meta = NO_META;
      this.key = parts.key;
      return;
    }
    const bag = new DiagnosticBag();
    if (!isRecord(props)) bag.error({ code: "options", path: "", message: "NetworkPolicy props must be an object" });
    checkKnownKeys(props, ["name", "namespace", "selector", "ingress", "egress", "labels", "annotations"], "", bag);
    const selector = readSelector(props.selector, bag);
    const place = selector ? placement(selector) : { namespace: undefined };
    let namespace = props.namespace;
    if (props.namespace !== undefined) checkNamespaceName(props.namespace, "namespace", bag);
    if ("problem" in place) {
      bag.error({ code: "placement", path: "selector", message: place.problem, hint: place.hint });
    } else if (namespace === undefined) {
      namespace = place.namespace;
    } else if (place.namespace !== undefined && place.namespace !== namespace) {
      bag.error({
        code: "placement",
        path: "namespace",
        message: `namespace "${namespace}" contradicts the selector, which selects pods in "${place.namespace}"`,
        hint: "A policy only applies to pods of its own namespace: drop the namespace or make them agree",
      });
    }
    if (props.name !== undefined) checkObjectName(props.name, "name", bag);
    checkLabels(props.labels, "labels", bag);
    if (props.annotations !== undefined && !isRecord(props.annotations))
      bag.error({ code: "annotations", path: "annotations", message: "annotations must be a map of strings" });
    const ingress = readTraffic(props.ingress, "ingress", bag);
    const egress = readTraffic(props.egress, "egress", bag);
    bag.throwIfErrors();
    this.notes.push(...bag.warnings);
    this.selector = selector ?? { labelSelector: {} };
    this.namespace = namespace;
    this.traffic = { ingress, egress };
    this.meta = props.labels || props.annotations ? metaOf(props) : NO_META;
    this.name = props.name ?? defaultName(props.selector, ingress, egress);
  }

  /** The model of an existing NetworkPolicy object, meaning exactly what it means (validated first). */
  static fromManifest(manifest: unknown): NetworkPolicy {
    const { props, warnings } = propsFromManifest(manifest);
    const policy = new NetworkPolicy(props);
    policy.notes.push(...warnings);
    return policy;
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
  addRule(direction: Direction, rule: NetworkPolicyRule): this;
  addRule(direction: Direction, peer: INetworkPolicyPeer, ports?: readonly NetworkPolicyPort[]): this;
  addRule(
    direction: Direction,
    peerOrRule: INetworkPolicyPeer | NetworkPolicyRule,
    ports?: readonly NetworkPolicyPort[],
  ): this {
    const bag = new DiagnosticBag();
    const index = this.traffic[direction].rules.length;
    const path = `${direction}.rules[${index}]`;
    const rule = isPeer(peerOrRule)
      ? readRule({ peer: peerOrRule, ...(ports ? { ports } : {}) }, path, bag)
      : readRule(peerOrRule, path, bag);
    bag.throwIfErrors();
    this.notes.push(...bag.warnings);
    if (rule) this.traffic[direction].rules.push(rule);
    return this;
  }

  /** Equal for policies that select the same pods in the same namespace: such policies can be one (see `absorb`). */
  get selectionKey(): string {
    this.key ??= selectionKeyOf(this.namespace, this.selector.labelSelector);
    return this.key;
  }

  /**
   * Adds the rules and defaults of `other`, a policy selecting the same pods in the same namespace. Policies are
   * additive, so this one then allows exactly what both allowed, and isolates every direction either isolated.
   */
  absorb(other: NetworkPolicy): this {
    if (other.selectionKey !== this.selectionKey) {
      fail({
        code: "absorb",
        path: this.name,
        message: `policy "${other.name}" selects other pods than "${this.name}", so it cannot be merged into it`,
        hint: "Only policies with the same namespace and pod selector can be merged",
      });
    }
    absorbTraffic(this.traffic.ingress, other.traffic.ingress);
    absorbTraffic(this.traffic.egress, other.traffic.egress);
    appendAll(this.notes, other.notes);
    return this;
  }

  /** The policy's parts as plain data (a snapshot: later rules are not reflected). */
  toConfig(): NetworkPolicyConfig {
    const traffic = (t: Traffic): NetworkPolicyTrafficConfig => ({ default: t.default, rules: [...t.rules] });
    return {
      name: this.name,
      namespace: this.namespace,
      selector: this.selector,
      ingress: traffic(this.traffic.ingress),
      egress: traffic(this.traffic.egress),
      labels: this.meta.labels,
      annotations: this.meta.annotations,
    };
  }

  /** The policy types it isolates, as rendered (`Ingress` first). */
  get policyTypes(): PolicyType[] {
    const types: PolicyType[] = [];
    if (isolates(this.traffic.ingress)) types.push("Ingress");
    if (isolates(this.traffic.egress)) types.push("Egress");
    return types.length > 0 ? types : ["Ingress"];
  }

  /** Warnings about this policy: host bits in CIDRs, a policy that denies more than it seems to. */
  get warnings(): Diagnostic[] {
    const out = [...this.notes];
    if (!isolates(this.traffic.ingress) && !isolates(this.traffic.egress)) {
      out.push({
        severity: "warning",
        code: "empty-policy",
        path: this.namespace ? `${this.namespace}/${this.name}` : this.name,
        message: `policy "${this.name}" has no rules and no defaults, so Kubernetes treats it as deny-all ingress for the pods it selects`,
        hint: "Say so with ingress: { default: NetworkPolicyTrafficDefault.DENY }, or add rules",
      });
    }
    return out;
  }

  /** The plain `networking.k8s.io/v1` object: explicit policyTypes and protocols, canonical order. */
  toManifest(): NetworkPolicyManifest {
    const types = this.policyTypes;
    const spec: NetworkPolicyManifest["spec"] = {
      podSelector: renderSelector(this.selector.labelSelector),
      policyTypes: types,
    };
    const { ingress, egress } = this.traffic;
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
    if (this.meta.labels && Object.keys(this.meta.labels).length > 0) metadata.labels = sortedRecord(this.meta.labels);
    if (this.meta.annotations && Object.keys(this.meta.annotations).length > 0)
      metadata.annotations = sortedRecord(this.meta.annotations);
    return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata, spec };
  }
}

/** The metadata of a policy without labels and annotations (never written: shared). */
const NO_META: Pick<NetworkPolicyProps, "labels" | "annotations"> = Object.freeze({});

function metaOf(props: NetworkPolicyProps): Pick<NetworkPolicyProps, "labels" | "annotations"> {
  return {
    ...(props.labels ? { labels: props.labels } : {}),
    ...(props.annotations ? { annotations: props.annotations } : {}),
  };
}

function isolates(t: Traffic): boolean {
  return t.default !== undefined || t.rules.length > 0;
}

/** `to` receives `from` (both are the policy's own arrays; a policy absorbing itself doubles its items). */
function appendAll<T>(to: T[], from: readonly T[]): void {
  const n = from.length;
  for (let i = 0; i < n; i++) to.push(from[i] as T);
}

/** Adds `theirs` to `mine`: its rules, and the more open default (ALLOW over DENY over none). */
function absorbTraffic(mine: Traffic, theirs: Traffic): void {
  appendAll(mine.rules, theirs.rules);
  const { ALLOW, DENY } = NetworkPolicyTrafficDefault;
  if (mine.default === ALLOW || theirs.default === ALLOW) mine.default = ALLOW;
  else if (mine.default === DENY || theirs.default === DENY) mine.default = DENY;
}

function sortedRecord(r: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function readSelector(selector: unknown, bag: DiagnosticBag): PodSelectorConfig | undefined {
  if (selector === undefined) return undefined;
  if (!isPodSelector(selector)) {
    bag.error({
      code: "selector",
      path: "selector",
      message: "not a pod selector",
      expected: "Pods, Namespaces, a Workload or an IPodSelector",
    });
    return undefined;
  }
  const own = ownSelection(selector);
  if (own) return own.config;
  const cfg = selector.toPodSelectorConfig();
  checkPodSelectorConfig(cfg, "selector", bag);
  return cfg;
}

function readTraffic(traffic: unknown, path: Direction, bag: DiagnosticBag): Traffic {
  const out: Traffic = { default: undefined, rules: [] };
  if (traffic === undefined) return out;
  if (!isRecord(traffic)) {
    bag.error({ code: "traffic", path, message: `${path} must be an object`, expected: "{ default?, rules? }" });
    return out;
  }
  checkKnownKeys(traffic, ["default", "rules"], path, bag);
  if (traffic.default !== undefined) {
    if (!DEFAULTS.includes(traffic.default as string)) {
      bag.error({
        code: "default",
        path: `${path}.default`,
        message: `unknown default ${JSON.stringify(traffic.default)}`,
        expected: "NetworkPolicyTrafficDefault.DENY or NetworkPolicyTrafficDefault.ALLOW",
      });
    } else out.default = traffic.default as NetworkPolicyTrafficDefault;
  }
  if (traffic.rules !== undefined) {
    if (!Array.isArray(traffic.rules))
      bag.error({ code: "rules", path: `${path}.rules`, message: "rules must be a list" });
    else
      traffic.rules.forEach((r, i) => {
        const rule = readRule(r, `${path}.rules[${i}]`, bag);
        if (rule) out.rules.push(rule);
      });
  }
  return out;
}

/**
 * Internal to core (not exported by the package): a policy with one rule, from parts core has checked itself — a
 * valid name and namespace, a checked selector, a rule read already, its selectionKey — as a connection rule
 * it issued carries them (see connections.ts).
 */
export function policyOfParts(parts: PolicyParts): NetworkPolicy {
  return new NetworkPolicy({ [PARTS]: parts } as NetworkPolicyProps);
}

/** Internal to core: appends a rule core has read already to a direction of `policy` (see connections.ts). */
export function appendRule(policy: NetworkPolicy, direction: Direction, rule: Rule): void {
  const traffic = (policy as unknown as { traffic: Record<Direction, Traffic> }).traffic;
  // Not traffic[direction]: a keyed access by two strings makes the optimized code of callers deoptimize.
  (direction === "ingress" ? traffic.ingress : traffic.egress).rules.push(rule);
}

function readRule(rule: unknown, path: string, bag: DiagnosticBag): Rule | undefined {
  if (!isRecord(rule)) {
    bag.error({ code: "rule", path, message: "a rule must be an object", expected: "{ peer?, peers?, ports? }" });
    return undefined;
  }
  checkKnownKeys(rule, ["peer", "peers", "ports"], path, bag);
  if (rule.peer !== undefined && rule.peers !== undefined) {
    bag.error({ code: "rule", path, message: "a rule takes peer or peers, not both", hint: "Put every peer in peers" });
    return undefined;
  }
  let peers: NetworkPolicyPeerConfig[] | undefined;
  if (rule.peer !== undefined) {
    const cfg = peerConfig(rule.peer, `${path}.peer`, bag);
    peers = cfg ? [cfg] : [];
  } else if (rule.peers !== undefined) {
    if (!Array.isArray(rule.peers) || rule.peers.length === 0) {
      bag.error({
        code: "peers",
        path: `${path}.peers`,
        message: "peers must be a non-empty list",
        hint: "Omit peer and peers to allow any peer",
      });
      return undefined;
    }
    peers = rule.peers.flatMap((p, i) => peerConfig(p, `${path}.peers[${i}]`, bag) ?? []);
  }
  return { peers, ports: rule.ports === undefined ? undefined : readPorts(rule.ports, `${path}.ports`, bag) };
}

/** Reads a rule's ports; an empty list becomes undefined (every port), as Kubernetes reads it. */
export function readPorts(ports: unknown, path: string, bag: DiagnosticBag): NetworkPolicyPort[] | undefined {
  if (!Array.isArray(ports)) {
    bag.error({ code: "ports", path, message: "ports must be a list" });
    return undefined;
  }
  const out: NetworkPolicyPort[] = [];
  ports.forEach((p, i) => {
    if (p instanceof NetworkPolicyPort || (isRecord(p) && typeof p.toManifest === "function"))
      out.push(p as NetworkPolicyPort);
    else
      bag.error({
        code: "port",
        path: `${path}[${i}]`,
        message: "not a NetworkPolicyPort",
        expected: "NetworkPolicyPort.tcp(80) or similar",
      });
  });
  // An empty list would mean "every port" in Kubernetes; say it explicitly by omitting ports.
  return out.length > 0 ? out : undefined;
}

function defaultName(selector: unknown, ingress: Traffic, egress: Traffic): string {
  const subject = selector === undefined ? "all-pods" : describe(selector);
  const dirs =
    [isolates(ingress) ? "ingress" : "", isolates(egress) ? "egress" : ""].filter(Boolean).join("-") || "ingress";
  const onlyDefaults = ingress.rules.length === 0 && egress.rules.length === 0;
  const kind =
    onlyDefaults && (ingress.default ?? egress.default)
      ? `${[ingress.default, egress.default].includes(NetworkPolicyTrafficDefault.ALLOW) ? "allow" : "deny"}-${dirs}`
      : dirs;
  return slug(`${subject}-${kind}`).slice(0, 253).replace(/-+$/, "");
}
