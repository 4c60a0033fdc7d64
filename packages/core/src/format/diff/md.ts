// A Markdown table, ready to paste into a pull-request comment.
import { diffCells, headerCells } from "./cells.js";
import type { DiffFormatter } from "./types.js";

const SEPARATOR = "|-----------|--------|-------------|------|------|---------------------|";
const cell = (s: string) => s.replaceAll("|", "\\|");
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;

/** Markdown: one table, the header naming the inputs, one row per changed connection. */
export const mdDiffFormatter: DiffFormatter = {
  format: "md",
  extension: "md",
  render(diff) {
    if (diff.changes.length === 0) return "";
    return [row(headerCells(diff.refNames)), SEPARATOR, ...diff.changes.map((d) => row(diffCells(d)))]
      .map((l) => `${l}\n`)
      .join("");
  },
};
