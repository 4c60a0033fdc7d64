// A JSON array of `{src, dst, conn}` with two-space indentation.
import { formatConnectionSet } from "../engine/connection-set.js";
import type { ConnectionFormatter } from "./types.js";

/** JSON array, no trailing newline. */
export const jsonFormatter: ConnectionFormatter = {
  format: "json",
  extension: "json",
  render: (connections) =>
    JSON.stringify(
      connections.map((c) => ({ src: c.src, dst: c.dst, conn: formatConnectionSet(c.conn) })),
      null,
      2,
    ),
};
