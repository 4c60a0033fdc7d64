// RFC 4180 CSV with a header row.
import { formatConnectionSet } from "../engine/connection-set.js";
import type { ConnectionFormatter } from "./types.js";

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** CSV: `src,dst,conn` header, then one quoted-as-needed row per connection. */
export const csvFormatter: ConnectionFormatter = {
  format: "csv",
  extension: "csv",
  render: (connections) =>
    ["src,dst,conn", ...connections.map((c) => [c.src, c.dst, formatConnectionSet(c.conn)].map(field).join(","))]
      .map((line) => `${line}\n`)
      .join(""),
};
