// A Graphviz digraph: workloads grouped by namespace as clusters, external ranges apart.
import { formatConnectionSet } from "../engine/connection-set.js";
import { compareNames } from "../engine/connections.js";
import { EXTERNAL_SUFFIX } from "../engine/externals.js";
import type { ConnectionFormatter } from "./types.js";

const q = (s: string) => `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

/** Graphviz `digraph`; node ids are the peer names. */
export const dotFormatter: ConnectionFormatter = {
  format: "dot",
  extension: "dot",
  render(connections) {
    const names = [...new Set(connections.flatMap((c) => [c.src, c.dst]))].sort(compareNames);
    const external = names.filter((n) => n.endsWith(EXTERNAL_SUFFIX));
    const byNamespace = new Map<string, string[]>();
    for (const n of names) {
      if (n.endsWith(EXTERNAL_SUFFIX)) continue;
      const ns = n.slice(0, n.indexOf("/"));
      byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), n]);
    }
    const lines = ["digraph {"];
    for (const [ns, members] of [...byNamespace].sort(([a], [b]) => compareNames(a, b))) {
      lines.push(`\tsubgraph ${q(`cluster_${ns}`)} {`, `\t\tlabel=${q(ns)}`);
      for (const n of members) {
        lines.push(`\t\t${q(n)} [label=${q(n.slice(ns.length + 1))} color="blue" fontcolor="blue"]`);
      }
      lines.push("\t}");
    }
    for (const n of external) {
      lines.push(
        `\t${q(n)} [label=${q(n.slice(0, -EXTERNAL_SUFFIX.length))} shape="box" color="red2" fontcolor="red2"]`,
      );
    }
    for (const c of connections) {
      lines.push(
        `\t${q(c.src)} -> ${q(c.dst)} [label=${q(formatConnectionSet(c.conn))} color="gold2" fontcolor="darkgreen"]`,
      );
    }
    lines.push("}");
    return lines.map((l) => `${l}\n`).join("");
  },
};
