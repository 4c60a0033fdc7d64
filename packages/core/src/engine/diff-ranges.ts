// External addresses compared across two inputs. Each input cuts the address space at its own ipBlocks, so its
// ranges differ from the other's; they are compared address by address and regrouped into the widest ranges with
// the same pair of connections (netpol-analyzer: eval.DisjointPeerIPMap, connlist.RefineConnListByDisjointPeers,
// then diffMap.mergeIPblocks in pkg/netpol/diff/diff.go).
import { type IpFamily, type IpRange, parseIp } from "../ip-blocks.js";
import { type ConnectionSet, equals } from "./connection-set.js";

/** What one input allows between one cluster end and a range of addresses. */
export interface RangeConnection {
  /** The addresses. */
  readonly range: IpRange;
  /** What is allowed. */
  readonly conn: ConnectionSet;
}

/** A range of addresses and what each input allows with one cluster end (undefined: nothing). */
export interface RangeDiff {
  /** The addresses: the widest range with this pair of connections. */
  readonly range: IpRange;
  /** What the old input allows. */
  readonly old: ConnectionSet | undefined;
  /** What the new input allows. */
  readonly new: ConnectionSet | undefined;
}

/** The range of an external peer's `first-last`; undefined when it is none. */
export function parseIpRange(text: string): IpRange | undefined {
  const dash = text.indexOf("-");
  const lo = dash < 0 ? undefined : parseIp(text.slice(0, dash));
  const hi = dash < 0 ? undefined : parseIp(text.slice(dash + 1));
  if (!lo || !hi || lo.family !== hi.family || lo.lo > hi.lo) return undefined;
  return { family: lo.family, lo: lo.lo, hi: hi.lo };
}

const sameConn = (a: ConnectionSet | undefined, b: ConnectionSet | undefined): boolean =>
  a === undefined || b === undefined ? a === b : equals(a, b);

const byStart = (a: RangeConnection, b: RangeConnection) =>
  a.range.lo < b.range.lo ? -1 : a.range.lo > b.range.lo ? 1 : 0;

/** The connection of the range in `list` (sorted, disjoint) that holds `at`, moving `cursor` forward. */
function connAt(list: readonly RangeConnection[], cursor: { i: number }, at: bigint): ConnectionSet | undefined {
  while (cursor.i < list.length && (list[cursor.i] as RangeConnection).range.hi < at) cursor.i++;
  const r = list[cursor.i];
  return r && r.range.lo <= at ? r.conn : undefined;
}

/**
 * Compares what two inputs allow between one cluster end and addresses (each list disjoint, as one input's
 * external ranges are): the widest ranges, in address order (IPv4 first), with the same connections in both,
 * where at least one input allows something.
 */
export function compareRanges(old: readonly RangeConnection[], now: readonly RangeConnection[]): RangeDiff[] {
  const out: RangeDiff[] = [];
  for (const family of ["ipv4", "ipv6"] as IpFamily[]) {
    const a = old.filter((r) => r.range.family === family).sort(byStart);
    const b = now.filter((r) => r.range.family === family).sort(byStart);
    const cuts = new Set<bigint>();
    for (const r of [...a, ...b]) cuts.add(r.range.lo).add(r.range.hi + 1n);
    const points = [...cuts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const ca = { i: 0 };
    const cb = { i: 0 };
    for (let k = 0; k + 1 < points.length; k++) {
      const lo = points[k] as bigint;
      const hi = (points[k + 1] as bigint) - 1n;
      const before = connAt(a, ca, lo);
      const after = connAt(b, cb, lo);
      if (before === undefined && after === undefined) continue;
      const last = out[out.length - 1];
      if (
        last?.range.family === family &&
        last.range.hi + 1n === lo &&
        sameConn(last.old, before) &&
        sameConn(last.new, after)
      )
        out[out.length - 1] = { ...last, range: { family, lo: last.range.lo, hi } };
      else out.push({ range: { family, lo, hi }, old: before, new: after });
    }
  }
  return out;
}
