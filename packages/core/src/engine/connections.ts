// From class-level results to the sorted peer-level list users see.

import { compareStrings } from "../text.js";
import type { ConnectionSet } from "./connection-set.js";
import { union } from "./connection-set.js";
import { type Analysis, type Endpoint, enumerateConnections } from "./evaluate.js";

/** Traffic initiated by `src` may reach `dst` on `conn`. */
export interface Connection {
  /** The initiating peer, `namespace/name[Kind]` or `first-last[External]`. */
  readonly src: string;
  /** The receiving peer. */
  readonly dst: string;
  /** What is allowed (never empty). */
  readonly conn: ConnectionSet;
}

/**
 * Every pair of distinct peers with something allowed, sorted by src then dst. Pairs of two external ranges
 * and a peer to itself are left out.
 */
export function listConnections(a: Analysis): Connection[] {
  const peers = a.cluster.peers;
  const p = peers.length;
  const inAtoms = a.externals.ingress;
  const outAtoms = a.externals.egress;
  // One numbering for all peers: cluster peers, then ingress ranges, then egress ranges.
  const names = [...peers.map((x) => x.name), ...inAtoms.map((x) => x.name), ...outAtoms.map((x) => x.name)];
  const order = names.map((_, i) => i).sort((x, y) => compareStrings(names[x] as string, names[y] as string));
  const rank = new Int32Array(names.length);
  order.forEach((id, r) => {
    rank[id] = r;
  });
  const total = names.length;
  const peerIds = (e: Endpoint, atomBase: number): readonly number[] =>
    "class" in e ? (a.index.classes[e.class]?.peers ?? []) : [atomBase + e.atom];
  const merged = new Map<number, ConnectionSet>();
  enumerateConnections(a, (src, dst, conn) => {
    for (const s of peerIds(src, p)) {
      for (const d of peerIds(dst, p + inAtoms.length)) {
        if (s === d) continue;
        const key = (rank[s] as number) * total + (rank[d] as number);
        const prev = merged.get(key);
        merged.set(key, prev ? union(prev, conn) : conn);
      }
    }
  });
  const keys = [...merged.keys()].sort((x, y) => x - y);
  return keys.map((key) => ({
    src: names[order[Math.floor(key / total)] as number] as string,
    dst: names[order[key % total] as number] as string,
    conn: merged.get(key) as ConnectionSet,
  }));
}
