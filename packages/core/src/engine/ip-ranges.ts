// Address ranges as the engine cuts them: subtraction, and the cut of the address space at ipBlock edges.
import { FAMILY_MAX, formatIp, type IpFamily, type IpRange } from "../ip-blocks.js";

/** Formats a range as `first-last`. */
export function formatIpRange(r: IpRange): string {
  return `${formatIp(r.family, r.lo)}-${formatIp(r.family, r.hi)}`;
}

/** Subtracts ranges from one range; the result is sorted and disjoint. */
export function subtractRanges(base: IpRange, minus: readonly IpRange[]): IpRange[] {
  let pieces: IpRange[] = [base];
  for (const m of minus) {
    if (m.family !== base.family) continue;
    const next: IpRange[] = [];
    for (const p of pieces) {
      if (m.hi < p.lo || m.lo > p.hi) {
        next.push(p);
        continue;
      }
      if (p.lo < m.lo) next.push({ family: p.family, lo: p.lo, hi: m.lo - 1n });
      if (m.hi < p.hi) next.push({ family: p.family, lo: m.hi + 1n, hi: p.hi });
    }
    pieces = next;
  }
  return pieces;
}

/**
 * Cuts the whole space of each family into the coarsest ranges such that every given range is a union
 * of whole pieces. Families absent from `families` are left out.
 */
export function cutAddressSpace(ranges: readonly IpRange[], families: readonly IpFamily[]): IpRange[] {
  const out: IpRange[] = [];
  for (const family of families) {
    // Each range contributes its start and the address after its end as cut points.
    const cuts = new Set<bigint>([0n]);
    for (const r of ranges) {
      if (r.family !== family) continue;
      cuts.add(r.lo);
      if (r.hi < FAMILY_MAX[family]) cuts.add(r.hi + 1n);
    }
    const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    starts.forEach((lo, i) => {
      const next = starts[i + 1];
      out.push({ family, lo, hi: next === undefined ? FAMILY_MAX[family] : next - 1n });
    });
  }
  return out;
}
