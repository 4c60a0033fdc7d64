// Existing NetworkPolicy objects back into the model, keeping their meaning exactly.
import type { ClusterNetworkPolicy } from "../cluster-policy/policy.js";
import { NAMESPACE_NAME_LABEL } from "../data.js";
import { type Diagnostic, DiagnosticBag, isNetpolError } from "../errors.js";
import { NetworkPolicyIpBlock } from "../ip-blocks.js";
import { isDns1123Label } from "../labels.js";
import type { INetworkPolicyPeer } from "../peers.js";
import {
  NetworkPolicy,
  type NetworkPolicyProps,
  type NetworkPolicyRule,
  type NetworkPolicyTraffic,
  NetworkPolicyTrafficDefault,
} from "../policy.js";
import { NetworkPolicyPort } from "../ports.js";
import type { ClusterPolicyManifest } from "../render/cluster-types.js";
import type {
  LabelSelectorManifest,
  NetworkPolicyEgressRuleManifest,
  NetworkPolicyIngressRuleManifest,
  NetworkPolicyManifest,
  NetworkPolicyPeerManifest,
} from "../render/types.js";
import { type LabelExpressionSpec, Namespaces, Pods } from "../selectors.js";
import { effectivePolicyTypes, readNetworkPolicy } from "./network-policy.js";
import { readObjects } from "./objects.js";
import { type ObjectSource, positioned, type ReadResult } from "./read.js";
import { clusterModelOf } from "./to-cluster-model.js";

/** A policy read from a manifest, and the warnings about it (rules Kubernetes ignores, host bits). */
export interface PolicyFromManifest {
  /** The model of the policy, meaning exactly what the manifest means. */
  readonly policy: NetworkPolicy;
  /** Warnings about the manifest, with paths inside it. */
  readonly warnings: readonly Diagnostic[];
}

/** The model of an existing NetworkPolicy object, validated first (a NetpolError lists every problem). */
export function policyFromManifest(value: unknown): PolicyFromManifest {
  const bag = new DiagnosticBag("manifest");
  const manifest = readNetworkPolicy(value, bag);
  bag.throwIfErrors();
  return { policy: modelOf(manifest as NetworkPolicyManifest), warnings: bag.warnings };
}

/** The policies among read objects, as models, and every problem of the objects. */
export interface PoliciesRead {
  /** Each valid NetworkPolicy, in input order, with the object it came from and its source. */
  readonly policies: { readonly policy: NetworkPolicy; readonly object: unknown; readonly source?: ObjectSource }[];
  /** Each valid cluster-wide policy (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy), in order. */
  readonly clusterPolicies: {
    readonly policy: ClusterNetworkPolicy;
    readonly object: unknown;
    readonly source?: ObjectSource;
  }[];
  /** Errors and warnings of every object, positioned in their sources. */
  readonly diagnostics: Diagnostic[];
  /** The objects of other analysed kinds (workloads, namespaces), read but not policies. */
  readonly others: readonly { readonly object: unknown; readonly kind: string }[];
}

/**
 * Reads the NetworkPolicies and cluster-wide policies among objects read from text (strictly, as the API server
 * would take them).
 */
export function readPolicies(read: Pick<ReadResult, "objects" | "sources">): PoliciesRead {
  const objects = readObjects(read.objects, { sources: read.sources });
  const others: { object: unknown; kind: string }[] = [];
  const out: PoliciesRead = { policies: [], clusterPolicies: [], diagnostics: objects.diagnostics, others };
  for (const o of objects.objects) {
    if (o.category !== "network-policy" && o.category !== "cluster-policy") {
      others.push({ object: o.raw, kind: o.kind });
      continue;
    }
    const source = read.sources.get(o.raw);
    const from = { object: o.raw, ...(source ? { source } : {}) };
    try {
      if (o.category === "cluster-policy")
        out.clusterPolicies.push({ policy: clusterModelOf(o.value as unknown as ClusterPolicyManifest), ...from });
      else out.policies.push({ policy: modelOf(o.value as unknown as NetworkPolicyManifest), ...from });
    } catch (e) {
      if (!isNetpolError(e)) throw e;
      for (const d of e.diagnostics) out.diagnostics.push(positioned({ ...d, path: [] }, o.raw, source));
    }
  }
  return out;
}

/** The model of a NetworkPolicy read and checked already. */
function modelOf(manifest: NetworkPolicyManifest): NetworkPolicy {
  const spec = manifest.spec ?? { podSelector: {} };
  const isolated = effectivePolicyTypes(manifest);
  const props: { -readonly [K in keyof NetworkPolicyProps]: NetworkPolicyProps[K] } = {
    name: manifest.metadata.name,
    selector: Pods.select(selectorSpec(spec.podSelector)),
  };
  const { namespace, labels, annotations } = manifest.metadata;
  if (namespace) props.namespace = namespace;
  if (labels && Object.keys(labels).length > 0) props.labels = labels;
  if (annotations && Object.keys(annotations).length > 0) props.annotations = annotations;
  for (const dir of ["ingress", "egress"] as const) if (isolated[dir]) props[dir] = traffic(spec[dir] ?? []);
  return new NetworkPolicy(props);
}

function traffic(
  rules: readonly (NetworkPolicyIngressRuleManifest | NetworkPolicyEgressRuleManifest)[],
): NetworkPolicyTraffic {
  if (rules.length === 0) return { default: NetworkPolicyTrafficDefault.DENY };
  const out: NetworkPolicyRule[] = [];
  let allowAll = false;
  for (const rule of rules) {
    const given = "from" in rule ? rule.from : "to" in rule ? rule.to : undefined;
    const peers = given && given.length > 0 ? given : undefined;
    const ports = rule.ports && rule.ports.length > 0 ? rule.ports : undefined;
    if (!peers && !ports) {
      allowAll = true;
      continue;
    }
    out.push({
      ...(peers ? { peers: peers.map(peer) } : {}),
      ...(ports ? { ports: ports.map((p) => NetworkPolicyPort.of({ ...p })) } : {}),
    });
  }
  return {
    ...(allowAll ? { default: NetworkPolicyTrafficDefault.ALLOW } : {}),
    ...(out.length > 0 ? { rules: out } : {}),
  };
}

function selectorSpec(sel: LabelSelectorManifest | undefined): {
  labels?: Record<string, string>;
  expressions?: LabelExpressionSpec[];
} {
  return {
    ...(sel?.matchLabels ? { labels: sel.matchLabels } : {}),
    ...(sel?.matchExpressions ? { expressions: sel.matchExpressions } : {}),
  };
}

function peer(p: NetworkPolicyPeerManifest): INetworkPolicyPeer {
  if (p.ipBlock) return NetworkPolicyIpBlock.of(p.ipBlock.cidr, p.ipBlock.except);
  const pods = selectorSpec(p.podSelector);
  if (p.namespaceSelector === undefined) return Pods.select(pods);
  const { labels = {}, expressions } = selectorSpec(p.namespaceSelector);
  const { [NAMESPACE_NAME_LABEL]: named, ...others } = labels;
  // The name label is how a namespace is selected by name; keep it a label when it is no valid name.
  const name = named !== undefined && isDns1123Label(named) ? named : undefined;
  const rest = name === undefined ? labels : others;
  const namespaces = Namespaces.select({
    ...(name !== undefined ? { names: [name] } : {}),
    ...(Object.keys(rest).length > 0 ? { labels: rest } : {}),
    ...(expressions ? { expressions } : {}),
  });
  return Pods.select({ ...pods, namespaces });
}
