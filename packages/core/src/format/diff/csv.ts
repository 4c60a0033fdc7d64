// CSV with a header row, quoted as Go's encoding/csv quotes (netpol-analyzer's csv output).
import { diffCells, headerCells } from "./cells.js";
import type { DiffFormatter } from "./types.js";

/** A field quoted when it holds a comma, a quote or a line break, or starts with white space. */
const field = (s: string) => (/[",\r\n]/.test(s) || /^\s/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const row = (cells: readonly string[]) => `${cells.map(field).join(",")}\n`;

/** CSV: `diff-type,source,destination,<ref1>,<ref2>,workloads-diff-info`, the last column empty without info. */
export const csvDiffFormatter: DiffFormatter = {
  format: "csv",
  extension: "csv",
  render(diff) {
    if (diff.changes.length === 0) return "";
    return [headerCells(diff.refNames), ...diff.changes.map(diffCells)].map(row).join("");
  },
};
