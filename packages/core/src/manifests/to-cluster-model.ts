// Existing cluster-wide policy objects back into the model, keeping their meaning exactly: v1alpha2
// ClusterNetworkPolicy, and v1alpha1 AdminNetworkPolicy (Admin tier) and BaselineAdminNetworkPolicy (Baseline tier).
import type { ClusterNetworkPolicyAction, ClusterNetworkPolicyTier } from "../cluster-policy/data.js";
import { DomainNames, Networks, Nodes } from "../cluster-policy/peers.js";
import {
  ClusterNetworkPolicy,
  type ClusterNetworkPolicyEgressPeer,
  type ClusterNetworkPolicyProps,
  type ClusterNetworkPolicyProtocolInput,
} from "../cluster-policy/policy.js";
import { actionOfWord, versionOfKind } from "../cluster-policy/versions.js";
import { NAMESPACE_NAME_LABEL } from "../data.js";
import { type Diagnostic, DiagnosticBag } from "../errors.js";
import { isDns1123Label } from "../labels.js";
import type {
  AdminNetworkPolicyPortManifest,
  ClusterNetworkPolicyProtocolManifest,
  ClusterPolicyEgressPeerManifest,
  ClusterPolicyManifest,
  NamespacedPodManifest,
} from "../render/cluster-types.js";
import type { LabelSelectorManifest } from "../render/types.js";
import { type LabelExpressionSpec, Namespaces, Pods } from "../selectors.js";
import { readClusterPolicy } from "./cluster-policy.js";

/** A cluster-wide policy read from a manifest, and the warnings about it (experimental fields, host bits). */
export interface ClusterPolicyFromManifest {
  /** The model of the policy, meaning exactly what the manifest means, in the manifest's version. */
  readonly policy: ClusterNetworkPolicy;
  /** Warnings about the manifest, with paths inside it. */
  readonly warnings: readonly Diagnostic[];
}

/**
 * The model of an existing ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy object, validated
 * first (a NetpolError lists every problem, with paths inside the object).
 */
export function clusterPolicyFromManifest(value: unknown): ClusterPolicyFromManifest {
  const bag = new DiagnosticBag("manifest");
  const manifest = readClusterPolicy(value, bag);
  bag.throwIfErrors();
  return { policy: clusterModelOf(manifest as ClusterPolicyManifest), warnings: bag.warnings };
}

type Rule = { name?: string; action: string; protocols?: unknown[]; ports?: unknown[] } & (
  | { from: ClusterPolicyEgressPeerManifest[] }
  | { to: ClusterPolicyEgressPeerManifest[] }
);

/** The model of a cluster-wide policy object read and checked already. */
export function clusterModelOf(manifest: ClusterPolicyManifest): ClusterNetworkPolicy {
  const { version, tier: fixed } = versionOfKind(manifest.apiVersion, manifest.kind) ?? { version: "v1alpha2" };
  const spec = manifest.spec as {
    tier?: ClusterNetworkPolicyTier;
    priority?: number;
    subject: { namespaces?: LabelSelectorManifest; pods?: NamespacedPodManifest };
    ingress?: Rule[];
    egress?: Rule[];
  };
  const { name, labels, annotations } = manifest.metadata;
  const rule = (r: Rule) => {
    const peers = ("from" in r ? r.from : r.to).map(peer);
    const entries = version === "v1alpha2" ? r.protocols : r.ports;
    return {
      ...(r.name ? { name: r.name } : {}),
      action: actionOfWord(version, r.action) as ClusterNetworkPolicyAction,
      ...("from" in r ? { from: peers } : { to: peers }),
      ...(entries ? { protocols: entries.map((p) => protocol(p as never, version)) } : {}),
    };
  };
  const props = {
    name,
    version,
    tier: (fixed ?? spec.tier) as ClusterNetworkPolicyTier,
    ...(spec.priority !== undefined ? { priority: spec.priority } : {}),
    subject: pods(spec.subject),
    ...(spec.ingress?.length ? { ingress: spec.ingress.map(rule) } : {}),
    ...(spec.egress?.length ? { egress: spec.egress.map(rule) } : {}),
    ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  return new ClusterNetworkPolicy(props as ClusterNetworkPolicyProps);
}

function selectorSpec(sel: LabelSelectorManifest | undefined): {
  labels?: Record<string, string>;
  expressions?: LabelExpressionSpec[];
} {
  return {
    ...(sel?.matchLabels && Object.keys(sel.matchLabels).length > 0 ? { labels: sel.matchLabels } : {}),
    ...(sel?.matchExpressions?.length ? { expressions: sel.matchExpressions } : {}),
  };
}

/** Namespaces of a selector; the name label of a valid name is how a namespace is chosen by name. */
function namespaces(sel: LabelSelectorManifest | undefined): Namespaces {
  const { labels = {}, expressions } = selectorSpec(sel);
  const { [NAMESPACE_NAME_LABEL]: named, ...others } = labels;
  const name = named !== undefined && isDns1123Label(named) ? named : undefined;
  const rest = name === undefined ? labels : others;
  return Namespaces.select({
    ...(name !== undefined ? { names: [name] } : {}),
    ...(Object.keys(rest).length > 0 ? { labels: rest } : {}),
    ...(expressions ? { expressions } : {}),
  });
}

/** The pods of a subject or peer: every pod of some namespaces, or pods in namespaces. */
function pods(p: { namespaces?: LabelSelectorManifest; pods?: NamespacedPodManifest }): Namespaces | Pods {
  if (p.namespaces !== undefined) return namespaces(p.namespaces);
  const pod = p.pods as NamespacedPodManifest;
  return Pods.select({ ...selectorSpec(pod.podSelector), namespaces: namespaces(pod.namespaceSelector) });
}

function peer(p: ClusterPolicyEgressPeerManifest): ClusterNetworkPolicyEgressPeer {
  if (p.networks) return Networks.of(...p.networks);
  if (p.nodes) return Nodes.select(selectorSpec(p.nodes));
  if (p.domainNames) return DomainNames.of(...p.domainNames);
  return pods(p);
}

function protocol(
  p: ClusterNetworkPolicyProtocolManifest & AdminNetworkPolicyPortManifest,
  version: string,
): ClusterNetworkPolicyProtocolInput {
  if (version === "v1alpha2") {
    if (p.destinationNamedPort !== undefined) return { namedPort: p.destinationNamedPort };
    const key = p.tcp ? "tcp" : p.udp ? "udp" : "sctp";
    const port = (p[key] as { destinationPort: { number?: number; range?: { start: number; end: number } } })
      .destinationPort;
    const protocol = key.toUpperCase() as "TCP" | "UDP" | "SCTP";
    return port.range
      ? { protocol, port: port.range.start, endPort: port.range.end }
      : { protocol, port: port.number as number };
  }
  if (p.namedPort !== undefined) return { namedPort: p.namedPort };
  if (p.portNumber) return { protocol: p.portNumber.protocol ?? "TCP", port: p.portNumber.port };
  const range = p.portRange as { protocol?: "TCP" | "UDP" | "SCTP"; start: number; end: number };
  return { protocol: range.protocol ?? "TCP", port: range.start, endPort: range.end };
}
