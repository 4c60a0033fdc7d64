// A Graphviz digraph: workloads grouped by namespace as clusters, external ranges and the ingress controller apart.
import { formatConnectionSet, isEmpty } from "../engine/connection-set.js";
import type { Connection } from "../engine/connections.js";
import type { PairExplanation } from "../engine/explain.js";
import { EXTERNAL_SUFFIX } from "../engine/externals.js";
import { INGRESS_CONTROLLER } from "../engine/ingress-plan.js";
import { compareStrings } from "../text.js";
import { groupHeadline, sortedExplanations, sortedGroups, verdictLines } from "./reasons.js";
import type { Formatter } from "./types.js";

/** A string as a DOT quoted id. */
export const q = (s: string) => `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;

/** The graph of `edges`; each edge carries its label and, with explanations, its reasons as a tooltip. */
function graph(edges: readonly (Connection & { tooltip?: string })[]): string {
  const names = [...new Set(edges.flatMap((c) => [c.src, c.dst]))].sort(compareStrings);
  const byNamespace = new Map<string, string[]>();
  for (const n of names) {
    if (n.endsWith(EXTERNAL_SUFFIX) || n === INGRESS_CONTROLLER) continue;
    const ns = n.slice(0, n.indexOf("/"));
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), n]);
  }
  const lines = ["digraph {"];
  for (const [ns, members] of [...byNamespace].sort(([a], [b]) => compareStrings(a, b))) {
    lines.push(`\tsubgraph ${q(`cluster_${ns}`)} {`, `\t\tlabel=${q(ns)}`);
    for (const n of members)
      lines.push(`\t\t${q(n)} [label=${q(n.slice(ns.length + 1))} color="blue" fontcolor="blue"]`);
    lines.push("\t}");
  }
  // The ingress controller stands outside the namespaces, drawn as a workload (as netpol-analyzer draws it).
  if (names.includes(INGRESS_CONTROLLER))
    lines.push(`\t${q(INGRESS_CONTROLLER)} [label=${q(INGRESS_CONTROLLER)} color="blue" fontcolor="blue"]`);
  for (const n of names.filter((x) => x.endsWith(EXTERNAL_SUFFIX)))
    lines.push(`\t${q(n)} [label=${q(n.slice(0, -EXTERNAL_SUFFIX.length))} shape="box" color="red2" fontcolor="red2"]`);
  for (const c of edges) {
    const tooltip = c.tooltip === undefined ? "" : ` tooltip=${q(c.tooltip)}`;
    lines.push(
      `\t${q(c.src)} -> ${q(c.dst)} [label=${q(formatConnectionSet(c.conn))} color="gold2" fontcolor="darkgreen"${tooltip}]`,
    );
  }
  lines.push("}");
  return lines.map((l) => `${l}\n`).join("");
}

/** The reasons of a pair's allowed ports, as the txt explanation words them: each group, then each direction. */
function allowedReasons(e: PairExplanation): string {
  return sortedGroups(e)
    .filter((g) => g.allowed)
    .flatMap((g) => [
      groupHeadline(g),
      ...verdictLines(g.egress, "egress", e.src, e.dst),
      ...verdictLines(g.ingress, "ingress", e.dst, e.src),
    ])
    .join("\n");
}

/**
 * Graphviz `digraph` of the allowed connections; node ids are the peer names. With explanations, each edge carries
 * the reasons of its allowed ports as a tooltip (denied pairs have no edge to carry them: use txt, csv or md).
 */
export const dotFormatter: Formatter = {
  format: "dot",
  extension: "dot",
  connections: (list) => graph(list),
  explanations: (list) =>
    graph(
      sortedExplanations(list)
        .filter((e) => !isEmpty(e.conn))
        .map((e) => ({ src: e.src, dst: e.dst, conn: e.conn, tooltip: allowedReasons(e) })),
    ),
};
