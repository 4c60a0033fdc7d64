// Connections: both sides of a connection written at once, as the seed's `pod.connections` does. A connection is a
// list of rules, one per policy (`connectionRules`): `allowTo` makes a policy of each, and `ConnectionPolicies`
// merges them into one policy per selected pods. Each end is read and checked once, here, for all its policies.
import type {
  INetworkPolicyPeer,
  IPodSelector,
  NetworkPolicyPeerConfig,
  PodSelectorConfig,
  TrafficDirection,
} from "./data.js";
import { type Diagnostic, DiagnosticBag, type DiagnosticPath, fail } from "./errors.js";
import { ownRecord } from "./input.js";
import { cutSlug, slug } from "./labels.js";
import { describe, peerOf, placement, selectorOf } from "./peers.js";
import {
  checkedPolicy,
  type NetworkPolicy,
  type NetworkPolicyRuleConfig,
  NetworkPolicyTrafficDefault,
  readPorts,
  selectionKeyOf,
  warnUnservedPorts,
} from "./policy.js";
import type { NetworkPolicyPort } from "./ports.js";
import { isEmptySelector, type SelectorReads } from "./selectors.js";
import { Workload } from "./workloads.js";

/** Which side of a connection gets a policy. */
export const PodConnectionsIsolation = {
  /** Only the policy that selects the pod whose connections are configured. */
  POD: "POD",
  /** Only the policy (or policies) that select the peer. */
  PEER: "PEER",
} as const;
/** Which side of a connection gets a policy; unset means both. */
export type PodConnectionsIsolation = (typeof PodConnectionsIsolation)[keyof typeof PodConnectionsIsolation];

/** Options of `allowTo` and `allowFrom`. */
export interface PodConnectionsOptions {
  /** The ports; default the destination's container ports, with their protocols. */
  readonly ports?: readonly NetworkPolicyPort[];
  /** Restrict which side gets a policy; default both. */
  readonly isolation?: PodConnectionsIsolation;
}

/** The pods whose connections are configured: a workload, or pods in a known namespace. */
export type ConnectionSubject = Workload | IPodSelector;

/** One side of a connection, read and checked: the rule one policy needs, for the pods it selects. */
interface ConnectionRule {
  /** What a policy holding this rule alone is named after: its pods, the other end, the namespace (see `nameOf`). */
  readonly naming: readonly [pods: string, other: string, namespace?: string];
  /** The namespace of that policy, when known. */
  readonly namespace: string | undefined;
  /** The pods the rule's policy applies to, as given, when one value: a workload tells its ports. */
  readonly selected: unknown;
  /** What those pods are called in policy names (`web` for a workload named web). */
  readonly subject: string;
  /** Those pods, checked. */
  readonly selector: PodSelectorConfig;
  /** Which traffic of those pods the rule allows. */
  readonly direction: TrafficDirection;
  /** The rule, checked. */
  readonly rule: NetworkPolicyRuleConfig;
  /** Warnings about the rule (ports the receiving workloads do not serve). */
  readonly notes: readonly Diagnostic[];
  /** The `selectionKey` of every policy selecting the same pods: the rule may go into any of them. */
  readonly selectionKey: string;
}

/** Policies letting `source` open connections to `peer`: egress on the source, ingress on the peer. */
export function allowTo(
  source: ConnectionSubject,
  peer: INetworkPolicyPeer,
  options: PodConnectionsOptions = {},
): NetworkPolicy[] {
  return connectionRules("to", source, peer, options).map((r) => policyOf(r, nameOf(r)));
}

/** Policies letting `peer` open connections to `destination`: ingress on the destination, egress on the peer. */
export function allowFrom(
  destination: ConnectionSubject,
  peer: INetworkPolicyPeer,
  options: PodConnectionsOptions = {},
): NetworkPolicy[] {
  return connectionRules("from", destination, peer, options).map((r) => policyOf(r, nameOf(r)));
}

/** A policy denying all ingress and egress of the subject's pods, except what other policies allow. */
export function isolate(subject: ConnectionSubject): NetworkPolicy[] {
  const { selector, namespace } = readSubject(subject);
  return [denyAll(subject, selector, namespace, cutSlug(slug(`${describe(subject)}-deny-all`), 253))];
}

/** The subject's pods, checked, and the namespace their policy lives in. */
function readSubject(subject: ConnectionSubject): { selector: PodSelectorConfig; namespace: string | undefined } {
  const bag = new DiagnosticBag();
  const selector = selectorOf(subject, ["subject"], bag);
  bag.throwIfErrors();
  return {
    selector: selector as PodSelectorConfig,
    namespace: namespaceOf(selector as PodSelectorConfig, ["subject"]),
  };
}

