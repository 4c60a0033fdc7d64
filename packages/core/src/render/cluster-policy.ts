// Cluster-wide policies in manifest form, canonical: keys in the API's order, rules in their own order (first match
// wins, so rules are never reordered or merged), and within a rule its peers and protocols (any one matching is
// enough) sorted and without repeats.
import type {
  ClusterNetworkPolicyPeerConfig,
  ClusterNetworkPolicyProtocolConfig,
  ClusterNetworkPolicyRuleConfig,
  ClusterNetworkPolicyTier,
  ClusterNetworkPolicyVersion,
} from "../cluster-policy/data.js";
import { actionWord, apiVersionOf, kindOf } from "../cluster-policy/versions.js";
import { NAMESPACE_NAME_LABEL, type NamespaceSelectorConfig, type PodSelectorConfig, PROTOCOLS } from "../data.js";
import { compareStrings } from "../text.js";
import type {
  AdminNetworkPolicyPortManifest,
  ClusterNetworkPolicyProtocolManifest,
  ClusterObjectMetaManifest,
  ClusterPolicyEgressPeerManifest,
  ClusterPolicyManifest,
  ClusterPolicySubjectManifest,
} from "./cluster-types.js";
import { uniqueSorted } from "./order.js";
import { canonicalSelector, renderSelector } from "./selector.js";
import type { LabelSelectorManifest } from "./types.js";

/** What the renderer needs of a checked cluster-wide policy. */
export interface RenderableClusterPolicy {
  readonly name: string;
  readonly version: ClusterNetworkPolicyVersion;
  readonly tier: ClusterNetworkPolicyTier;
  readonly priority: number | undefined;
  readonly subject: PodSelectorConfig;
  readonly ingress: readonly ClusterNetworkPolicyRuleConfig[];
  readonly egress: readonly ClusterNetworkPolicyRuleConfig[];
  readonly labels: Readonly<Record<string, string>> | undefined;
  readonly annotations: Readonly<Record<string, string>> | undefined;
}

/**
 * A namespace selector: labels and expressions, and names as the name label — one name as a label, several (or one
 * beside a different name label) as an `In` expression, so that every name requirement is kept exactly.
 */
export function renderNamespaces(ns: NamespaceSelectorConfig): LabelSelectorManifest {
  const sel = ns.labelSelector ?? {};
  const names = ns.names ?? [];
  if (names.length === 0) return renderSelector(sel);
  const labels = sel.labels ?? {};
  const expressions = sel.expressions ?? [];
  const [only] = names;
  if (names.length === 1 && !Object.hasOwn(labels, NAMESPACE_NAME_LABEL))
    return canonicalSelector({
      matchLabels: { ...labels, [NAMESPACE_NAME_LABEL]: only as string },
      matchExpressions: expressions,
    });
  return canonicalSelector({
    matchLabels: labels,
    matchExpressions: [...expressions, { key: NAMESPACE_NAME_LABEL, operator: "In", values: [...names] }],
  });
}

/** Pods as a subject or peer: `namespaces` for every pod of some namespaces, else `pods`. */
export function renderPods(pods: PodSelectorConfig): ClusterPolicySubjectManifest {
  const namespaces = renderNamespaces(pods.namespaces ?? {});
  const podSelector = renderSelector(pods.labelSelector);
  if (Object.keys(podSelector).length === 0) return { namespaces };
  return { pods: { namespaceSelector: namespaces, podSelector } };
}

const PEER_RANK: Readonly<Record<keyof ClusterPolicyEgressPeerManifest, number>> = {
  namespaces: 0,
  pods: 1,
  nodes: 2,
  networks: 3,
  domainNames: 4,
};

function renderPeer(peer: ClusterNetworkPolicyPeerConfig): ClusterPolicyEgressPeerManifest {
  if (peer.pods) return renderPods(peer.pods);
  if (peer.nodes) return { nodes: renderSelector(peer.nodes) };
  if (peer.networks) return { networks: [...new Set(peer.networks)].sort(compareStrings) };
  return { domainNames: [...new Set(peer.domainNames ?? [])].sort(compareStrings) };
}

