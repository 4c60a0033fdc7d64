// RFC 4180 CSV with a header row.
import { connectionTable, explanationTable } from "./reasons.js";
import type { Formatter } from "./types.js";

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const csv = ({ head, rows }: { head: string[]; rows: string[][] }) =>
  [head, ...rows].map((r) => `${r.map(field).join(",")}\n`).join("");

/**
 * CSV: `src,dst,conn`; with explanations one row per group of ports of each pair, `src,dst,result,ports,egress,ingress`,
 * in the words of the txt explanation (each direction's lines joined by `; `).
 */
export const csvFormatter: Formatter = {
  format: "csv",
  extension: "csv",
  connections: (list) => csv(connectionTable(list)),
  explanations: (list) => csv(explanationTable(list, "; ")),
};
