// Connections: both sides of a connection written at once, as the seed's `pod.connections` does.
import { DiagnosticBag, fail } from "./errors.js";
import { slug } from "./labels.js";
import {
  describe,
  type INetworkPolicyPeer,
  isPodSelector,
  type NetworkPolicyPeerConfig,
  peerConfig,
  placement,
} from "./peers.js";
import { checkedPolicy, NetworkPolicy, NetworkPolicyTrafficDefault, selectionKeyOf } from "./policy.js";
import { NetworkPolicyPort } from "./ports.js";
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
  return connect("to", source, peer, options);
}

/** Policies letting `peer` open connections to `destination`: ingress on the destination, egress on the peer. */
export function allowFrom(
  destination: ConnectionSubject,
  peer: INetworkPolicyPeer,
  options: PodConnectionsOptions = {},
): NetworkPolicy[] {
  return connect("from", destination, peer, options);
}

/** A policy denying all ingress and egress of the workload's pods, except what other policies allow. */
export function isolate(subject: ConnectionSubject): NetworkPolicy[] {
  return [
    new NetworkPolicy({
      name: `${describe(subject)}-deny-all`,
      selector: subject,
      ingress: { default: NetworkPolicyTrafficDefault.DENY },
      egress: { default: NetworkPolicyTrafficDefault.DENY },
    }),
  ];
}

function connect(
  way: "to" | "from",
  subject: ConnectionSubject,
  peer: INetworkPolicyPeer,
  options: PodConnectionsOptions,
): NetworkPolicy[] {
  if (subject instanceof Workload && peer instanceof Workload && options.ports === undefined)
    return connectWorkloads(way, subject, peer, options.isolation);
  const bag = new DiagnosticBag();
  if (!isPodSelector(subject)) fail({ code: "subject", path: "subject", message: "not a workload or pod selector" });
  const peerCfg = peerConfig(peer, "peer", bag);
  bag.throwIfErrors();
  const isolation = options.isolation;
  checkIsolation(isolation);
  const subjectNs = namespaceOf(subject, "source");
  const destination = way === "to" ? peer : subject;
  const ports = options.ports ?? containerPorts(destination);
  const rules = ports && ports.length > 0 ? ports : undefined;
  const subjectName = describe(subject);
  const peerName = describe(peer);
  const out: NetworkPolicy[] = [];
  const here = way === "to" ? "egress" : "ingress";
  const there = way === "to" ? "ingress" : "egress";

  if (isolation !== "PEER") {
    out.push(
      new NetworkPolicy({
        name: policyName(subjectName, here, peerName),
        selector: subject,
        [here]: { rules: [{ peer, ...(rules ? { ports: rules } : {}) }] },
      }),
    );
  }
  if (isolation !== "POD" && !peerCfg?.ipBlock) {
    const peerSelector = peer.toPodSelector?.();
    if (!peerSelector)
      fail({
        code: "peer-selector",
        path: "peer",
        message: `cannot write the ${there} side for peer "${peerName}": it does not select pods`,
        hint: "Pass isolation: PodConnectionsIsolation.POD to configure only this side",
      });
    const cfg = peerSelector.toPodSelectorConfig();
    const names = cfg.namespaces?.names ?? [];
    if (
      cfg.namespaces &&
      (names.length === 0 || cfg.namespaces.labelSelector?.labels || cfg.namespaces.labelSelector?.expressions?.length)
    ) {
      fail({
        code: "peer-namespace",
        path: "peer",
        message: `cannot place the ${there} policy for peer "${peerName}": it selects namespaces by labels or selects all of them`,
        hint: "Select the peer's namespaces by name, or pass isolation: PodConnectionsIsolation.POD",
      });
    }
    const peerNamespaces: (string | undefined)[] = names.length > 0 ? [...names].sort() : [subjectNs];
    const subjectPeer = asPeer(subject, subjectNs, peerNamespaces);
    for (const ns of peerNamespaces) {
      out.push(
        new NetworkPolicy({
          name: policyName(peerName, there, subjectName, peerNamespaces.length > 1 ? ns : undefined),
          ...(ns !== undefined ? { namespace: ns } : {}),
          selector: onlyLabels(cfg),
          [there]: { rules: [{ peer: subjectPeer, ...(rules ? { ports: rules } : {}) }] },
        }),
      );
    }
  }
  return out;
}

function checkIsolation(isolation: unknown): void {
  if (isolation !== undefined && isolation !== "POD" && isolation !== "PEER")
    fail({
      code: "isolation",
      path: "isolation",
      message: `unknown isolation ${JSON.stringify(isolation)}`,
      expected: "POD or PEER",
    });
}

/**
 * `connect` between two workloads with their own container ports (the common case, e.g. a whole ring of
 * Deployments): the same policies, built without re-reading and re-checking what Workload.of already checked
 * (workloads are frozen). test/connections-laws.test.ts checks it writes what the general path writes.
 */
