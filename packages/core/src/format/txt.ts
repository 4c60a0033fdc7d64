// `src => dst : conn`, one line per connection; explanations as a block per pair.
import { formatConnectionSet } from "../engine/connection-set.js";
import { reasonLines } from "./reasons.js";
import type { Formatter } from "./types.js";

const indent = (lines: string[]) => lines.map((l, i) => (i === 0 ? `  ${l}` : `    ${l}`));

/** Plain text lines, each ending with a newline. */
export const txtFormatter: Formatter = {
  format: "txt",
  extension: "txt",
  connections: (list) => list.map((c) => `${c.src} => ${c.dst} : ${formatConnectionSet(c.conn)}\n`).join(""),
  explanations: (list) =>
    list
      .map((e) =>
        [
          `${e.src} => ${e.dst} : ${formatConnectionSet(e.conn)}`,
          ...indent(reasonLines(e.egress, e.src)),
          ...indent(reasonLines(e.ingress, e.dst)),
        ]
          .map((l) => `${l}\n`)
          .join(""),
      )
      .join("\n"),
};
