// Representative peers: one imaginary pod per distinct rule selector, standing for the pods a policy lets in or out
// that the input does not hold yet. They are matched to rules by equal selectors only, never by containment, as
// netpol-analyzer's exposure analysis matches them (pkg/netpol/eval/internal/k8s/representative_selectors.go).
import { type Labels, NAMESPACE_NAME_LABEL } from "../data.js";
import type {
  LabelSelectorManifest,
  NetworkPolicyManifest,
  NetworkPolicyPeerManifest,
  PolicyType,
} from "../render/types.js";
import { compareStrings } from "../text.js";
import type { ClassIndex } from "./classes.js";
import type { ClusterModel } from "./cluster.js";

/** A pod the input does not hold, selected by a rule's namespace and pod selectors. */
export interface Representative {
  /** Equal for representatives of equal selectors (requirements compared as text, `k in (v)` read as `k=v`). */
  readonly key: string;
  /** The policy's namespace when the rule had no namespaceSelector; empty otherwise. */
  readonly namespace: string;
  /** The namespaces it may be in: the rule's selector, or the policy's namespace by name. */
  readonly namespaceSelector: LabelSelectorManifest;
  /** The pods it stands for; absent means every pod. */
  readonly podSelector: LabelSelectorManifest | undefined;
  /** How it prints: `ns/[pod with {app=x}]`, `[namespace with {k=v}]/[all pods]`, `[all namespaces]/…`. */
  readonly name: string;
  /** The namespace part of the name without brackets (`ns`, `namespace with {k=v}`, `all namespaces`). */
  readonly namespaceLabel: string;
  /** The pod part of the name without brackets (`all pods`, `pod with {…}`). */
  readonly podLabel: string;
}

const isEmptySelector = (s: LabelSelectorManifest) =>
  Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

/** The requirements of a selector as Kubernetes writes them (`k=v`, `k in (a,b)`, `!k`), sorted; `k in (v)` is `k=v`. */
function requirements(selector: LabelSelectorManifest | undefined): string[] {
  if (selector === undefined) return [];
  const out = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(compareStrings);
    if (e.operator === "In") out.push(values.length === 1 ? `${e.key}=${values[0]}` : `${e.key} in (${values})`);
    else if (e.operator === "NotIn") out.push(`${e.key} notin (${values})`);
    else if (e.operator === "Exists") out.push(e.key);
    else out.push(`!${e.key}`);
  }
  return out.sort(compareStrings);
}

/** True when a rule's selector matches a representative's: the rule's is empty, or both have equal requirements. */
function fullMatch(rule: LabelSelectorManifest, representative: LabelSelectorManifest | undefined): boolean {
  const wanted = requirements(rule);
  if (wanted.length === 0) return true;
  const have = requirements(representative);
  return wanted.length === have.length && wanted.every((r, i) => r === have[i]);
}

/** A selector in the reference's words: labels as `k=v,k2=v2`, expressions as Go prints the structs, sorted. */
function selectorText(s: LabelSelectorManifest): string {
  const labels = Object.entries(s.matchLabels ?? {})
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  const expressions = (s.matchExpressions ?? [])
    .map((e) => `{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(" ")}],}`)
    .sort(compareStrings)
    .join(",");
  return [labels, expressions].filter((x) => x !== "").join(",");
}

function namespaceLabelOf(s: LabelSelectorManifest): { label: string; bracketed: boolean } {
  const keys = Object.keys(s.matchLabels ?? {});
  if (keys.length === 1 && keys[0] === NAMESPACE_NAME_LABEL && (s.matchExpressions ?? []).length === 0)
    return { label: s.matchLabels?.[NAMESPACE_NAME_LABEL] as string, bracketed: false };
  if (isEmptySelector(s)) return { label: "all namespaces", bracketed: true };
  return { label: `namespace with {${selectorText(s)}}`, bracketed: true };
}

function representative(
  namespace: string,
  namespaceSelector: LabelSelectorManifest,
  podSelector: LabelSelectorManifest | undefined,
): Representative {
  const ns = namespaceLabelOf(namespaceSelector);
  const podLabel =
    podSelector === undefined || isEmptySelector(podSelector) ? "all pods" : `pod with {${selectorText(podSelector)}}`;
  return {
    key: `${requirements(namespaceSelector).join("\u0000")}/${requirements(podSelector).join("\u0000")}`,
    namespace,
    namespaceSelector,
    podSelector,
    name: `${ns.bracketed ? `[${ns.label}]` : ns.label}/[${podLabel}]`,
    namespaceLabel: ns.label,
    podLabel,
  };
}

