// Markdown tables, ready to paste into a pull-request comment.
import { formatConnectionSet } from "../engine/connection-set.js";
import { reasonLines } from "./reasons.js";
import type { Formatter } from "./types.js";

const cell = (s: string) => s.replaceAll("|", "\\|");
const table = (head: string[], rows: string[][]) =>
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
  connections: (list) =>
    table(
      ["src", "dst", "conn"],
      list.map((c) => [c.src, c.dst, formatConnectionSet(c.conn)]),
    ),
  explanations: (list) =>
    table(
      ["src", "dst", "conn", "egress", "ingress"],
      list.map((e) => [
        e.src,
        e.dst,
        formatConnectionSet(e.conn),
        reasonLines(e.egress, e.src).join("<br>"),
        reasonLines(e.ingress, e.dst).join("<br>"),
      ]),
    ),
};
