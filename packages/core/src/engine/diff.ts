// The semantic diff of two connectivity maps, as netpol-analyzer's `diff` computes it (pkg/netpol/diff/diff.go):
// for every pair of peers, what the old and the new input allow, classified changed, added, removed or unchanged;
// an end of an added or removed connection that is a workload of one input only is flagged.

import { type Diagnostic, DiagnosticBag } from "../errors.js";
import { isRecord } from "../input.js";
import { compareStrings } from "../text.js";
import type { ConnectivityMap, PeerInfo } from "./analyze.js";
import { type ConnectionSet, equals, NO_CONNECTIONS } from "./connection-set.js";
import { compareRanges, parseIpRange, type RangeConnection } from "./diff-ranges.js";
import { EXTERNAL_SUFFIX, externalName } from "./externals.js";
import { INGRESS_CONTROLLER } from "./ingress-plan.js";
import { formatIpRange } from "./ip-ranges.js";

/** How a connection differs: only the new input allows it (`added`), only the old one (`removed`), both. */
export type DiffType = "changed" | "added" | "removed" | "unchanged";

/** What the old and the new input allow from one peer to another. */
export interface ConnectionDiff {
  /** `changed`, `added`, `removed` or `unchanged`. */
  readonly type: DiffType;
  /** The initiating peer. */
  readonly src: string;
  /** The receiving peer. */
  readonly dst: string;
  /** What the old input allows (`NO_CONNECTIONS` on an added connection). */
  readonly old: ConnectionSet;
  /** What the new input allows (`NO_CONNECTIONS` on a removed connection). */
  readonly new: ConnectionSet;
  /** The source is a workload of the new input only (added) or of the old input only (removed). */
  readonly srcAddedOrRemoved: boolean;
  /** The destination is a workload of the new input only (added) or of the old input only (removed). */
  readonly dstAddedOrRemoved: boolean;
}

/** Options of `diffConnectivity`. */
export interface DiffOptions {
  /** The names of the old and the new input, in output columns and messages; default `["ref1", "ref2"]`. */
  readonly refNames?: readonly [string, string];
}

/** How connectivity differs between two inputs. */
export interface ConnectivityDiff {
  /** The names of the old and the new input. */
  readonly refNames: readonly [string, string];
  /**
   * Changed, then added, then removed connections, each sorted by src then dst; those from the ingress controller
   * follow, in the same order. Empty when the inputs allow the same connections.
   */
  readonly changes: readonly ConnectionDiff[];
  /** Connections both inputs allow alike, sorted by src then dst. */
  readonly unchanged: readonly ConnectionDiff[];
  /** The peers of every connection above, sorted by name (external ranges as compared, not as either input cut them). */
  readonly peers: readonly PeerInfo[];
  /** Workloads of the new input only, with or without connections, sorted. */
  readonly addedWorkloads: readonly string[];
  /** Workloads of the old input only, with or without connections, sorted. */
  readonly removedWorkloads: readonly string[];
  /** Warnings about an input as a whole (one without NetworkPolicy); each input's own diagnostics stay on its map. */
  readonly diagnostics: readonly Diagnostic[];
}

/** One input as the diff reads it. */
interface Side {
  readonly map: ConnectivityMap;
  /** External peers by name, with their addresses. */
  readonly ranges: ReadonlyMap<string, RangeConnection["range"]>;
  /** Names of workload peers (neither external nor the ingress controller). */
  readonly workloads: ReadonlySet<string>;
}

function sideOf(map: ConnectivityMap): Side {
  const ranges = new Map<string, RangeConnection["range"]>();
  const workloads = new Set<string>();
  for (const p of map.peers) {
    const range = p.kind === "External" ? parseIpRange(p.name.slice(0, -EXTERNAL_SUFFIX.length)) : undefined;
    if (range) ranges.set(p.name, range);
    else if (p.name !== INGRESS_CONTROLLER) workloads.add(p.name);
  }
  return { map, ranges, workloads };
}

function checkInputs(oldMap: unknown, newMap: unknown, options: unknown): readonly [string, string] {
  const bag = new DiagnosticBag();
  const isMap = (m: unknown) => isRecord(m) && Array.isArray(m.peers) && typeof m.connections === "function";
  if (!isMap(oldMap))
    bag.error("type", ["old"], { found: oldMap, expected: "a ConnectivityMap (analyzeConnectivity)" });
  if (!isMap(newMap))
    bag.error("type", ["new"], { found: newMap, expected: "a ConnectivityMap (analyzeConnectivity)" });
  const names = isRecord(options) ? options.refNames : undefined;
  const valid =
    names === undefined ||
    (Array.isArray(names) && names.length === 2 && names.every((n) => typeof n === "string" && n !== ""));
  if (!isRecord(options) && options !== undefined)
    bag.error("type", [], { found: options, expected: "{ refNames?: [old, new] }" });
  else if (!valid) bag.error("type", ["refNames"], { found: names, expected: "two non-empty names: [old, new]" });
  bag.throwIfErrors();
  if (names === undefined) return ["ref1", "ref2"];
  const [oldName, newName] = names as readonly [string, string];
  return [oldName, newName];
}

interface Pair {
  readonly src: string;
  readonly dst: string;
  old?: ConnectionSet | undefined;
  new?: ConnectionSet | undefined;
}