/** True for a peer selecting every pod of every namespace (`namespaceSelector: {}`, no or an empty podSelector). */
export function selectsWholeCluster(peer: NetworkPolicyPeerManifest): boolean {
  return (
    peer.ipBlock === undefined &&
    peer.namespaceSelector !== undefined &&
    isEmptySelector(peer.namespaceSelector) &&
    (peer.podSelector === undefined || isEmptySelector(peer.podSelector))
  );
}

/** True when a rule with these peers admits every peer of the cluster: no peers, or one selecting all namespaces. */
export function ruleSelectsWholeCluster(peers: readonly NetworkPolicyPeerManifest[] | undefined): boolean {
  return peers === undefined || peers.length === 0 || peers.some(selectsWholeCluster);
}

/** The peers of a policy's rule in one direction (`from` of ingress rules, `to` of egress rules). */
export function rulePeers(
  manifest: NetworkPolicyManifest | undefined,
  direction: "ingress" | "egress",
  index: number,
): readonly NetworkPolicyPeerManifest[] | undefined {
  if (direction === "ingress") return manifest?.spec.ingress?.[index]?.from;
  return manifest?.spec.egress?.[index]?.to;
}

/** True when a rule with these peers, in a policy of `policyNamespace`, matches the representative. */
export function ruleMatches(
  peers: readonly NetworkPolicyPeerManifest[] | undefined,
  policyNamespace: string,
  rep: Representative,
): boolean {
  if (peers === undefined || peers.length === 0) return true;
  return peers.some((peer) => {
    if (peer.ipBlock !== undefined || (peer.namespaceSelector === undefined && peer.podSelector === undefined))
      return false;
    const namespaceMatches =
      peer.namespaceSelector === undefined
        ? rep.namespace === policyNamespace
        : fullMatch(peer.namespaceSelector, rep.namespaceSelector);
    return namespaceMatches && (peer.podSelector === undefined || fullMatch(peer.podSelector, rep.podSelector));
  });
}

/** True when a real pod with these labels, in a namespace with these labels, is what the representative stands for. */
function standsFor(rep: Representative, podLabels: Labels, namespaceLabels: Labels): boolean {
  const pods = rep.podSelector;
  const namespaces = rep.namespaceSelector;
  // Only plain label selectors are refined away: expressions, "all pods" and "all namespaces" stay.
  if (pods === undefined || (pods.matchExpressions ?? []).length > 0) return false;
  if ((namespaces.matchExpressions ?? []).length > 0) return false;
  const podWanted = Object.entries(pods.matchLabels ?? {});
  const namespaceWanted = Object.entries(namespaces.matchLabels ?? {});
  if (podWanted.length === 0 || namespaceWanted.length === 0) return false;
  return (
    podWanted.every(([k, v]) => Object.hasOwn(podLabels, k) && podLabels[k] === v) &&
    namespaceWanted.every(([k, v]) => Object.hasOwn(namespaceLabels, k) && namespaceLabels[k] === v)
  );
}

/**
 * The representatives of a cluster's policies: one per distinct selector pair of the rules of the directions each
 * policy isolates (ipBlocks and rules admitting the whole cluster make none), the first rule's form kept, less those
 * a pod of the input already is (plain label selectors only).
 */
export function representativesOf(cluster: ClusterModel, index: ClassIndex): Representative[] {
  const byKey = new Map<string, Representative>();
  for (const policy of cluster.policies) {
    const manifest = cluster.policyManifests.get(policy.id);
    const directions: [PolicyType, "ingress" | "egress", boolean][] = [
      ["Ingress", "ingress", policy.ingressIsolates],
      ["Egress", "egress", policy.egressIsolates],
    ];
    for (const [, direction, isolates] of directions) {
      if (!isolates) continue;
      policy[direction].forEach((rule) => {
        const peers = rulePeers(manifest, direction, rule.index);
        // A rule admitting the whole cluster counts toward `entire-cluster`, and none of its peers is represented.
        if (ruleSelectsWholeCluster(peers)) return;
        for (const peer of peers ?? []) {
          if (peer.ipBlock !== undefined || (peer.namespaceSelector === undefined && peer.podSelector === undefined))
            continue;
          const rep =
            peer.namespaceSelector === undefined
              ? representative(
                  policy.namespace,
                  { matchLabels: { [NAMESPACE_NAME_LABEL]: policy.namespace } },
                  peer.podSelector,
                )
              : representative("", peer.namespaceSelector, peer.podSelector);
          if (!byKey.has(rep.key)) byKey.set(rep.key, rep);
        }
      });
    }
  }
  return [...byKey.values()].filter(
    (rep) => !index.classes.some((c) => standsFor(rep, c.pod.labels, c.namespaceLabels)),
  );
}