const rankOfPeer = (p: ClusterPolicyEgressPeerManifest) =>
  PEER_RANK[Object.keys(p)[0] as keyof ClusterPolicyEgressPeerManifest] ?? 5;

/** Protocols first by protocol (TCP, UDP, SCTP, then named ports), then by port and range end. */
function compareProtocols(a: ClusterNetworkPolicyProtocolConfig, b: ClusterNetworkPolicyProtocolConfig): number {
  const rank = (p: ClusterNetworkPolicyProtocolConfig) =>
    p.namedPort !== undefined ? PROTOCOLS.length : PROTOCOLS.indexOf(p.protocol ?? "TCP");
  return (
    rank(a) - rank(b) ||
    (a.port ?? 0) - (b.port ?? 0) ||
    (a.endPort ?? a.port ?? 0) - (b.endPort ?? b.port ?? 0) ||
    compareStrings(a.namedPort ?? "", b.namedPort ?? "")
  );
}

function protocolV1alpha2(p: ClusterNetworkPolicyProtocolConfig): ClusterNetworkPolicyProtocolManifest {
  if (p.namedPort !== undefined) return { destinationNamedPort: p.namedPort };
  const port = p.port as number;
  const destinationPort = p.endPort === undefined ? { number: port } : { range: { start: port, end: p.endPort } };
  return { [(p.protocol ?? "TCP").toLowerCase()]: { destinationPort } };
}

function portV1alpha1(p: ClusterNetworkPolicyProtocolConfig): AdminNetworkPolicyPortManifest {
  if (p.namedPort !== undefined) return { namedPort: p.namedPort };
  const protocol = p.protocol ?? "TCP";
  const port = p.port as number;
  return p.endPort === undefined
    ? { portNumber: { protocol, port } }
    : { portRange: { protocol, start: port, end: p.endPort } };
}

function renderRule(
  rule: ClusterNetworkPolicyRuleConfig,
  version: ClusterNetworkPolicyVersion,
  peersKey: "from" | "to",
) {
  const out: Record<string, unknown> = {};
  if (rule.name !== undefined && rule.name !== "") out.name = rule.name;
  out.action = actionWord(version, rule.action);
  out[peersKey] = uniqueSorted(rule.peers.map(renderPeer), (a, b) => rankOfPeer(a) - rankOfPeer(b));
  if (rule.protocols !== undefined) {
    const sorted = uniqueSorted(rule.protocols, compareProtocols);
    if (version === "v1alpha2") out.protocols = sorted.map(protocolV1alpha2);
    else out.ports = sorted.map(portV1alpha1);
  }
  return out;
}

function sortedRecord(r: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => compareStrings(a, b)));
}

/** The manifest of a checked cluster-wide policy, in its version and kind. */
export function renderClusterPolicy(p: RenderableClusterPolicy): ClusterPolicyManifest {
  const metadata: ClusterObjectMetaManifest = { name: p.name };
  if (p.labels && Object.keys(p.labels).length > 0) metadata.labels = sortedRecord(p.labels);
  if (p.annotations && Object.keys(p.annotations).length > 0) metadata.annotations = sortedRecord(p.annotations);
  const spec: Record<string, unknown> = {};
  if (p.version === "v1alpha2") spec.tier = p.tier;
  if (p.priority !== undefined) spec.priority = p.priority;
  spec.subject = renderPods(p.subject);
  if (p.ingress.length > 0) spec.ingress = p.ingress.map((r) => renderRule(r, p.version, "from"));
  if (p.egress.length > 0) spec.egress = p.egress.map((r) => renderRule(r, p.version, "to"));
  return {
    apiVersion: apiVersionOf(p.version),
    kind: kindOf(p.version, p.tier),
    metadata,
    spec,
  } as ClusterPolicyManifest;
}
