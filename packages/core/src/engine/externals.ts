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
 * Cuts the address space at every ipBlock written in a policy's rules of each direction, in force or not (rules of a
 * direction `policyTypes` leaves out cut it too, as in the reference analyzer; they allow nothing, so connectivity is
 * the same), and at each network and node address of the cluster-wide policies' rules. IPv6 appears only when some
 * written ipBlock is IPv6: cluster-wide networks (often 0.0.0.0/0 beside ::/0) cut the families listed, add none.
 */
export function buildExternals(
  policies: readonly CompiledPolicy[],
  clusterPolicies: readonly CompiledClusterPolicy[] = [],
): Externals {
  const blocks = new Map<string, IpBlockPeer>();
  for (const p of policies)
    for (const dir of ["ingress", "egress"] as const)
      for (const rule of p[dir])
        for (const peer of rule.peers ?? []) if (peer.type === "ipBlock") blocks.set(peer.key, peer);
  const clusterCuts = (dir: "ingress" | "egress") =>
    clusterPolicies.flatMap((p) =>
      p[dir].flatMap((rule) =>
        rule.peers.flatMap((peer) => {
          if (peer.type !== "ipBlock") return [];
          blocks.set(peer.key, peer);
          return peer.cuts;
        }),
      ),
    );
  const collect = (dir: "ingress" | "egress") =>
    policies.flatMap((p) => p.writtenIpBlocks[dir].flatMap((b) => b.ranges));
  const inRanges = collect("ingress");
  const outRanges = collect("egress");
  const families: IpFamily[] = [...inRanges, ...outRanges].some((r) => r.family === "ipv6")
    ? ["ipv4", "ipv6"]
    : ["ipv4"];
  const atoms = (ranges: IpRange[]) =>
    cutAddressSpace(ranges, families).map((range, id) => ({ id, range, name: externalName(range) }));
  return {
    ingress: atoms([...inRanges, ...clusterCuts("ingress")]),
    egress: atoms([...outRanges, ...clusterCuts("egress")]),
    ipBlocks: [...blocks.values()],
  };
}
