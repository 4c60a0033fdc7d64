// A Graphviz digraph of the diff as netpol-analyzer draws it (pkg/netpol/diff/diff_formatter_dot.go): every
// connection of either input, coloured by how it changed; peers grouped by namespace, coloured new, lost or kept.
import { formatConnectionSet } from "../../engine/connection-set.js";
import type { ConnectionDiff, ConnectivityDiff, DiffType } from "../../engine/diff.js";
import { INGRESS_CONTROLLER } from "../../engine/ingress-plan.js";
import { compareStrings } from "../../text.js";
import type { DiffFormatter } from "./types.js";

const EDGE_COLOR: Readonly<Record<DiffType, string>> = {
  unchanged: "grey",
  changed: "magenta",
  removed: "red2",
  added: "#008000",
};
const NEW_PEER = "#008000";
const LOST_PEER = "red";
const KEPT_PEER = "blue";

const q = (s: string) => `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;

const LEGEND = [
  "\tnodesep=0.5",
  "\tsubgraph cluster_legend {",
  '\t\tlabel="Legend"',
  "\t\tfontsize = 10",
  "\t\tmargin=0",
  ..."abcdefgh".split("").map((n) => `\t\t${n} [style=invis height=0 width=0]`),
  "\t\t{rank=source a b c d}",
  "\t\t{rank=same e f g h}",
  ...(
    [
      ["a", "b", "added connection", EDGE_COLOR.added],
      ["c", "d", "removed connection", EDGE_COLOR.removed],
      ["e", "f", "changed connection", EDGE_COLOR.changed],
      ["g", "h", "unchanged connection", EDGE_COLOR.unchanged],
    ] as const
  ).map(
    ([a, b, label, c]) =>
      `\t\t${a} -> ${b} [label=${q(label)}, color=${q(c)} fontcolor=${q(c)} fontsize = 10 arrowsize=0.2]`,
  ),
  ...(
    [
      ["np", "new peer", NEW_PEER],
      ["lp", "lost peer", LOST_PEER],
      ["pp", "persistent peer", KEPT_PEER],
    ] as const
  ).map(([n, label, c]) => `\t\t${n} [label=${q(label)} color=${q(c)} fontcolor=${q(c)} fontsize = 10]`),
  "\t\t{rank=sink np lp pp}",
  "\t\tnp->lp [style=invis]",
  "\t\tlp->pp [style=invis]",
  "\t}",
];

/** The edge of one connection: the new connections as label (a changed one also names the old). */
function edge(d: ConnectionDiff, ref1: string): string {
  const before = formatConnectionSet(d.old);
  const after = formatConnectionSet(d.new);
  const label = d.type === "changed" ? `${after} (${ref1}: ${before})` : d.type === "removed" ? before : after;
  const color = q(EDGE_COLOR[d.type]);
  const weight = compareStrings(d.src, d.dst) <= 0 ? "0.5" : "1";
  return `\t${q(d.src)} -> ${q(d.dst)} [label=${q(label)} color=${color} fontcolor=${color} weight=${weight}]`;
}

function graph(diff: ConnectivityDiff): string {
  const rows = [...diff.unchanged, ...diff.changes];
  const added = new Set<string>();
  const lost = new Set<string>();
  for (const d of rows) {
    const flagged = d.type === "added" ? added : d.type === "removed" ? lost : undefined;
    if (d.srcAddedOrRemoved) flagged?.add(d.src);
    if (d.dstAddedOrRemoved) flagged?.add(d.dst);
  }
  const byNamespace = new Map<string, string[]>();
  const outside: string[] = [];
  for (const p of diff.peers) {
    const color = q(added.has(p.name) ? NEW_PEER : lost.has(p.name) ? LOST_PEER : KEPT_PEER);
    const inCluster = p.kind !== "External" && p.name !== INGRESS_CONTROLLER && p.namespace !== undefined;
    const label = inCluster ? `${p.workload}[${p.kind}]` : p.name;
    const line = `\t${q(p.name)} [label=${q(label)} color=${color} fontcolor=${color}]`;
    if (!inCluster) outside.push(line);
    else byNamespace.set(`${p.namespace}[namespace]`, [...(byNamespace.get(`${p.namespace}[namespace]`) ?? []), line]);
  }
  const lines = ["digraph {"];
  for (const [ns, members] of [...byNamespace].sort(([a], [b]) => compareStrings(a, b))) {
    lines.push(`\tsubgraph "cluster_${ns.replaceAll("-", "_")}" {`, '\t\tcolor="black"', '\t\tfontcolor="black"');
    lines.push(...members.map((m) => `\t${m}`).sort(compareStrings), `\t\tlabel=${q(ns)}`, "\t}");
  }
  lines.push(...outside.sort(compareStrings));
  const [ref1] = diff.refNames;
  const fromIngress = (d: ConnectionDiff) => d.src === INGRESS_CONTROLLER;
  lines.push(
    ...rows
      .filter((d) => !fromIngress(d))
      .map((d) => edge(d, ref1))
      .sort(compareStrings),
  );
  lines.push(
    ...rows
      .filter(fromIngress)
      .map((d) => edge(d, ref1))
      .sort(compareStrings),
  );
  lines.push(...LEGEND, "}");
  return lines.map((l) => `${l}\n`).join("");
}

/** Graphviz `digraph`: every connection of either input (grey when unchanged), peers by namespace, a legend. */
export const dotDiffFormatter: DiffFormatter = {
  format: "dot",
  extension: "dot",
  render: (diff) => (diff.changes.length === 0 ? "" : graph(diff)),
};
