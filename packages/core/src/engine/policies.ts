// NetworkPolicy manifests compiled into matchers and port specs the evaluator can use quickly.

import { type IpRange, parseCidr } from "../ip-blocks.js";
import { effectivePolicyTypes } from "../manifests/network-policy.js";
import { selectorKey } from "../render/selector.js";
import type {
  NetworkPolicyManifest,
  NetworkPolicyPeerManifest,
  NetworkPolicyPortManifest,
  Protocol,
} from "../render/types.js";
import type { ContainerPort } from "../workloads.js";
import { ALL_CONNECTIONS, type ConnectionSet, NO_CONNECTIONS, portSet, protocolSet, union } from "./connection-set.js";
import { subtractRanges } from "./ip-ranges.js";
import { compileSelector, type LabelMatcher } from "./selectors.js";

/** The ports a rule allows: numeric ranges plus named ports resolved per destination. */
export interface PortSpec {
  /** Ports given by number (or whole protocols). */
  readonly numeric: ConnectionSet;
  /** Ports given by name, resolved against the destination's container ports. */
  readonly named: readonly { readonly name: string; readonly protocol: Protocol }[];
}

/** A rule peer that selects pods by namespace and pod labels. */
export interface SelectorPeer {
  readonly type: "selector";
  /** Equal for peers selecting the same pods. */
  readonly key: string;
  /** The policy's own namespace, or a matcher of namespace labels. */
  readonly namespace: string | LabelMatcher;
  /** Matcher of pod labels. */
  readonly pods: LabelMatcher;
  /** The pod selector's `matchLabels`, for index lookups. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** True for the peers and subjects of cluster-wide policies, which never match hostNetwork pods. */
  readonly podsOnly?: boolean;
}

/** A rule peer that selects addresses (`cidr` minus `except`). */
export interface IpBlockPeer {
  readonly type: "ipBlock";
  /** Equal for peers selecting the same addresses. */
  readonly key: string;
  /** The selected addresses, disjoint. */
  readonly ranges: readonly IpRange[];
}

/** One peer of a rule. */
export type CompiledPeer = SelectorPeer | IpBlockPeer;

/** One ingress or egress rule. */
export interface CompiledRule {
  /** Index of the rule in its list (0-based). */
  readonly index: number;
  /** The peers; undefined when the rule admits every peer (no or empty `from`/`to`). */
  readonly peers: readonly CompiledPeer[] | undefined;
  /** The ports the rule allows. */
  readonly ports: PortSpec;
}

/** A NetworkPolicy ready for evaluation. */
export interface CompiledPolicy {
  /** `namespace/name`. */
  readonly id: string;
  /** The policy's namespace. */
  readonly namespace: string;
  /** The policy's name. */
  readonly name: string;
  /** Matches labels of pods (in `namespace`) the policy selects. */
  readonly selects: LabelMatcher;
  /** The pod selector's `matchLabels`, for index lookups. */
  readonly selectsLabels: Readonly<Record<string, string>>;
  /** True when the policy isolates the selected pods for ingress. */
  readonly ingressIsolates: boolean;
  /** True when the policy isolates the selected pods for egress. */
  readonly egressIsolates: boolean;
  /** Ingress rules (empty when not isolating ingress). */
  readonly ingress: readonly CompiledRule[];
  /** Egress rules (empty when not isolating egress). */
  readonly egress: readonly CompiledRule[];
  /**
   * The ipBlock peers written in the rules of each direction, whether `policyTypes` puts them in force or not: the
   * external address space is cut at all of them, as the reference analyzer cuts it.
   */
  readonly writtenIpBlocks: Readonly<Record<"ingress" | "egress", readonly IpBlockPeer[]>>;
}

