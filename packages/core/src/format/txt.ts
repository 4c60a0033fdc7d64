// `src => dst : conn`, one line per connection.
import { formatConnectionSet } from "../engine/connection-set.js";
import type { ConnectionFormatter } from "./types.js";

/** Plain text lines, each ending with a newline. */
export const txtFormatter: ConnectionFormatter = {
  format: "txt",
  extension: "txt",
  render: (connections) => connections.map((c) => `${c.src} => ${c.dst} : ${formatConnectionSet(c.conn)}\n`).join(""),
};
