// Cluster-wide policies (v1alpha2 ClusterNetworkPolicy, v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy)
// compiled into ordered rules the evaluator walks: subject and peers as matchers, protocols as connection sets.
import type { TrafficDirection } from "../data.js";
import { type IpRange, parseCidr, parseIp } from "../ip-blocks.js";
import type {
  AdminNetworkPolicyPortManifest,
  ClusterNetworkPolicyProtocolManifest,
  ClusterPolicyEgressPeerManifest,
  ClusterPolicyManifest,
} from "../render/cluster-types.js";
import { selectorKey } from "../render/selector.js";
import type { LabelSelectorManifest, Protocol } from "../render/types.js";
import { compareStrings } from "../text.js";
import type { ContainerPort } from "../workloads.js";
import { ALL_CONNECTIONS, type ConnectionSet, NO_CONNECTIONS, portSet, union } from "./connection-set.js";
import type { IpBlockPeer, SelectorPeer } from "./policies.js";
import { compileSelector, type LabelMatcher } from "./selectors.js";

/** What a rule of a cluster-wide policy does with the traffic it matches (v1alpha1's Allow is Accept). */
export type ClusterAction = "Accept" | "Deny" | "Pass";

/** The tiers: Admin before NetworkPolicy, Baseline after. */
export type ClusterTier = "Admin" | "Baseline";

/** The traffic a rule matches: ports by number, and container port names (with the port's own protocol). */
export interface ClusterPortSpec {
  /** Ports given by number or range; every port of every protocol when the rule has no protocols. */
  readonly numeric: ConnectionSet;
  /** Container port names, resolved against the destination pod. */
  readonly named: readonly string[];
}

/** A node as nodes peers see it: its labels and addresses. */
export interface NodeModel {
  /** The node name. */
  readonly name: string;
  /** Node labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** Its addresses (`status.addresses`), as single-address ranges. */
  readonly ips: readonly IpRange[];
}

/**
 * Pods of a cluster-wide rule or subject; `every` when it matches every pod (every namespace, every pod). `selectors`
 * are the namespace and pod selectors as written (`pods` undefined for a `namespaces` peer), for exposure analysis.
 */
export type ClusterSelectorPeer = SelectorPeer & {
  readonly every: boolean;
  readonly selectors: {
    readonly namespaces: LabelSelectorManifest;
    readonly pods: LabelSelectorManifest | undefined;
  };
};

/**
 * Addresses of a cluster-wide rule: its networks, or the addresses of the nodes it selects. `cuts` are its ranges as
 * written (each network on its own), where the external address space is cut, as at each ipBlock.
 */
export type ClusterAddressPeer = IpBlockPeer & {
  readonly from: "networks" | "nodes";
  readonly cuts: readonly IpRange[];
};

/** A peer of a cluster-wide rule: pods by selectors (never hostNetwork ones), addresses, or domain names (none). */
export type ClusterPeer = ClusterSelectorPeer | ClusterAddressPeer | { readonly type: "none"; readonly key: string };

/** One rule of a cluster-wide policy. */
export interface CompiledClusterRule {
  /** 0-based index in its policy's ingress or egress list. */
  readonly index: number;
  /** The rule's name, when it has one. */
  readonly name: string | undefined;
  /** Accept, Deny or Pass. */
  readonly action: ClusterAction;
  /** The peers; any one matching is enough. */
  readonly peers: readonly ClusterPeer[];
  /** The traffic it matches. */
  readonly ports: ClusterPortSpec;
  /** True when some peer matches every pod of the cluster (every namespace, every pod). */
  readonly everyPod: boolean;
}

/** A cluster-wide policy ready for evaluation. */
export interface CompiledClusterPolicy {
  /** `Kind/name`: unique among the cluster's policies. */
  readonly id: string;
  /** Its kind. */
  readonly kind: string;
  /** Its name. */
  readonly name: string;
  /** Admin or Baseline. */
  readonly tier: ClusterTier;
  /** Order within its tier (lower first); the v1alpha1 Baseline policy has none (0). */
  readonly priority: number;
  /** The pods it applies to (never hostNetwork ones). */
  readonly subject: ClusterSelectorPeer;
  /** Ingress rules, in order. */
  readonly ingress: readonly CompiledClusterRule[];
  /** Egress rules, in order. */
  readonly egress: readonly CompiledClusterRule[];
}

const everything = (sel: LabelSelectorManifest | undefined) =>
  Object.keys(sel?.matchLabels ?? {}).length === 0 && (sel?.matchExpressions ?? []).length === 0;

/** Pods of namespaces matching `namespaces` and with labels matching `pods`; a cluster peer never has hostNetwork. */
function podPeer(
  namespaces: LabelSelectorManifest | undefined,
  pods: LabelSelectorManifest | undefined,
): ClusterSelectorPeer {
  const ns = namespaces ?? {};
  const podSel = pods ?? {};
  const namespace: LabelMatcher = compileSelector(ns);
  return {
    type: "selector",
    key: `cluster|${selectorKey(ns)}|${selectorKey(podSel)}`,
    namespace,
    pods: compileSelector(podSel),
    podLabels: podSel.matchLabels ?? {},
    podsOnly: true,
    every: everything(ns) && everything(podSel),
    selectors: { namespaces: ns, pods },
  };
}

function podsOf(p: {
  namespaces?: LabelSelectorManifest;
  pods?: { namespaceSelector?: LabelSelectorManifest; podSelector?: LabelSelectorManifest };
}): ClusterSelectorPeer {
  return p.namespaces !== undefined
    ? podPeer(p.namespaces, undefined)
    : podPeer(p.pods?.namespaceSelector, p.pods?.podSelector);
}