/** The policy `isolate` writes: both directions denied, no rule. */
function denyAll(
  subject: ConnectionSubject,
  selector: PodSelectorConfig,
  namespace: string | undefined,
  name: string,
): NetworkPolicy {
  const deny = { default: NetworkPolicyTrafficDefault.DENY, rules: [] };
  return checkedPolicy({
    name,
    subject: describe(subject),
    namespace,
    selector,
    workload: subject instanceof Workload ? subject : undefined,
    ingress: deny,
    egress: deny,
    labels: undefined,
    annotations: undefined,
    notes: [],
  });
}

/** The rules a connection needs, one per policy, as `allowTo` (`way` "to") or `allowFrom` ("from") writes them. */
function connectionRules(
  way: "to" | "from",
  subject: ConnectionSubject,
  peer: INetworkPolicyPeer,
  options: PodConnectionsOptions = {},
): ConnectionRule[] {
  const bag = new DiagnosticBag();
  const reads: SelectorReads = new Map();
  const mine = selectorOf(subject, ["subject"], bag, reads);
  const peerCfg = peerOf(peer, ["peer"], bag, reads);
  const opts = ownRecord(options) ?? {};
  const given = opts.ports === undefined ? undefined : readPorts(opts.ports, ["ports"], bag);
  const isolation = opts.isolation;
  if (isolation !== undefined && isolation !== "POD" && isolation !== "PEER")
    bag.error("isolation", ["isolation"], { value: isolation });
  bag.throwIfErrors();
  const subjectCfg = mine as PodSelectorConfig;
  const subjectNs = namespaceOf(subjectCfg, ["source"]);
  const destination = way === "to" ? peer : subject;
  // Ports left to default are the destination's own container ports: it serves each of them (no warning to look for).
  const ports = opts.ports !== undefined ? given : containerPorts(destination);
  const here = way === "to" ? "egress" : "ingress";
  const there = way === "to" ? "ingress" : "egress";
  const subjectName = describe(subject);
  const peerName = describe(peer);
  const out: ConnectionRule[] = [];
  if (isolation !== "PEER")
    out.push({
      naming: [subjectName, peerName],
      namespace: subjectNs,
      selected: subject,
      subject: subjectName,
      selector: subjectCfg,
      direction: here,
      rule: ruleOf(peerCfg as NetworkPolicyPeerConfig, ports),
      notes: opts.ports === undefined ? [] : unserved(here, subject, peer, ports),
      selectionKey: selectionKeyOf(subjectNs, subjectCfg),
    });
  if (isolation === "POD" || (peerCfg as NetworkPolicyPeerConfig).ipBlock) return out;
  const peerSelector = peer.toPodSelector?.();
  if (!peerSelector) fail("peer-selector", ["peer"], { peer: peerName, direction: there });
  const theirs = selectorOf(peerSelector, ["peer"], bag, reads) as PodSelectorConfig;
  bag.throwIfErrors();
  const ns = theirs.namespaces;
  if (ns && (ns.names === undefined || !isEmptySelector(ns.labelSelector)))
    fail("peer-namespace", ["peer"], { peer: peerName, direction: there });
  // The policies on the other side select the peer's pods, in each of its namespaces; by labels alone when they are
  // several (a policy selects pods of its own namespace only).
  const peerNamespaces = ns?.names ?? [subjectNs];
  const named = peerNamespaces.find((n) => n !== undefined);
  if (subjectNs === undefined && named !== undefined)
    fail("namespace-unknown", ["source", "namespace"], { subject: subjectName, namespace: named });
  const several = peerNamespaces.length > 1;
  const selector: PodSelectorConfig = several ? Object.freeze({ labelSelector: theirs.labelSelector }) : theirs;
  const selected = several ? undefined : peerSelector;
  const selectedName = describe(selected ?? { toPodSelectorConfig: () => selector });
  const rule = ruleOf(Object.freeze({ podSelector: subjectCfg }), ports);
  for (const n of peerNamespaces)
    out.push({
      naming: several ? [peerName, subjectName, n as string] : [peerName, subjectName],
      namespace: n,
      selected,
      subject: selectedName,
      selector,
      direction: there,
      rule,
      notes: opts.ports === undefined ? [] : unserved(there, selected, undefined, ports),
      selectionKey: selectionKeyOf(n, selector),
    });
  return out;
}

/** Warnings about `ports` that the receiving workload does not serve (see `warnUnservedPorts`). */
function unserved(
  direction: TrafficDirection,
  selected: unknown,
  peer: unknown,
  ports: readonly NetworkPolicyPort[] | undefined,
): Diagnostic[] {
  if (!ports) return [];
  const bag = new DiagnosticBag();
  const workload = selected instanceof Workload ? selected : undefined;
  warnUnservedPorts(direction, workload, [peer], ports, [direction, "rules", 0], bag);
  return bag.warnings;
}

