// Connections: both sides of a connection written at once, as the seed's `pod.connections` does.
import { SELECTION } from "./checked.js";
import { DiagnosticBag, fail } from "./errors.js";
import { slug } from "./labels.js";
import { describe, type INetworkPolicyPeer, isPodSelector, type NetworkPolicyPeerConfig, peerConfig } from "./peers.js";
import {
  appendRule,
  NetworkPolicy,
  type NetworkPolicyProps,
  type NetworkPolicyRule,
  NetworkPolicyTrafficDefault,
  policyOfParts,
  type Rule,
  readPorts,
  type TrafficDirection,
} from "./policy.js";
import type { NetworkPolicyPort } from "./ports.js";
import { Selection } from "./selection.js";
import type { IPodSelector, PodSelectorConfig } from "./selectors.js";
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

/** Policies letting `source` open connections to `peer`: egress on the source, ingress on the peer. */
export function allowTo(
  source: ConnectionSubject,
  peer: INetworkPolicyPeer,
  options: PodConnectionsOptions = {},
): NetworkPolicy[] {
  return connectionRules("to", source, peer, options).map(connectionPolicy);
}

/** Policies letting `peer` open connections to `destination`: ingress on the destination, egress on the peer. */
export function allowFrom(
  destination: ConnectionSubject,
  peer: INetworkPolicyPeer,
  options: PodConnectionsOptions = {},
): NetworkPolicy[] {
  return connectionRules("from", destination, peer, options).map(connectionPolicy);
}

/** A policy denying all ingress and egress of the workload's pods, except what other policies allow. */
export function isolate(subject: ConnectionSubject): NetworkPolicy[] {
  return [isolation(subject, `${describe(subject)}-deny-all`)];
}

function isolation(subject: ConnectionSubject, name: string): NetworkPolicy {
  const deny = { default: NetworkPolicyTrafficDefault.DENY };
  return new NetworkPolicy({ name, selector: subject, ingress: deny, egress: deny });
}

/** One side of a connection: the rule one policy needs, for the pods `selector` selects in `namespace`. */
export interface ConnectionRule {
  /** The name of a policy holding this rule alone, e.g. `web-allow-egress-to-api`. */
  readonly name: string;
  /** The namespace of that policy, when known. */
  readonly namespace: string | undefined;
  /** The pods the rule's policy applies to. */
  readonly selector: IPodSelector;
  /** Which traffic of those pods the rule allows. */
  readonly direction: TrafficDirection;
  /** The rule. */
  readonly rule: NetworkPolicyRule;
  /** The `selectionKey` of every policy selecting the same pods: the rule may go into any of them. */
  readonly selectionKey: string;
}

/**
 * The rules a connection needs, one per policy, as `allowTo` (`way` "to") or `allowFrom` ("from") writes them:
 * for front ends that merge connections into policies of their own (add each rule to the policy with the same
 * selectionKey, or start one with `connectionPolicy`).
 */
