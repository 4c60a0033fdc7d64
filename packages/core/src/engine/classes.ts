// Equivalence classes of pods: pods that no policy can tell apart are evaluated once.

import { type Labels, NAMESPACE_NAME_LABEL } from "../data.js";
import { type IpRange, rangeContains } from "../ip-blocks.js";
import { compareStrings } from "../text.js";
import type { ClusterModel, PodModel } from "./cluster.js";
import type { IpBlockPeer } from "./policies.js";

/** Pods with the same namespace, labels, container ports and ipBlock memberships. */
export interface EquivalenceClass {
  /** Index in the class list. */
  readonly id: number;
  /** The namespace. */
  readonly namespace: string;
  /** Labels of the namespace. */
  readonly namespaceLabels: Labels;
  /** A representative pod. */
  readonly pod: PodModel;
  /** Keys of the ipBlock peers whose addresses contain one of the pods' IPs. */
  readonly ipBlocks: ReadonlySet<string>;
  /** Indices of the peers having a pod in this class. */
  readonly peers: number[];
}

/** Classes, the peer → classes map, and a namespace index for selector matching. */
export interface ClassIndex {
  /** All classes. */
  readonly classes: readonly EquivalenceClass[];
  /** Class ids of each peer (by peer index). */
  readonly peerClasses: readonly number[][];
  /** Class ids per namespace. */
  readonly byNamespace: ReadonlyMap<string, readonly number[]>;
  /** Class ids per namespace and label, keyed `namespace NUL key=value`. */
  readonly byLabel: ReadonlyMap<string, readonly number[]>;
  /** Class ids of the extra pods given to `buildClasses`, in their order (pods of no peer, such as the ingress controller). */
  readonly extraClasses: readonly number[];
}

/** A pod of no peer that policies may still select and match (the ingress controller). */
export interface ExtraPod {
  /** Its namespace. */
  readonly namespace: string;
  /** The pod. */
  readonly pod: PodModel;
}

/** Classes of a namespace that may match a selector with these `matchLabels`: the shortest posting list. */
export function candidates(
  index: ClassIndex,
  namespace: string,
  matchLabels: Readonly<Record<string, string>>,
): readonly number[] {
  let best = index.byNamespace.get(namespace) ?? [];
  for (const [k, v] of Object.entries(matchLabels)) {
    const list = index.byLabel.get(`${namespace}\u0000${k}=${v}`) ?? [];
    if (list.length < best.length) best = list;
  }
  return best;
}

function labelsKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => compareStrings(a, b)));
}

function portsKey(pod: PodModel): string {
  if (pod.ports.every((p) => p.name === undefined)) return "";
  return JSON.stringify(
    pod.ports
      .filter((p) => p.name !== undefined)
      .map((p) => `${p.name}/${p.protocol}/${p.number}`)
      .sort(compareStrings),
  );
}

/** True when one of the IPs lies in one of the ranges. */
export function ipsInRanges(ips: readonly IpRange[], ranges: readonly IpRange[]): boolean {
  return ips.some((ip) => ranges.some((r) => rangeContains(r, ip)));
}

/** Groups the pods of all peers, and the extra pods, into equivalence classes. */
export function buildClasses(
  cluster: ClusterModel,
  ipBlocks: readonly IpBlockPeer[],
  extra: readonly ExtraPod[] = [],
): ClassIndex {
  const classes: EquivalenceClass[] = [];
  const byKey = new Map<string, EquivalenceClass>();
  const byNamespace = new Map<string, number[]>();
  const byLabel = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, id: number) => {
    const list = map.get(key);
    if (list) list.push(id);
    else map.set(key, [id]);
  };
  const classOf = (namespace: string, pod: PodModel): EquivalenceClass => {
    const matched =
      pod.ips.length === 0 ? [] : ipBlocks.filter((b) => ipsInRanges(pod.ips, b.ranges)).map((b) => b.key);
    const key = `${namespace}\u0000${labelsKey(pod.labels)}\u0000${portsKey(pod)}\u0000${[...new Set(matched)].sort(compareStrings).join("\u0001")}${pod.hostNetwork ? "\u0000host" : ""}`;
    let cls = byKey.get(key);
    if (!cls) {
      cls = {
        id: classes.length,
        namespace,
        namespaceLabels: cluster.namespaces.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace },
        pod,
        ipBlocks: new Set(matched),
        peers: [],
      };
      classes.push(cls);
      byKey.set(key, cls);
      push(byNamespace, namespace, cls.id);
      for (const [k, v] of Object.entries(pod.labels)) push(byLabel, `${namespace}\u0000${k}=${v}`, cls.id);
    }
    return cls;
  };
  const peerClasses = cluster.peers.map((peer, peerIndex) => {
    const ids: number[] = [];
    for (const pod of peer.pods) {
      const cls = classOf(peer.namespace, pod);
      if (!ids.includes(cls.id)) {
        ids.push(cls.id);
        cls.peers.push(peerIndex);
      }
    }
    return ids;
  });
  const extraClasses = extra.map((e) => classOf(e.namespace, e.pod).id);
  return { classes, peerClasses, byNamespace, byLabel, extraClasses };
}