function compilePorts(ports: readonly NetworkPolicyPortManifest[] | undefined): PortSpec {
  if (!ports || ports.length === 0) return { numeric: ALL_CONNECTIONS, named: [] };
  let numeric = NO_CONNECTIONS;
  const named: { name: string; protocol: Protocol }[] = [];
  for (const p of ports) {
    const protocol = p.protocol ?? "TCP";
    if (p.port === undefined) numeric = union(numeric, protocolSet(protocol));
    else if (typeof p.port === "number") numeric = union(numeric, portSet(protocol, p.port, p.endPort ?? p.port));
    else named.push({ name: p.port, protocol });
  }
  return { numeric, named };
}

/** The connections a port spec allows toward a destination with these container ports. */
export function resolvePorts(spec: PortSpec, ports: readonly ContainerPort[]): ConnectionSet {
  let out = spec.numeric;
  for (const n of spec.named) {
    for (const c of ports)
      if (c.name === n.name && (c.protocol ?? "TCP") === n.protocol) out = union(out, portSet(n.protocol, c.number));
  }
  return out;
}

function compilePeer(peer: NetworkPolicyPeerManifest, namespace: string): CompiledPeer {
  if (peer.ipBlock) {
    // Invalid CIDRs match nothing; host bits are ignored (the network is meant). The validator reports both.
    const base = parseCidr(peer.ipBlock.cidr);
    if (!base) return { type: "ipBlock", key: "ip:invalid", ranges: [] };
    const except = (peer.ipBlock.except ?? []).flatMap((text) => parseCidr(text)?.range ?? []);
    const ranges = subtractRanges(base.range, except);
    return { type: "ipBlock", key: `ip:${ranges.map((r) => `${r.family}${r.lo}-${r.hi}`).join(",")}`, ranges };
  }
  if (!peer.podSelector && !peer.namespaceSelector) {
    return { type: "selector", key: "none", namespace: () => false, pods: () => false, podLabels: {} };
  }
  const podSel = peer.podSelector ?? {};
  const nsKey = peer.namespaceSelector ? `sel${selectorKey(peer.namespaceSelector)}` : `ns:${namespace}`;
  return {
    type: "selector",
    key: `${nsKey}|${selectorKey(podSel)}`,
    namespace: peer.namespaceSelector ? compileSelector(peer.namespaceSelector) : namespace,
    pods: compileSelector(podSel),
    podLabels: podSel.matchLabels ?? {},
  };
}

/** Compiles a policy (validated beforehand: whatever is invalid here simply matches nothing). */
export function compilePolicy(policy: NetworkPolicyManifest): CompiledPolicy {
  const namespace = policy.metadata.namespace ?? "default";
  const types = effectivePolicyTypes(policy);
  const rules = (
    list:
      | readonly {
          from?: NetworkPolicyPeerManifest[];
          to?: NetworkPolicyPeerManifest[];
          ports?: NetworkPolicyPortManifest[];
        }[]
      | undefined,
    key: "from" | "to",
  ): CompiledRule[] =>
    (list ?? []).map((rule, index) => {
      const peers = rule[key];
      return {
        index,
        peers: peers && peers.length > 0 ? peers.map((p) => compilePeer(p, namespace)) : undefined,
        ports: compilePorts(rule.ports),
      };
    });
  const written = (list: readonly { from?: NetworkPolicyPeerManifest[]; to?: NetworkPolicyPeerManifest[] }[] = []) =>
    list.flatMap((rule) =>
      [...(rule.from ?? []), ...(rule.to ?? [])].flatMap((peer) => {
        const compiled = peer.ipBlock ? compilePeer(peer, namespace) : undefined;
        return compiled?.type === "ipBlock" ? [compiled] : [];
      }),
    );
  return {
    id: `${namespace}/${policy.metadata.name}`,
    namespace,
    name: policy.metadata.name,
    selects: compileSelector(policy.spec.podSelector ?? {}),
    selectsLabels: policy.spec.podSelector?.matchLabels ?? {},
    ingressIsolates: types.ingress,
    egressIsolates: types.egress,
    ingress: types.ingress ? rules(policy.spec.ingress, "from") : [],
    egress: types.egress ? rules(policy.spec.egress, "to") : [],
    writtenIpBlocks: { ingress: written(policy.spec.ingress), egress: written(policy.spec.egress) },
  };
}
