// Exposure as a Graphviz digraph, in the style of the map's graph: workloads in namespace clusters, external
// ranges as boxes, and the exposure drawn dashed toward `entire-cluster` (a diamond) and representatives (red, in
// their namespace's cluster when it is one of the graph's, else in a red cluster named after their namespaces).
import { formatConnectionSet } from "../engine/connection-set.js";
import type { ExposureEdge, ExposureReport } from "../engine/exposure.js";
import { formatPotentialConnection } from "../engine/exposure.js";
import { EXTERNAL_SUFFIX } from "../engine/externals.js";
import { compareStrings } from "../text.js";
import { q } from "./dot.js";
import type { ExposureFormatter } from "./exposure-parts.js";

interface Cluster {
  readonly label: string;
  readonly red: boolean;
  readonly nodes: Map<string, string>;
}

/** DOT; connections solid as in the map's graph, exposures dashed (ingress darkorange2, egress darkorange4). */
export const dotExposureFormatter: ExposureFormatter = {
  format: "dot",
  exposure(report: ExposureReport): string {
    const clusters = new Map<string, Cluster>();
    const loose = new Map<string, string>(); // nodes outside any cluster, by id
    const place = (key: string, label: string, red: boolean, id: string, node: string) => {
      const cluster = clusters.get(key) ?? { label, red, nodes: new Map<string, string>() };
      clusters.set(key, cluster);
      cluster.nodes.set(id, node);
    };
    const workload = (name: string) => {
      if (name.endsWith(EXTERNAL_SUFFIX)) {
        const label = name.slice(0, -EXTERNAL_SUFFIX.length);
        loose.set(name, `${q(name)} [label=${q(label)} shape="box" color="red2" fontcolor="red2"]`);
        return;
      }
      const ns = name.slice(0, name.indexOf("/"));
      place(ns, ns, false, name, `${q(name)} [label=${q(name.slice(ns.length + 1))} color="blue" fontcolor="blue"]`);
    };
    const edges: string[] = [];
    for (const c of report.connections) {
      workload(c.src);
      workload(c.dst);
      edges.push(
        `${q(c.src)} -> ${q(c.dst)} [label=${q(formatConnectionSet(c.conn))} color="gold2" fontcolor="darkgreen"]`,
      );
    }
    for (const w of report.workloads) workload(w);
    const exposureEdge = (e: ExposureEdge) => {
      const peer = e.peer;
      if (peer.kind === "external") return; // already drawn as a connection
      if (peer.kind === "entire-cluster")
        loose.set(peer.name, `${q(peer.name)} [label=${q(peer.name)} shape="diamond" color="red2" fontcolor="red2"]`);
      else {
        const rep = peer.representative;
        const node = `${q(peer.name)} [label=${q(rep.podLabel)} color="red2" fontcolor="red2"]`;
        const real = rep.name.startsWith("[") ? undefined : clusters.get(rep.namespaceLabel);
        if (real && !real.red) real.nodes.set(peer.name, node);
        else place(`[${rep.namespaceLabel}]`, rep.namespaceLabel, true, peer.name, node);
      }
      const [src, dst] = e.direction === "egress" ? [e.workload, peer.name] : [peer.name, e.workload];
      const color = e.direction === "egress" ? "darkorange4" : "darkorange2";
      // Labelled with a focus connection too, as roxctl draws it: the focused one, or what an unprotected side allows.
      const conn = `label=${q(formatPotentialConnection(e.conn))} `;
      edges.push(`${q(src)} -> ${q(dst)} [${conn}color=${q(color)} fontcolor="darkgreen" style="dashed"]`);
    };
    for (const e of [...report.egress, ...report.ingress]) exposureEdge(e);
    const lines = ["digraph {"];
    // Real namespaces first, then the representatives' namespaces, each sorted by name.
    const order = ([a, x]: [string, Cluster], [b, y]: [string, Cluster]) =>
      Number(x.red) - Number(y.red) || compareStrings(a, b);
    for (const [, c] of [...clusters].sort(order)) {
      lines.push(`\tsubgraph ${q(`cluster_${c.label}`)} {`, `\t\tlabel=${q(c.label)}`);
      if (c.red) lines.push(`\t\tcolor="red2"`, `\t\tfontcolor="red2"`);
      for (const [, node] of [...c.nodes].sort(([a], [b]) => compareStrings(a, b))) lines.push(`\t\t${node}`);
      lines.push("\t}");
    }
    for (const [, node] of [...loose].sort(([a], [b]) => compareStrings(a, b))) lines.push(`\t${node}`);
    for (const e of edges) lines.push(`\t${e}`);
    lines.push("}");
    return lines.map((l) => `${l}\n`).join("");
  },
};
