// A Markdown table.
import { formatConnectionSet } from "../engine/connection-set.js";
import type { ConnectionFormatter } from "./types.js";

const cell = (s: string) => s.replaceAll("|", "\\|");

/** Markdown table with `src`, `dst`, `conn` columns. */
export const mdFormatter: ConnectionFormatter = {
  format: "md",
  extension: "md",
  render: (connections) =>
    [
      "| src | dst | conn |",
      "|-----|-----|------|",
      ...connections.map((c) => `| ${cell(c.src)} | ${cell(c.dst)} | ${cell(formatConnectionSet(c.conn))} |`),
    ]
      .map((line) => `${line}\n`)
      .join(""),
};
