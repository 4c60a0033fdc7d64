// Representative peers: one imaginary pod per distinct rule selector, standing for the pods a policy lets in or out
// that the input does not hold yet. They are matched to rules by equal selectors only, never by containment, as
// netpol-analyzer's exposure analysis matches them (pkg/netpol/eval/internal/k8s/representative_selectors.go).
import { type Labels, NAMESPACE_NAME_LABEL } from "../data.js";
import type { LabelSelectorManifest, NetworkPolicyManifest, NetworkPolicyPeerManifest } from "../render/types.js";
import { compareStrings } from "../text.js";
import { type ClassIndex, candidates } from "./classes.js";
import type { ClusterModel } from "./cluster.js";
import type { CompiledClusterRule } from "./cluster-policies.js";

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

/** The key of a representative of these selectors: equal requirements, equal key. */
const keyOf = (namespaceSelector: LabelSelectorManifest, podSelector: LabelSelectorManifest | undefined) =>
  `${requirements(namespaceSelector).join("\u0000")}/${requirements(podSelector).join("\u0000")}`;

function representative(
  key: string,
  namespace: string,
  namespaceSelector: LabelSelectorManifest,
  podSelector: LabelSelectorManifest | undefined,
): Representative {
  const ns = namespaceLabelOf(namespaceSelector);
  const podLabel =
    podSelector === undefined || isEmptySelector(podSelector) ? "all pods" : `pod with {${selectorText(podSelector)}}`;
  return {
    key,
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

/** Which representatives a rule's peers match: `all` for a rule admitting the whole cluster, else their indexes. */
export type RepresentativeMatcher = (
  peers: readonly NetworkPolicyPeerManifest[] | undefined,
  policyNamespace: string,
) => "all" | readonly number[];

/**
 * Matches rule peers to representatives by index: a peer without namespaceSelector matches those of its policy's
 * namespace made the same way, an empty selector matches any, any other only an equal one (as text).
 */
export function representativeMatcher(reps: readonly Representative[]): RepresentativeMatcher {
  const index = (key: (r: Representative) => string) => {
    const map = new Map<string, number[]>();
    reps.forEach((r, i) => {
      const k = key(r);
      const list = map.get(k);
      if (list) list.push(i);
      else map.set(k, [i]);
    });
    return map;
  };
  const podKeys = reps.map((r) => requirements(r.podSelector).join("\u0000"));
  const byNamespace = index((r) => r.namespace);
  const byNamespaceSelector = index((r) => requirements(r.namespaceSelector).join("\u0000"));
  const everyone = reps.map((_, i) => i);
  return (peers, policyNamespace) => {
    if (ruleSelectsWholeCluster(peers)) return "all";
    const out = new Set<number>();
    for (const peer of peers ?? []) {
      if (peer.ipBlock !== undefined || (peer.namespaceSelector === undefined && peer.podSelector === undefined))
        continue;
      const namespaces =
        peer.namespaceSelector === undefined
          ? // Made from a rule without namespaceSelector: only its policy's namespace (`""` otherwise).
            policyNamespace === ""
            ? []
            : (byNamespace.get(policyNamespace) ?? [])
          : isEmptySelector(peer.namespaceSelector)
            ? everyone
            : (byNamespaceSelector.get(requirements(peer.namespaceSelector).join("\u0000")) ?? []);
      const pods =
        peer.podSelector === undefined || isEmptySelector(peer.podSelector)
          ? undefined
          : requirements(peer.podSelector).join("\u0000");
      for (const i of namespaces) if (pods === undefined || podKeys[i] === pods) out.add(i);
    }
    return [...out];
  };
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
    const directions: ["ingress" | "egress", boolean][] = [
      ["ingress", policy.ingressIsolates],
      ["egress", policy.egressIsolates],
    ];
    for (const [direction, isolates] of directions) {
      if (!isolates) continue;
      policy[direction].forEach((rule) => {
        const peers = rulePeers(manifest, direction, rule.index);
        // A rule admitting the whole cluster counts toward `entire-cluster`, and none of its peers is represented.
        if (ruleSelectsWholeCluster(peers)) return;
        for (const peer of peers ?? []) {
          if (peer.ipBlock !== undefined || (peer.namespaceSelector === undefined && peer.podSelector === undefined))
            continue;
          // Without namespaceSelector: the policy's namespace, selected by name.
          const namespace = peer.namespaceSelector === undefined ? policy.namespace : "";
          const namespaceSelector = peer.namespaceSelector ?? { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } };
          const key = keyOf(namespaceSelector, peer.podSelector);
          // The first rule's form is kept (its namespace, and how it prints).
          if (!byKey.has(key)) byKey.set(key, representative(key, namespace, namespaceSelector, peer.podSelector));
        }
      });
    }
  }
  // Cluster-wide policies: each pods or namespaces peer not selecting every pod (a cluster-wide policy has no
  // namespace of its own, so a peer without namespace selector stands for every namespace).
  for (const policy of cluster.clusterPolicies)
    for (const rule of [...policy.ingress, ...policy.egress])
      for (const peer of rule.peers) {
        if (peer.type !== "selector" || peer.every) continue;
        const { namespaces, pods } = peer.selectors;
        const key = keyOf(namespaces, pods);
        if (!byKey.has(key)) byKey.set(key, representative(key, "", namespaces, pods));
      }
  // Namespaces by label, to look up the pods a plain-label representative may be without scanning every class.
  const namespacesByLabel = new Map<string, string[]>();
  for (const [ns, labels] of cluster.namespaces)
    for (const [k, v] of Object.entries(labels)) {
      const list = namespacesByLabel.get(`${k}=${v}`);
      if (list) list.push(ns);
      else namespacesByLabel.set(`${k}=${v}`, [ns]);
    }
  const isPod = (rep: Representative) => {
    const podLabels = rep.podSelector?.matchLabels ?? {};
    let namespaces: readonly string[] | undefined;
    for (const [k, v] of Object.entries(rep.namespaceSelector.matchLabels ?? {})) {
      const list = namespacesByLabel.get(`${k}=${v}`) ?? [];
      if (namespaces === undefined || list.length < namespaces.length) namespaces = list;
    }
    // Without plain namespace labels `standsFor` refines nothing away, so there is nothing to look up.
    return (namespaces ?? []).some((ns) =>
      candidates(index, ns, podLabels).some((id) => {
        const c = index.classes[id];
        return c !== undefined && standsFor(rep, c.pod.labels, c.namespaceLabels);
      }),
    );
  };
  return [...byKey.values()].filter((rep) => !isPod(rep));
}

/**
 * Which representatives a rule of a cluster-wide policy matches by its pods and namespaces peers (a peer selecting
 * every pod matches them all): an empty selector matches any, any other only an equal one (as text), as for
 * NetworkPolicy rules.
 */
export function clusterRuleRepresentatives(reps: readonly Representative[], rule: CompiledClusterRule): Set<number> {
  const out = new Set<number>();
  for (const peer of rule.peers) {
    if (peer.type !== "selector") continue;
    const ns = requirements(peer.selectors.namespaces).join("\u0000");
    const pods = requirements(peer.selectors.pods).join("\u0000");
    reps.forEach((r, i) => {
      if (peer.every) out.add(i);
      else if (
        (ns === "" || requirements(r.namespaceSelector).join("\u0000") === ns) &&
        (pods === "" || requirements(r.podSelector).join("\u0000") === pods)
      )
        out.add(i);
    });
  }
  return out;
}
