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

/**
 * Markdown: `src`, `dst`, `conn` columns; with explanations one row per group of ports of each pair (`result`, `ports`,
 * then each direction's lines in the words of the txt explanation, joined by `<br>`).
 */
export const mdFormatter: Formatter = {
  format: "md",
  extension: "md",
  connections: (list) => table(connectionTable(list)),
  explanations: (list) => table(explanationTable(list, "<br>")),
};
