// Markdown tables, ready to paste into a pull-request comment.
import { connectionTable, explanationTable } from "./reasons.js";
import type { Formatter } from "./types.js";

const cell = (s: string) => s.replaceAll("|", "\\|");
const table = ({ head, rows }: { head: string[]; rows: string[][] }) =>
  [
    `| ${head.join(" | ")} |`,
    `|${head.map((h) => "-".repeat(h.length + 2)).join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ]
    .map((l) => `${l}\n`)
    .join("");

/** Markdown: `src`, `dst`, `conn` columns; with explanations also the reasons of each side. */
export const mdFormatter: Formatter = {
  format: "md",
  extension: "md",
  connections: (list) => table(connectionTable(list)),
  explanations: (list) => table(explanationTable(list, "<br>")),
};
