// Connections: both sides of a connection written at once, as the seed's `pod.connections` does.
import { DiagnosticBag, fail } from "./errors.js";
import { slug } from "./labels.js";
import { describe, type INetworkPolicyPeer, isPodSelector, peerConfig, placement } from "./peers.js";
import { NetworkPolicy, NetworkPolicyTrafficDefault } from "./policy.js";
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
  const bag = new DiagnosticBag();
  if (!isPodSelector(subject)) fail({ code: "subject", path: "subject", message: "not a workload or pod selector" });
  const peerCfg = peerConfig(peer, "peer", bag);
  bag.throwIfErrors();
  const isolation = options.isolation;
  if (isolation !== undefined && isolation !== "POD" && isolation !== "PEER")
    fail({
      code: "isolation",
      path: "isolation",
      message: `unknown isolation ${JSON.stringify(isolation)}`,
      expected: "POD or PEER",
    });
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
  const foreign = peerNamespaces.some((ns) => ns !== subjectNs);
  if (subjectNs === undefined && foreign) {
    fail({
      code: "namespace-unknown",
      path: "source.namespace",
      message: `"${describe(subject)}" has no namespace, so the policy in "${peerNamespaces.find((n) => n !== undefined)}" cannot select it`,
      hint: `Set the namespace of "${describe(subject)}" (e.g. Workload.of({ …, namespace: "web" }) or metadata.namespace)`,
    });
  }
  return { toNetworkPolicyPeerConfig: () => ({ podSelector: cfg }), toPodSelector: () => subject };
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
    ports = destination.ports.map((p) => NetworkPolicyPort.of({ port: p.number, protocol: p.protocol ?? "TCP" }));
    portsOf.set(destination, ports);
  }
  return ports;
}

const portsOf = new WeakMap<Workload, NetworkPolicyPort[]>();

function policyName(subject: string, direction: string, other: string, ns?: string): string {
  const verb = direction === "egress" ? "egress-to" : "ingress-from";
  return slug(`${subject}-allow-${verb}-${other}${ns ? `-in-${ns}` : ""}`)
    .slice(0, 253)
    .replace(/-+$/, "");
}