const CATEGORY: Readonly<Record<DiffType, number>> = { changed: 0, added: 1, removed: 2, unchanged: 3 };

/** Output order: changed, added, removed; connections from the ingress controller after all others. */
function compareDiffs(a: ConnectionDiff, b: ConnectionDiff): number {
  const ingress = (d: ConnectionDiff) => (d.src === INGRESS_CONTROLLER ? 1 : 0);
  return (
    ingress(a) - ingress(b) ||
    CATEGORY[a.type] - CATEGORY[b.type] ||
    compareStrings(a.src, b.src) ||
    compareStrings(a.dst, b.dst)
  );
}

/**
 * Compares the connectivity of two inputs, as netpol-analyzer's diff does: pairs of peers are matched by name
 * (`namespace/name[Kind]`), external ranges address by address over the cut of both inputs, then regrouped into
 * the widest ranges with the same connections; a pair only one input connects is added or removed, and its ends
 * that are workloads of that input only are flagged (external ranges and the ingress controller never are).
 */
export function diffConnectivity(
  oldMap: ConnectivityMap,
  newMap: ConnectivityMap,
  options: DiffOptions = {},
): ConnectivityDiff {
  const refNames = checkInputs(oldMap, newMap, options);
  const sides = [sideOf(oldMap), sideOf(newMap)] as const;
  const pairs = new Map<string, Pair>();
  const pair = (src: string, dst: string): Pair => {
    const key = `${src}\n${dst}`;
    const p = pairs.get(key) ?? { src, dst };
    pairs.set(key, p);
    return p;
  };
  // Connections with an external end, by their cluster end: [old, new] lists of ranges.
  const fromAddresses = new Map<string, [RangeConnection[], RangeConnection[]]>();
  const toAddresses = new Map<string, [RangeConnection[], RangeConnection[]]>();
  const add = (by: Map<string, [RangeConnection[], RangeConnection[]]>, end: string, k: 0 | 1, r: RangeConnection) => {
    const lists = by.get(end) ?? [[], []];
    by.set(end, lists);
    lists[k].push(r);
  };
  sides.forEach((side, k) => {
    const at = k === 0 ? "old" : "new";
    for (const c of side.map.connections()) {
      const srcRange = side.ranges.get(c.src);
      const dstRange = side.ranges.get(c.dst);
      if (srcRange && dstRange) continue; // address to address is never listed
      if (srcRange) add(fromAddresses, c.dst, k as 0 | 1, { range: srcRange, conn: c.conn });
      else if (dstRange) add(toAddresses, c.src, k as 0 | 1, { range: dstRange, conn: c.conn });
      else pair(c.src, c.dst)[at] = c.conn;
    }
  });
  const externals = new Map<string, PeerInfo>();
  const external = (range: RangeConnection["range"]): string => {
    const name = externalName(range);
    externals.set(name, { name, kind: "External", workload: formatIpRange(range) });
    return name;
  };
  for (const [dst, [a, b]] of fromAddresses)
    for (const r of compareRanges(a, b)) Object.assign(pair(external(r.range), dst), { old: r.old, new: r.new });
  for (const [src, [a, b]] of toAddresses)
    for (const r of compareRanges(a, b)) Object.assign(pair(src, external(r.range)), { old: r.old, new: r.new });

  const flagged = (end: string, other: Side) =>
    !externals.has(end) && end !== INGRESS_CONTROLLER && !other.workloads.has(end);
  const rows: ConnectionDiff[] = [];
  for (const p of pairs.values()) {
    const type: DiffType =
      p.old && p.new ? (equals(p.old, p.new) ? "unchanged" : "changed") : p.old ? "removed" : "added";
    const other = type === "removed" ? sides[1] : sides[0];
    const flags = type === "added" || type === "removed";
    rows.push({
      type,
      src: p.src,
      dst: p.dst,
      old: p.old ?? NO_CONNECTIONS,
      new: p.new ?? NO_CONNECTIONS,
      srcAddedOrRemoved: flags && flagged(p.src, other),
      dstAddedOrRemoved: flags && flagged(p.dst, other),
    });
  }
  rows.sort(compareDiffs);

  const known = new Map<string, PeerInfo>();
  for (const p of [...oldMap.peers, ...newMap.peers, ...externals.values()]) known.set(p.name, p);
  const names = new Set(rows.flatMap((r) => [r.src, r.dst]));
  const peers = [...names].sort(compareStrings).map((name) => known.get(name) ?? { name, kind: "", workload: name });
  const only = (a: Side, b: Side) => [...a.workloads].filter((w) => !b.workloads.has(w)).sort(compareStrings);
  const bag = new DiagnosticBag();
  sides.forEach((side, k) => {
    if (side.map.policies.length === 0)
      bag.warn("no-network-policies", [], { ref: refNames[k] as string, side: k === 0 ? "old" : "new" });
  });
  return {
    refNames,
    changes: rows.filter((r) => r.type !== "unchanged"),
    unchanged: rows.filter((r) => r.type === "unchanged"),
    peers,
    addedWorkloads: only(sides[1], sides[0]),
    removedWorkloads: only(sides[0], sides[1]),
    diagnostics: bag.items,
  };
}