export function connectionRules(
  way: "to" | "from",
  subject: ConnectionSubject,
  peer: INetworkPolicyPeer,
  options: PodConnectionsOptions = {},
): ConnectionRule[] {
  const bag = new DiagnosticBag();
  if (!isPodSelector(subject)) fail({ code: "subject", path: "subject", message: "not a workload or pod selector" });
  const pods = Selection.from(subject, "subject", bag);
  const peerCfg = peerConfig(peer, "peer", bag);
  const given = options.ports === undefined ? undefined : readPorts(options.ports, "ports", bag);
  bag.throwIfErrors();
  const isolation = options.isolation;
  if (isolation !== undefined && isolation !== "POD" && isolation !== "PEER")
    fail({
      code: "isolation",
      path: "isolation",
      message: `unknown isolation ${JSON.stringify(isolation)}`,
      expected: "POD or PEER",
    });
  const subjectNs = namespaceOf(pods, "source");
  const found = options.ports === undefined ? containerPorts(way === "to" ? peer : subject) : given;
  const ports = found !== undefined && found.length > 0 ? found : undefined;
  const here = way === "to" ? "egress" : "ingress";
  const there = way === "to" ? "ingress" : "egress";
  const out: ConnectionRule[] = [];

  if (isolation !== "PEER") {
    const model: Rule = { peers: [peerCfg as NetworkPolicyPeerConfig], ports };
    out.push(new IssuedRule(subject, peer, undefined, subjectNs, subject, pods, here, peer, model));
  }
  if (isolation !== "POD" && !peerCfg?.ipBlock) {
    const peerSelector = peer.toPodSelector?.();
    if (!peerSelector)
      fail({
        code: "peer-selector",
        path: "peer",
        message: `cannot write the ${there} side for peer "${describe(peer)}": it does not select pods`,
        hint: "Pass isolation: PodConnectionsIsolation.POD to configure only this side",
      });
    const theirs = Selection.from(peerSelector, "peer", bag);
    bag.throwIfErrors();
    const ns = theirs.config.namespaces;
    const names = ns?.names ?? [];
    if (ns && (names.length === 0 || ns.labelSelector?.labels || ns.labelSelector?.expressions?.length)) {
      fail({
        code: "peer-namespace",
        path: "peer",
        message: `cannot place the ${there} policy for peer "${describe(peer)}": it selects namespaces by labels or selects all of them`,
        hint: "Select the peer's namespaces by name, or pass isolation: PodConnectionsIsolation.POD",
      });
    }
    const peerNamespaces: (string | undefined)[] =
      names.length === 0 ? [subjectNs] : names.length === 1 ? [names[0]] : [...new Set(names)].sort();
    checkSubjectVisible(subject, subjectNs, peerNamespaces);
    // The subject as the peer of the policies on the other side. They select the peer's pods; by labels only when
    // they are several (one per namespace), as a policy selects pods of its own namespace only.
    const model: Rule = { peers: [pods.toNetworkPolicyPeerConfig()], ports };
    const several = peerNamespaces.length > 1;
    const selector = several ? theirs.labelsOnly : theirs;
    for (const n of peerNamespaces)
      out.push(new IssuedRule(peer, subject, several ? n : undefined, n, selector, selector, there, pods, model));
  }
  return out;
}

/** A connection rule as core issues it: it knows its parts as checked, so its policy is built without reading them. */
class IssuedRule implements ConnectionRule {
  readonly selectionKey: string;
  readonly #pods: Selection;
  readonly #peer: INetworkPolicyPeer;
  readonly #model: Rule;
  readonly #selected: unknown;
  readonly #other: unknown;
  readonly #in: string | undefined;
  #name: string | undefined;
  #rule: NetworkPolicyRule | undefined;

  constructor(
    // What the policy selects and the other end, as given (described for names), and the namespace to name when
    // there are several.
    selected: unknown,
    other: unknown,
    namedNamespace: string | undefined,
    readonly namespace: string | undefined,
    readonly selector: IPodSelector,
    pods: Selection,
    readonly direction: TrafficDirection,
    peer: INetworkPolicyPeer,
    model: Rule,
  ) {
    this.selectionKey = pods.keyIn(namespace);
    this.#selected = selected;
    this.#other = other;
    this.#in = namedNamespace;
    this.#pods = pods;
    this.#peer = peer;
    this.#model = model;
  }

  /** The name of a policy holding this rule alone (worked out when asked: merging front ends never ask). */
  get name(): string {
    this.#name ??= policyName(describe(this.#selected), this.direction, describe(this.#other), this.#in);
    return this.#name;
  }

  /** The rule (built when asked: front ends that merge rules use the model core keeps). */
  get rule(): NetworkPolicyRule {
    this.#rule ??= this.#model.ports ? { peer: this.#peer, ports: this.#model.ports } : { peer: this.#peer };
    return this.#rule;
  }