/** A workload whose pods and namespace are not known yet (a front end's resource before its outputs arrive). */
export interface PendingWorkload {
  /** Its name, as the policies are named after it. */
  readonly name: string;
  /** `workload`, or `namespace` (every pod of one namespace, as a peer). */
  readonly kind: "workload" | "namespace";
}

/** One policy a connection will write: its name and direction, and whether it is the subject's or the peer's. */
export interface PlannedPolicy {
  /** The name `allowTo`/`allowFrom` give it. */
  readonly name: string;
  /** Which traffic it allows. */
  readonly direction: TrafficDirection;
  /** Whose pods it selects. */
  readonly side: "subject" | "peer";
}

const isPending = (v: unknown): v is PendingWorkload => {
  const r = ownRecord(v);
  return r !== undefined && typeof r.name === "string" && (r.kind === "workload" || r.kind === "namespace");
};

/**
 * The policies a connection will write, in the order `allowTo`/`allowFrom` return them, before the pods of its ends
 * are known: what front ends need to name their resources ahead of the values (a workload or a namespace has one
 * namespace, so each pending end is one policy).
 */
export function planConnection(
  way: "to" | "from",
  subject: ConnectionSubject | PendingWorkload,
  peer: INetworkPolicyPeer | PendingWorkload,
  options: PodConnectionsOptions = {},
): PlannedPolicy[] {
  if (!isPending(subject) && !isPending(peer))
    return connectionRules(way, subject, peer, options).map((r, i) => ({
      name: nameOf(r),
      direction: r.direction,
      side: i === 0 && ownRecord(options)?.isolation !== "PEER" ? "subject" : "peer",
    }));
  const isolation = ownRecord(options)?.isolation;
  if (isolation !== undefined && isolation !== "POD" && isolation !== "PEER")
    fail("isolation", ["isolation"], { value: isolation });
  const here = way === "to" ? "egress" : "ingress";
  const there = way === "to" ? "ingress" : "egress";
  const name = (x: unknown) => (isPending(x) ? slug(x.name) : describe(x));
  const out: PlannedPolicy[] = [];
  if (isolation !== "PEER")
    out.push({ name: policyName(name(subject), here, name(peer)), direction: here, side: "subject" });
  if (isolation === "POD") return out;
  if (!isPending(peer)) {
    // A core peer beside a pending subject: its side is as connectionRules would write it.
    const bag = new DiagnosticBag();
    const cfg = peerOf(peer, ["peer"], bag);
    bag.throwIfErrors();
    if (cfg?.ipBlock) return out;
    const names = (peer.toPodSelector?.()?.toPodSelectorConfig().namespaces?.names ?? []) as readonly string[];
    const several = names.length > 1;
    for (const n of several ? names : [undefined])
      out.push({ name: policyName(describe(peer), there, name(subject), n), direction: there, side: "peer" });
    return out;
  }
  out.push({ name: policyName(name(peer), there, name(subject)), direction: there, side: "peer" });
  return out;
}

/** A policy holding one connection rule alone, named `name`. */
function policyOf(rule: ConnectionRule, name: string): NetworkPolicy {
  const traffic = (direction: TrafficDirection) => ({
    default: undefined,
    rules: rule.direction === direction ? [rule.rule] : [],
  });
  return checkedPolicy({
    name,
    subject: rule.subject,
    namespace: rule.namespace,
    selector: rule.selector,
    workload: rule.selected instanceof Workload ? rule.selected : undefined,
    ingress: traffic("ingress"),
    egress: traffic("egress"),
    labels: undefined,
    annotations: undefined,
    notes: rule.notes,
    selectionKey: rule.selectionKey,
  });
}

/** Options of `ConnectionPolicies`. */
export interface ConnectionPoliciesOptions {
  /**
   * Called once for each policy the set creates, in creation order, with the pods it selects: where a front end
   * makes its own object for the policy (a cdk8s construct, say).
   */
  readonly onCreate?: (policy: NetworkPolicy, selector: PodSelectorConfig) => void;
}

/**
 * The policies that connections write, one per selected pods: every connection of the same pods (the same
 * `selectionKey`) lands in one policy, named `<pods>-connections`. What a cdk8s chart keeps for `pod.connections`.
 */
export class ConnectionPolicies {
  readonly #byKey = new Map<string, NetworkPolicy>();
  readonly #names = new Set<string>();
  readonly #onCreate: ConnectionPoliciesOptions["onCreate"];