function connectWorkloads(
  way: "to" | "from",
  subject: Workload,
  peer: Workload,
  isolation: PodConnectionsIsolation | undefined,
): NetworkPolicy[] {
  checkIsolation(isolation);
  const subjectNs = subject.namespace;
  const ports = containerPorts(way === "to" ? peer : subject);
  const subjectName = workloadName(subject);
  const peerName = workloadName(peer);
  const out: NetworkPolicy[] = [];
  const here = way === "to" ? "egress" : "ingress";
  const there = way === "to" ? "ingress" : "egress";
  const subjectParts = partsOf(subject);
  const peerParts = partsOf(peer);
  if (isolation !== "PEER") {
    const rule = { peers: peerParts.asPeers, ports };
    const key = workloadKey(subject.labels, subjectNs);
    const name = policyName(subjectName, here, peerName);
    out.push(checkedPolicy(name, subjectNs, subjectParts.selector, here, rule, key));
  }
  if (isolation !== "POD") {
    // A workload selects its own pods in at most one namespace: the general path's peer checks all pass.
    const ns = peer.namespace ?? subjectNs;
    if (ns !== subjectNs) checkSubjectVisible(subject, subjectNs, [ns]);
    const rule = { peers: subjectParts.asPeers, ports };
    const key = workloadKey(peer.labels, ns);
    const name = policyName(peerName, there, subjectName);
    out.push(checkedPolicy(name, ns, peerParts.labelsOnly, there, rule, key));
  }
  return out;
}

/**
 * A checked workload's selector as policies use it, built once and shared by all of them (read-only data: core
 * never writes it, and toConfig() hands it out typed readonly, as it always handed out the policy's own parts).
 */
interface WorkloadParts {
  /** toPodSelectorConfig(): selects the workload's pods, as a policy's selector. */
  readonly selector: PodSelectorConfig;
  /** [toNetworkPolicyPeerConfig()]: the workload as the one peer of a rule. */
  readonly asPeers: readonly NetworkPolicyPeerConfig[];
  /** The selector without its namespace part, for a policy in the workload's namespace. */
  readonly labelsOnly: PodSelectorConfig;
}

function partsOf(w: Workload): WorkloadParts {
  const hit = partsCache.get(w);
  if (hit) return hit;
  const selector = w.toPodSelectorConfig();
  const parts: WorkloadParts = {
    selector,
    asPeers: [w.toNetworkPolicyPeerConfig()],
    labelsOnly: { labelSelector: selector.labelSelector },
  };
  partsCache.set(w, parts);
  return parts;
}

const partsCache = new WeakMap<Workload, WorkloadParts>();

/** describe() of a workload (the slug of its name), once per workload. */
function workloadName(w: Workload): string {
  let name = names.get(w);
  if (name === undefined) {
    name = describe(w);
    names.set(w, name);
  }
  return name;
}

const names = new WeakMap<Workload, string>();

/** The selectionKey of the policy selecting a workload's (frozen) labels in `ns`; the last one per label map. */
function workloadKey(labels: Workload["labels"], ns: string | undefined): string {
  const hit = keys.get(labels);
  if (hit && hit.ns === ns) return hit.key;
  const key = selectionKeyOf(ns, { labels });
  keys.set(labels, { ns, key });
  return key;
}

const keys = new WeakMap<object, { ns: string | undefined; key: string }>();

/** The same pods without the namespace part: the policy's own namespace says where. */
function onlyLabels(cfg: PodSelectorConfig): IPodSelector {
  return { toPodSelectorConfig: () => ({ labelSelector: cfg.labelSelector }) };
}

/** The subject as a peer seen from the peer's namespaces; it needs a namespace when those differ. */
function asPeer(
  subject: IPodSelector,
  subjectNs: string | undefined,
  peerNamespaces: (string | undefined)[],
): INetworkPolicyPeer {
  const cfg = subject.toPodSelectorConfig();
  checkSubjectVisible(subject, subjectNs, peerNamespaces);
  return { toNetworkPolicyPeerConfig: () => ({ podSelector: cfg }), toPodSelector: () => subject };
}

/** Fails when the policies in `peerNamespaces` cannot select the subject: it needs a namespace when those differ. */
function checkSubjectVisible(
  subject: IPodSelector,
  subjectNs: string | undefined,
  peerNamespaces: (string | undefined)[],
): void {
  const foreign = peerNamespaces.some((ns) => ns !== subjectNs);
  if (subjectNs === undefined && foreign) {
    fail({
      code: "namespace-unknown",
      path: "source.namespace",
      message: `"${describe(subject)}" has no namespace, so the policy in "${peerNamespaces.find((n) => n !== undefined)}" cannot select it`,
      hint: `Set the namespace of "${describe(subject)}" (e.g. Workload.of({ …, namespace: "web" }) or metadata.namespace)`,
    });
  }
}

function namespaceOf(subject: IPodSelector, role: string): string | undefined {
  const p = placement(subject.toPodSelectorConfig());
  if ("problem" in p) fail({ code: "placement", path: role, message: p.problem, hint: p.hint });
  return p.namespace;
}

/** The destination's container ports, with their real protocols; undefined when unknown (every port). */
function containerPorts(destination: unknown): NetworkPolicyPort[] | undefined {
  if (!(destination instanceof Workload) || destination.ports.length === 0) return undefined;
  // A workload's ports never change, and ports are immutable values: build them once per workload.
  let ports = portsOf.get(destination);
  if (!ports) {
    // Frozen: connectWorkloads shares the list between the rules it builds.
    ports = Object.freeze(
      destination.ports.map((p) => NetworkPolicyPort.of({ port: p.number, protocol: p.protocol ?? "TCP" })),
    ) as NetworkPolicyPort[];
    portsOf.set(destination, ports);
  }
  return ports;
}

const portsOf = new WeakMap<Workload, NetworkPolicyPort[]>();

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
