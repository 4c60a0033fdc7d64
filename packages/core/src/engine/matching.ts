// Which classes and external ranges a rule's peer matches, and which classes a policy selects: worked out once per
// peer and shared by the evaluation and the explanations, so both always agree.
import type { TrafficDirection } from "../data.js";
import { rangeContains } from "../ip-blocks.js";
import { type ClassIndex, candidates, type EquivalenceClass } from "./classes.js";
import type { ClusterPeer } from "./cluster-policies.js";
import type { ExternalAtom, Externals } from "./externals.js";
import type { CompiledPeer, CompiledPolicy, SelectorPeer } from "./policies.js";

/** Matching of peers and policies against one cluster's classes and external ranges. */
export interface Matcher {
  /** Ids of the classes `peer` matches (by selectors, or by pod IPs in its ranges). */
  classes(peer: CompiledPeer | ClusterPeer): readonly number[];
  /** Ids of the external ranges of `direction` (ingress: sources; egress: destinations) inside `peer`'s ranges. */
  atoms(peer: CompiledPeer | ClusterPeer, direction: TrafficDirection): readonly number[];
  /** Ids of the classes `policy` selects. */
  selected(policy: CompiledPolicy): readonly number[];
}

/** A matcher with a cache per peer key. */
export function matcher(index: ClassIndex, externals: Externals): Matcher {
  const byPeer = new Map<string, readonly number[]>();
  const byAtoms = new Map<string, readonly number[]>();
  const classOf = (id: number) => index.classes[id] as EquivalenceClass;
  const selectorClasses = (peer: SelectorPeer): number[] => {
    const out: number[] = [];
    const scan = (ns: string) => {
      for (const id of candidates(index, ns, peer.podLabels)) {
        const { pod } = classOf(id);
        if (peer.pods(pod.labels) && !(peer.podsOnly && pod.hostNetwork)) out.push(id);
      }
    };
    if (typeof peer.namespace === "string") scan(peer.namespace);
    else
      for (const [ns, ids] of index.byNamespace)
        if (peer.namespace(classOf(ids[0] as number).namespaceLabels)) scan(ns);
    return out;
  };
  const atomsIn = (peer: CompiledPeer | ClusterPeer, atoms: readonly ExternalAtom[]) =>
    peer.type !== "ipBlock"
      ? []
      : atoms.filter((a) => peer.ranges.some((r) => rangeContains(r, a.range))).map((a) => a.id);
  return {
    classes(peer) {
      let ids = byPeer.get(peer.key);
      if (!ids) {
        ids =
          peer.type === "selector"
            ? selectorClasses(peer)
            : peer.type === "none"
              ? []
              : index.classes.filter((c) => c.ipBlocks.has(peer.key)).map((c) => c.id);
        byPeer.set(peer.key, ids);
      }
      return ids;
    },
    atoms(peer, direction) {
      const key = `${direction}\u0000${peer.key}`;
      let ids = byAtoms.get(key);
      if (!ids) {
        ids = atomsIn(peer, direction === "ingress" ? externals.ingress : externals.egress);
        byAtoms.set(key, ids);
      }
      return ids;
    },
    selected(policy) {
      return candidates(index, policy.namespace, policy.selectsLabels).filter((id) =>
        policy.selects(classOf(id).pod.labels),
      );
    },
  };
}
