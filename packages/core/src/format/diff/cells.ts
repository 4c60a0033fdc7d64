// The cells of a diff row, shared by the line formats: netpol-analyzer's columns (pkg/netpol/diff/diff_formatter.go).
import { formatConnectionSet } from "../../engine/connection-set.js";
import type { ConnectionDiff } from "../../engine/diff.js";

/** `workload A added`, `workload A and B removed`, or empty when no end is a workload of one input only. */
export function workloadsDiffInfo(d: ConnectionDiff): string {
  const ends = [...(d.srcAddedOrRemoved ? [d.src] : []), ...(d.dstAddedOrRemoved ? [d.dst] : [])];
  return ends.length === 0 ? "" : `workload ${ends.join(" and ")} ${d.type}`;
}

/** diff-type, source, destination, the old and the new connections (`No Connections` on the missing side), info. */
export function diffCells(d: ConnectionDiff): string[] {
  return [d.type, d.src, d.dst, formatConnectionSet(d.old), formatConnectionSet(d.new), workloadsDiffInfo(d)];
}

/** The header cells, with the inputs' names as the connection columns. */
export function headerCells(refNames: readonly [string, string]): string[] {
  return ["diff-type", "source", "destination", refNames[0], refNames[1], "workloads-diff-info"];
}
