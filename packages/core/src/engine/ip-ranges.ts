// IPv4/IPv6 address intervals with BigInt, and the cut of the address space at ipBlock edges.
import { Address4, Address6 } from "ip-address";

/** An IP family. */
export type IpFamily = "v4" | "v6";

/** An inclusive interval of addresses of one family. */
export interface IpRange {
  /** The address family. */
  readonly family: IpFamily;
  /** First address, as a number. */
  readonly lo: bigint;
  /** Last address, as a number. */
  readonly hi: bigint;
}

/** The largest address of each family. */
export const FAMILY_MAX: Readonly<Record<IpFamily, bigint>> = { v4: (1n << 32n) - 1n, v6: (1n << 128n) - 1n };

/** A parsed CIDR: its network range and whether the written address carried host bits. */
export interface ParsedCidr {
  /** The network the CIDR denotes (host bits cleared). */
  readonly range: IpRange;
  /** True when the written address had host bits set (`10.0.1.1/4`). */
  readonly hostBits: boolean;
}

/** Parses `a.b.c.d/n` or an IPv6 CIDR; a bare address is a /32 or /128. Returns undefined when invalid. */
export function parseCidr(text: string): ParsedCidr | undefined {
  const v6 = text.includes(":");
  try {
    if (!v6 && !/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(text)) return undefined;
    const addr = v6 ? new Address6(text) : new Address4(text);
    const start = addr.startAddress().bigInt();
    const end = addr.endAddress().bigInt();
    return { range: { family: v6 ? "v6" : "v4", lo: start, hi: end }, hostBits: addr.bigInt() !== start };
  } catch {
    return undefined;
  }
}

/** Parses a single address (no prefix). Returns undefined when invalid. */
export function parseIp(text: string): IpRange | undefined {
  if (text.includes("/")) return undefined;
  return parseCidr(text)?.range;
}

/** Formats one address of a family in its canonical short form. */
export function formatIp(family: IpFamily, value: bigint): string {
  return family === "v4" ? Address4.fromBigInt(value).address : Address6.fromBigInt(value).correctForm();
}

/** Formats a range as `first-last`. */
export function formatIpRange(r: IpRange): string {
  return `${formatIp(r.family, r.lo)}-${formatIp(r.family, r.hi)}`;
}

/** True when `outer` contains every address of `inner`. */
export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.lo <= inner.lo && inner.hi <= outer.hi;
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