  /** The policy holding this rule alone, for a rule core issued. */
  static policyOf(rule: ConnectionRule): NetworkPolicy | undefined {
    if (!(#model in rule)) return undefined;
    const r = rule as IssuedRule;
    return policyOfParts({
      name: r.name,
      namespace: r.namespace,
      selector: r.#pods.config,
      direction: r.direction,
      rule: r.#model,
      key: r.selectionKey,
    });
  }

  /** The side of a connection a rule core issued stands for. */
  static sideOf(rule: IssuedRule): Side {
    return {
      pods: rule.#pods,
      namespace: rule.namespace,
      direction: rule.direction,
      rule: rule.#model,
      selected: rule.#selected,
    };
  }

  /** The rule as read already, for a rule core issued. */
  static modelOf(rule: ConnectionRule): Rule | undefined {
    return #model in rule ? (rule as IssuedRule).#model : undefined;
  }
}

/** A policy holding one connection rule alone, named after it. */
export function connectionPolicy(rule: ConnectionRule): NetworkPolicy {
  const issued = IssuedRule.policyOf(rule);
  if (issued) return issued;
  const { name, namespace, selector } = rule;
  const traffic = { rules: [rule.rule] };
  const props: NetworkPolicyProps =
    rule.direction === "ingress" ? { name, selector, ingress: traffic } : { name, selector, egress: traffic };
  return new NetworkPolicy(namespace === undefined ? props : { ...props, namespace });
}

/**
 * Adds a connection rule to `policy`, a policy selecting the same pods (the same `selectionKey`): how a front end
 * merges connections into one policy per selected pods.
 */
export function addConnectionRule(policy: NetworkPolicy, rule: ConnectionRule): NetworkPolicy {
  if (policy.selectionKey !== rule.selectionKey)
    fail({
      code: "connection-rule",
      path: policy.name,
      message: `the rule of "${rule.name}" is for other pods than policy "${policy.name}" selects`,
      hint: "Add a connection rule only to a policy with the same selectionKey",
    });
  const model = IssuedRule.modelOf(rule);
  if (model) appendRule(policy, rule.direction, model);
  else policy.addRule(rule.direction, rule.rule);
  return policy;
}

/** Options of `ConnectionPolicies`. */
export interface ConnectionPoliciesOptions {
  /**
   * Called once for each policy the set creates, in creation order, with the pods it selects: where a front end
   * makes its own object for the policy (a cdk8s construct, say).
   */
  readonly onCreate?: (policy: NetworkPolicy, selector: PodSelectorConfig) => void;
}

/** One side of a connection: a rule for the policy of the pods `pods` selects in `namespace`. */
interface Side {
  readonly pods: Selection;
  readonly namespace: string | undefined;
  readonly direction: TrafficDirection;
  readonly rule: Rule;
  /** What the policy selects, as given (described in the policy's name). */
  readonly selected: unknown;
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
    this.#onCreate = options.onCreate;
  }

  /** Lets `source` open connections to `peer` (see `allowTo`); returns the policies it wrote to. */
  allowTo(source: ConnectionSubject, peer: INetworkPolicyPeer, options: PodConnectionsOptions = {}): NetworkPolicy[] {
    return this.#connect("to", source, peer, options);
  }

  /** Lets `peer` open connections to `destination` (see `allowFrom`); returns the policies it wrote to. */
  allowFrom(
    destination: ConnectionSubject,
    peer: INetworkPolicyPeer,
    options: PodConnectionsOptions = {},
  ): NetworkPolicy[] {
    return this.#connect("from", destination, peer, options);
  }

  /** Denies all ingress and egress of the subject's pods, except what connections allow; returns its policy. */
  isolate(subject: ConnectionSubject): NetworkPolicy[] {
    const deny = isolation(subject, "isolation");
    const existing = this.#byKey.get(deny.selectionKey);
    if (existing) return [existing.absorb(deny)];
    const policy = isolation(subject, this.#freeName(deny.namespace, subject));
    this.#created(policy, subject.toPodSelectorConfig());
    return [policy];
  }

  /** Every policy of the set, in creation order. */
  get policies(): NetworkPolicy[] {
    return [...this.#byKey.values()];
  }

  #connect(way: "to" | "from", subject: ConnectionSubject, peer: INetworkPolicyPeer, options: PodConnectionsOptions) {
    const out: NetworkPolicy[] = [];
    if (!this.#connectWorkloads(way, subject, peer, options, out)) {
      const rules = connectionRules(way, subject, peer, options);
      for (let i = 0; i < rules.length; i++) this.#add(IssuedRule.sideOf(rules[i] as IssuedRule), out);
    }
    return out;
  }

  /**
   * Adds both sides of a connection between two workloads with the ports the destination serves (most
   * connections): each follows from the workloads alone, as connectionRules works it out, without its general
   * checks. False, adding nothing, for any other connection, and when connectionRules has a problem to report (the
   * subject's namespace unknown but the peer's known, an unknown isolation).
   */
  #connectWorkloads(
    way: "to" | "from",
    subject: ConnectionSubject,
    peer: INetworkPolicyPeer,
    options: PodConnectionsOptions,
    out: NetworkPolicy[],
  ): boolean {
    if (!(subject instanceof Workload && peer instanceof Workload) || options.ports !== undefined) return false;
    const isolation = options.isolation;
    if (isolation !== undefined && isolation !== "POD" && isolation !== "PEER") return false;
    if (subject.namespace === undefined && peer.namespace !== undefined) return false;
    const mine = subject[SELECTION]();
    const theirs = peer[SELECTION]();
    const found = (way === "to" ? peer : subject).networkPolicyPorts();
    const ports = found.length > 0 ? found : undefined;
    if (isolation !== "PEER") {
      const rule: Rule = { peers: [theirs.toNetworkPolicyPeerConfig()], ports };
      const direction = way === "to" ? "egress" : "ingress";
      this.#add({ pods: mine, namespace: subject.namespace, direction, rule, selected: subject }, out);
    }
    if (isolation !== "POD") {
      const rule: Rule = { peers: [mine.toNetworkPolicyPeerConfig()], ports };
      // A peer of unknown namespace is taken to be in the subject's.
      const namespace = peer.namespace ?? subject.namespace;
      const direction = way === "to" ? "ingress" : "egress";
      this.#add({ pods: theirs, namespace, direction, rule, selected: peer }, out);
    }
    return true;
  }

  /** Adds a side's rule to the policy of its pods (made on first use), and that policy to `out` once. */
  #add(side: Side, out: NetworkPolicy[]): void {
    const key = side.pods.keyIn(side.namespace);
    let policy = this.#byKey.get(key);
    if (policy) appendRule(policy, side.direction, side.rule);
    else {
      const { pods, namespace, direction, rule } = side;
      const name = this.#freeName(namespace, side.selected);
      policy = policyOfParts({ name, namespace, selector: pods.config, direction, rule, key });
      this.#created(policy, pods.config);
    }
    if (!out.includes(policy)) out.push(policy);
  }