/** Sorted, merged ranges: the same addresses always give the same key. */
function mergeIpRanges(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) =>
    a.family !== b.family ? compareStrings(a.family, b.family) : a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0,
  );
  const out: IpRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === r.family && r.lo <= last.hi + 1n) {
      if (r.hi > last.hi) out[out.length - 1] = { ...last, hi: r.hi };
    } else out.push(r);
  }
  return out;
}

/** An address peer; its key is the one a NetworkPolicy ipBlock of the same addresses has. */
export function addressPeer(ranges: readonly IpRange[]): IpBlockPeer {
  const merged = mergeIpRanges(ranges);
  return { type: "ipBlock", key: `ip:${merged.map((r) => `${r.family}${r.lo}-${r.hi}`).join(",")}`, ranges: merged };
}

function peerOf(p: ClusterPolicyEgressPeerManifest, nodes: readonly NodeModel[]): ClusterPeer {
  if (p.networks) {
    const cuts = p.networks.flatMap((n) => parseCidr(n)?.range ?? []);
    return { ...addressPeer(cuts), from: "networks", cuts };
  }
  if (p.nodes) {
    const selects = compileSelector(p.nodes);
    const cuts = nodes.filter((n) => selects(n.labels)).flatMap((n) => n.ips);
    return { ...addressPeer(cuts), from: "nodes", cuts };
  }
  // domainNames: which addresses a name stands for is each implementation's DNS handling; an analysis warns.
  if (p.domainNames) return { type: "none", key: "domainNames" };
  return podsOf(p);
}

function portsOfV2(protocols: readonly ClusterNetworkPolicyProtocolManifest[] | undefined): ClusterPortSpec {
  if (!protocols) return { numeric: ALL_CONNECTIONS, named: [] };
  let numeric = NO_CONNECTIONS;
  const named: string[] = [];
  for (const p of protocols) {
    if (p.destinationNamedPort !== undefined) named.push(p.destinationNamedPort);
    for (const [key, protocol] of [
      ["tcp", "TCP"],
      ["udp", "UDP"],
      ["sctp", "SCTP"],
    ] as const) {
      const port = p[key]?.destinationPort;
      if (port?.number !== undefined) numeric = union(numeric, portSet(protocol, port.number));
      else if (port?.range) numeric = union(numeric, portSet(protocol, port.range.start, port.range.end));
    }
  }
  return { numeric, named };
}

function portsOfV1(ports: readonly AdminNetworkPolicyPortManifest[] | undefined): ClusterPortSpec {
  if (!ports) return { numeric: ALL_CONNECTIONS, named: [] };
  let numeric = NO_CONNECTIONS;
  const named: string[] = [];
  for (const p of ports) {
    if (p.namedPort !== undefined) named.push(p.namedPort);
    if (p.portNumber) numeric = union(numeric, portSet(p.portNumber.protocol ?? "TCP", p.portNumber.port));
    if (p.portRange)
      numeric = union(numeric, portSet(p.portRange.protocol ?? "TCP", p.portRange.start, p.portRange.end));
  }
  return { numeric, named };
}

/** The traffic a rule matches toward a destination with these container ports. */
export function resolveClusterPorts(spec: ClusterPortSpec, ports: readonly ContainerPort[]): ConnectionSet {
  let out = spec.numeric;
  for (const name of spec.named)
    for (const c of ports) if (c.name === name) out = union(out, portSet((c.protocol ?? "TCP") as Protocol, c.number));
  return out;
}

interface RuleManifest {
  name?: string;
  action: string;
  from?: ClusterPolicyEgressPeerManifest[];
  to?: ClusterPolicyEgressPeerManifest[];
  protocols?: ClusterNetworkPolicyProtocolManifest[];
  ports?: AdminNetworkPolicyPortManifest[];
}

/** Compiles a cluster-wide policy read and checked beforehand; node peers match the addresses of `nodes`. */
export function compileClusterPolicy(
  manifest: ClusterPolicyManifest,
  nodes: readonly NodeModel[],
): CompiledClusterPolicy {
  const v2 = manifest.kind === "ClusterNetworkPolicy";
  const spec = manifest.spec as {
    tier?: ClusterTier;
    priority?: number;
    subject: Parameters<typeof podsOf>[0];
    ingress?: RuleManifest[];
    egress?: RuleManifest[];
  };
  const rules = (direction: TrafficDirection): CompiledClusterRule[] =>
    (spec[direction] ?? []).map((r, index) => {
      const peers = (direction === "ingress" ? r.from : r.to) ?? [];
      const compiled = peers.map((p) => peerOf(p, nodes));
      return {
        index,
        name: r.name ? r.name : undefined,
        action: r.action === "Allow" ? "Accept" : (r.action as ClusterAction),
        peers: compiled,
        ports: v2 ? portsOfV2(r.protocols) : portsOfV1(r.ports),
        everyPod: compiled.some((p) => p.type === "selector" && p.every),
      };
    });
  return {
    id: `${manifest.kind}/${manifest.metadata.name}`,
    kind: manifest.kind,
    name: manifest.metadata.name,
    tier: v2 ? (spec.tier ?? "Admin") : manifest.kind === "AdminNetworkPolicy" ? "Admin" : "Baseline",
    priority: spec.priority ?? 0,
    subject: podsOf(spec.subject),
    ingress: rules("ingress"),
    egress: rules("egress"),
  };
}

/** A node's addresses, as single-address ranges (addresses that are not IPs, such as host names, are left out). */
export function nodeIps(status: unknown): IpRange[] {
  const addresses = ((status ?? {}) as { addresses?: { address?: string }[] }).addresses ?? [];
  return addresses.flatMap((a) => (a.address ? (parseIp(a.address) ?? []) : []));
}