  /** An empty set; `onCreate` hears of each policy it creates. */
  constructor(options: ConnectionPoliciesOptions = {}) {
    this.#onCreate = ownRecord(options)?.onCreate as ConnectionPoliciesOptions["onCreate"];
  }

  /** Lets `source` open connections to `peer` (see `allowTo`); returns the policies it wrote to. */
  allowTo(source: ConnectionSubject, peer: INetworkPolicyPeer, options: PodConnectionsOptions = {}): NetworkPolicy[] {
    return this.#add(connectionRules("to", source, peer, options));
  }

  /** Lets `peer` open connections to `destination` (see `allowFrom`); returns the policies it wrote to. */
  allowFrom(
    destination: ConnectionSubject,
    peer: INetworkPolicyPeer,
    options: PodConnectionsOptions = {},
  ): NetworkPolicy[] {
    return this.#add(connectionRules("from", destination, peer, options));
  }

  /** Denies all ingress and egress of the subject's pods, except what connections allow; returns its policy. */
  isolate(subject: ConnectionSubject): NetworkPolicy[] {
    const { selector, namespace } = readSubject(subject);
    const existing = this.#byKey.get(selectionKeyOf(namespace, selector));
    if (existing) return [existing.absorb(denyAll(subject, selector, namespace, existing.name))];
    const policy = denyAll(subject, selector, namespace, this.#freeName(namespace, describe(subject)));
    this.#created(policy, selector);
    return [policy];
  }

  /** Every policy of the set, in creation order. */
  get policies(): NetworkPolicy[] {
    return [...this.#byKey.values()];
  }

  /** Adds each rule to the policy of its pods (made on first use); returns those policies, each once. */
  #add(rules: readonly ConnectionRule[]): NetworkPolicy[] {
    const out: NetworkPolicy[] = [];
    for (const rule of rules) {
      let policy = this.#byKey.get(rule.selectionKey);
      if (policy) policy.absorb(policyOf(rule, policy.name));
      else {
        policy = policyOf(rule, this.#freeName(rule.namespace, rule.subject));
        this.#created(policy, rule.selector, rule.selectionKey);
      }
      if (!out.includes(policy)) out.push(policy);
    }
    return out;
  }

  #created(policy: NetworkPolicy, selector: PodSelectorConfig, selectionKey = policy.selectionKey): void {
    this.#byKey.set(selectionKey, policy);
    this.#onCreate?.(policy, selector);
  }

  /** `<pods>-connections`, numbered when other pods of the namespace have that name already. */
  #freeName(namespace: string | undefined, pods: string): string {
    const base = `${cutSlug(pods, 236) || "pods"}-connections`;
    let name = base;
    for (let n = 2; this.#names.has(`${namespace ?? ""}/${name}`); n++) name = `${base}-${n}`;
    this.#names.add(`${namespace ?? ""}/${name}`);
    return name;
  }
}

/** The namespace a policy selecting `selector` lives in; fails when it cannot be placed. */
function namespaceOf(selector: PodSelectorConfig, path: DiagnosticPath): string | undefined {
  const p = placement(selector);
  if ("problem" in p)
    fail("placement", path, { reason: p.problem, ...(p.namespaces ? { namespaces: p.namespaces } : {}) });
  return p.namespace;
}

/** A rule allowing `peer` on `ports` (every port when undefined), frozen as the policies' own rules are. */
function ruleOf(
  peer: NetworkPolicyPeerConfig,
  ports: readonly NetworkPolicyPort[] | undefined,
): NetworkPolicyRuleConfig {
  return Object.freeze({ peers: Object.freeze([peer]), ports: ports && Object.freeze([...ports]) });
}

/** The destination's container ports, with their real protocols; undefined when unknown (every port). */
function containerPorts(destination: unknown): readonly NetworkPolicyPort[] | undefined {
  if (!(destination instanceof Workload) || destination.ports.length === 0) return undefined;
  return destination.networkPolicyPorts();
}

/** The name of a policy holding `rule` alone, e.g. `web-allow-egress-to-api`. */
function nameOf(rule: ConnectionRule): string {
  const [pods, other, namespace] = rule.naming;
  return policyName(pods, rule.direction, other, namespace);
}

/** `<subject>-allow-<direction>-<other>[-in-<namespace>]`, a DNS-1123 subdomain. */
function policyName(subject: string, direction: TrafficDirection, other: string, ns?: string): string {
  const verb = direction === "egress" ? "egress-to" : "ingress-from";
  return cutSlug(slug(`${subject}-allow-${verb}-${other}${ns ? `-in-${ns}` : ""}`), 253);
}
