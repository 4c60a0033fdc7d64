// `Connectivity diff:`, then one `diff-type: …, source: …` line per changed connection.
import { diffCells } from "./cells.js";
import type { DiffFormatter } from "./types.js";

/** Text as netpol-analyzer prints it: `diff-type: t, source: s, destination: d, ref1: c1, ref2: c2[, workloads-diff-info: i]`. */
export const txtDiffFormatter: DiffFormatter = {
  format: "txt",
  extension: "txt",
  render(diff) {
    if (diff.changes.length === 0) return "";
    const [ref1, ref2] = diff.refNames;
    const lines = diff.changes.map((d) => {
      const [type, src, dst, c1, c2, info] = diffCells(d);
      const line = `diff-type: ${type}, source: ${src}, destination: ${dst}, ${ref1}: ${c1}, ${ref2}: ${c2}`;
      return info ? `${line}, workloads-diff-info: ${info}` : line;
    });
    return ["Connectivity diff:", ...lines].map((l) => `${l}\n`).join("");
  },
};
