// RFC 4180 CSV with a header row.
import { formatConnectionSet } from "../engine/connection-set.js";
import { reasonLines } from "./reasons.js";
import type { Formatter } from "./types.js";

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const rows = (header: string, lines: string[][]) =>
  [header, ...lines.map((l) => l.map(field).join(","))].map((l) => `${l}\n`).join("");

/** CSV: `src,dst,conn`, with explanations also `egress` and `ingress` reasons (lines joined by `; `). */
export const csvFormatter: Formatter = {
  format: "csv",
  extension: "csv",
  connections: (list) =>
    rows(
      "src,dst,conn",
      list.map((c) => [c.src, c.dst, formatConnectionSet(c.conn)]),
    ),
  explanations: (list) =>
    rows(
      "src,dst,conn,egress,ingress",
      list.map((e) => [
        e.src,
        e.dst,
        formatConnectionSet(e.conn),
        reasonLines(e.egress, e.src).join("; "),
        reasonLines(e.ingress, e.dst).join("; "),
      ]),
    ),
};
