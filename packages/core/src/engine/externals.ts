// External peers: the address space cut at the edges of the ipBlocks in force, per direction.
import type { IpFamily, IpRange } from "../ip-blocks.js";
import type { CompiledClusterPolicy } from "./cluster-policies.js";
import { cutAddressSpace, formatIpRange } from "./ip-ranges.js";
import type { CompiledPolicy, IpBlockPeer } from "./policies.js";

/** One external range that every policy treats as a whole. */
export interface ExternalAtom {
  /** Index in its direction's atom list. */
  readonly id: number;
  /** The addresses. */
  readonly range: IpRange;
  /** `first-last[External]`. */
  readonly name: string;
}

/** External ranges per direction and the distinct ipBlock peers in force. */
export interface Externals {
  /** Ranges that can be sources (cut by ingress ipBlocks). */
  readonly ingress: readonly ExternalAtom[];
  /** Ranges that can be destinations (cut by egress ipBlocks). */
  readonly egress: readonly ExternalAtom[];
  /** Every distinct ipBlock peer of every rule. */
  readonly ipBlocks: readonly IpBlockPeer[];
}

/** The suffix of external peer names. */
export const EXTERNAL_SUFFIX = "[External]";

/** Names an external range `first-last[External]`. */
export function externalName(range: IpRange): string {
  return `${formatIpRange(range)}${EXTERNAL_SUFFIX}`;
}

/**
 * Cuts the address space at the edges of every ipBlock, and of the networks and nodes peers of cluster-wide policies;
 * IPv6 appears only when some range in force is IPv6.
 */
export function buildExternals(
  policies: readonly CompiledPolicy[],
  clusterPolicies: readonly CompiledClusterPolicy[] = [],
): Externals {
  const blocks = new Map<string, IpBlockPeer>();
  const collect = (dir: "ingress" | "egress") => {
    const ranges: IpRange[] = [];
    for (const p of policies)
      for (const rule of p[dir])
        for (const peer of rule.peers ?? []) {
          if (peer.type !== "ipBlock") continue;
          blocks.set(peer.key, peer);
          ranges.push(...peer.ranges);
        }
    for (const p of clusterPolicies)
      for (const rule of p[dir])
        for (const peer of rule.peers) {
          if (peer.type !== "ipBlock") continue;
          blocks.set(peer.key, peer);
          ranges.push(...peer.cuts);
        }
    return ranges;
  };
  const inRanges = collect("ingress");
  const outRanges = collect("egress");
  // The families are those of the NetworkPolicies' ipBlocks: IPv4 always, IPv6 when one of them is. Networks of
  // cluster-wide policies (often 0.0.0.0/0 beside ::/0) cut the families listed but do not add one.
  const npRanges = policies.flatMap((p) =>
    [...p.ingress, ...p.egress].flatMap((r) => (r.peers ?? []).flatMap((x) => (x.type === "ipBlock" ? x.ranges : []))),
  );
  const families: IpFamily[] = npRanges.some((r) => r.family === "ipv6") ? ["ipv4", "ipv6"] : ["ipv4"];
  const atoms = (ranges: IpRange[]) =>
    cutAddressSpace(ranges, families).map((range, id) => ({ id, range, name: externalName(range) }));
  return { ingress: atoms(inRanges), egress: atoms(outRanges), ipBlocks: [...blocks.values()] };
}