  #created(policy: NetworkPolicy, selector: PodSelectorConfig): void {
    this.#byKey.set(policy.selectionKey, policy);
    this.#onCreate?.(policy, selector);
  }

  /** `<pods>-connections`, numbered when other pods of the namespace have that name already. */
  #freeName(namespace: string | undefined, selected: unknown): string {
    // describe() gives a slug, with no '-' at either end unless cut short.
    const pods = describe(selected);
    const base = `${pods.length > 236 ? pods.slice(0, 236).replace(/-+$/, "") : pods || "pods"}-connections`;
    let name = base;
    for (let n = 2; this.#names.has(`${namespace ?? ""}/${name}`); n++) name = `${base}-${n}`;
    this.#names.add(`${namespace ?? ""}/${name}`);
    return name;
  }
}

/** Fails when the policies in `peerNamespaces` cannot select the subject: it needs a namespace when those differ. */
function checkSubjectVisible(
  subject: IPodSelector,
  subjectNs: string | undefined,
  peerNamespaces: (string | undefined)[],
): void {
  if (subjectNs === undefined && peerNamespaces.some((ns) => ns !== undefined)) {
    fail({
      code: "namespace-unknown",
      path: "source.namespace",
      message: `"${describe(subject)}" has no namespace, so the policy in "${peerNamespaces.find((n) => n !== undefined)}" cannot select it`,
      hint: `Set the namespace of "${describe(subject)}" (e.g. Workload.of({ …, namespace: "web" }) or metadata.namespace)`,
    });
  }
}

function namespaceOf(pods: Selection, role: string): string | undefined {
  const p = pods.placement;
  if ("problem" in p) fail({ code: "placement", path: role, message: p.problem, hint: p.hint });
  return p.namespace;
}

/** The destination's container ports, with their real protocols; undefined when unknown (every port). */
function containerPorts(destination: unknown): readonly NetworkPolicyPort[] | undefined {
  if (!(destination instanceof Workload) || destination.ports.length === 0) return undefined;
  return destination.networkPolicyPorts();
}

function policyName(subject: string, direction: string, other: string, ns?: string): string {
  const verb = direction === "egress" ? "egress-to" : "ingress-from";
  // describe() returns slugs (a-z0-9 runs joined by single '-'): two non-empty ones joined this way already are
  // the slug of the whole, so only longer or namespaced names need the regular expressions.
  if (ns === undefined && subject !== "" && other !== "") {
    const name = `${subject}-allow-${verb}-${other}`;
    if (name.length <= 253) return name;
  }
  return slug(`${subject}-allow-${verb}-${other}${ns ? `-in-${ns}` : ""}`)
    .slice(0, 253)
    .replace(/-+$/, "");
}
