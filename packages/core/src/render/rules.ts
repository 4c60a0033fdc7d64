// Canonical rules: identical peers and ports merged, stable order, empty rules kept (they mean "allow all").

import { type NetworkPolicyPeerConfig, PROTOCOLS } from "../data.js";
import { compareStrings } from "../text.js";
import { canonicalKey, uniqueSorted } from "./order.js";
import { renderPeer } from "./peers.js";
import type {
  NetworkPolicyEgressRuleManifest,
  NetworkPolicyIngressRuleManifest,
  NetworkPolicyPeerManifest,
  NetworkPolicyPortManifest,
} from "./types.js";

/** A port of the model, as the renderer needs it. */
interface RenderablePort {
  toManifest(): NetworkPolicyPortManifest;
}

/** A rule of the model: undefined peers means any peer, undefined ports means every port. */
export interface ModelRule {
  readonly peers: readonly NetworkPolicyPeerConfig[] | undefined;
  readonly ports: readonly RenderablePort[] | undefined;
}

/** A rule as written in a manifest, its peers under `from` (ingress) or `to` (egress). */
export type RuleManifest = NetworkPolicyIngressRuleManifest & NetworkPolicyEgressRuleManifest;

/** One direction's rules as manifest rules, canonical; `allowAll` adds the rule `{}` (the ALLOW default). */
export function manifestRules(rules: readonly ModelRule[], allowAll: boolean, peersKey: "from" | "to"): RuleManifest[] {
  const rendered: RenderedRule[] = rules.map((r) => ({
    peers: r.peers === undefined ? undefined : r.peers.flatMap(renderPeer),
    ports: r.ports === undefined ? undefined : r.ports.map((p) => p.toManifest()),
  }));
  if (allowAll) rendered.push({ peers: undefined, ports: undefined });
  return canonicalRules(rendered).map((r) => {
    const rule: RuleManifest = {};
    if (r.peers) rule[peersKey] = r.peers;
    if (r.ports) rule.ports = r.ports;
    return rule;
  });
}

/** A rule before it is named `from` or `to`: undefined peers = any peer, undefined ports = every port. */
export interface RenderedRule {
  /** The peers, or undefined for any peer. */
  peers: NetworkPolicyPeerManifest[] | undefined;
  /** The ports, or undefined for every port. */
  ports: NetworkPolicyPortManifest[] | undefined;
}

function comparePorts(a: NetworkPolicyPortManifest, b: NetworkPolicyPortManifest): number {
  const pa = PROTOCOLS.indexOf(a.protocol ?? "TCP") - PROTOCOLS.indexOf(b.protocol ?? "TCP");
  if (pa !== 0) return pa;
  // Whole protocol first, then numbers ascending, then names.
  const rank = (p: NetworkPolicyPortManifest) => (p.port === undefined ? 0 : typeof p.port === "number" ? 1 : 2);
  const r = rank(a) - rank(b);
  if (r !== 0) return r;
  if (typeof a.port === "number" && typeof b.port === "number")
    return a.port - b.port || (a.endPort ?? 0) - (b.endPort ?? 0);
  return compareStrings(String(a.port ?? ""), String(b.port ?? ""));
}

function comparePeers(a: NetworkPolicyPeerManifest, b: NetworkPolicyPeerManifest): number {
  // IP blocks after selectors, so rules read "pods first, then addresses".
  return (a.ipBlock ? 1 : 0) - (b.ipBlock ? 1 : 0);
}

/** Orders a peer's keys as Kubernetes documents them. */
function orderPeer(p: NetworkPolicyPeerManifest): NetworkPolicyPeerManifest {
  if (p.ipBlock) return { ipBlock: p.ipBlock };
  const out: NetworkPolicyPeerManifest = {};
  if (p.namespaceSelector) out.namespaceSelector = p.namespaceSelector;
  if (p.podSelector) out.podSelector = p.podSelector;
  return out;
}

/** The key of a sorted list of ports: equal for the same ports. */
function portsKey(ports: readonly NetworkPolicyPortManifest[]): string {
  return ports.map((p) => `${p.protocol ?? "TCP"} ${JSON.stringify(p.port ?? null)} ${p.endPort ?? ""}`).join(",");
}

/**
 * Canonical rules of one direction. Rules with the same ports are one rule with the union of their peers
 * (any peer absorbs the others); duplicates go; the order depends only on content.
 */
export function canonicalRules(rules: readonly RenderedRule[]): RenderedRule[] {
  const groups = new Map<string, RenderedRule>();
  for (const rule of rules) {
    const ports = rule.ports === undefined ? undefined : uniqueSorted(rule.ports, comparePorts);
    const peers = rule.peers === undefined ? undefined : rule.peers.map(orderPeer);
    const key = ports === undefined ? "*" : portsKey(ports);
    const group = groups.get(key);
    if (!group) groups.set(key, { peers, ports });
    else group.peers = group.peers === undefined || peers === undefined ? undefined : [...group.peers, ...peers];
  }
  const out = [...groups.values()].map((r) => ({
    peers: r.peers === undefined ? undefined : uniqueSorted(r.peers, comparePeers),
    ports: r.ports,
  }));
  if (out.length < 2) return out;
  const key = (r: RenderedRule) => `${r.peers === undefined ? 0 : 1}${r.ports === undefined ? 0 : 1}${canonicalKey(r)}`;
  return out
    .map((r) => [key(r), r] as const)
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, r]) => r);
}
