// The data of `netpol report`: plain JSON that the page's script renders. Peers are numbered; cells and connection
// sets are referred to by index and written as short tuples, so a 10,000-workload cluster stays a few megabytes.
import type { DiffType } from "../../engine/diff.js";

/** The version of the report data's shape; bumped when a field changes meaning. */
export const REPORT_DATA_VERSION = 1;

/** How many pairs are explained by default (`ReportOptions.explainLimit`). */
export const DEFAULT_EXPLAIN_LIMIT = 2000;

/** One peer: a row and a column of the matrix, a node of the graph. */
export interface ReportPeer {
  /** `namespace/name[Kind]`, `first-last[External]` or `{ingress-controller}`. */
  readonly name: string;
  /** The workload kind, `External` or `IngressController`. */
  readonly kind: string;
  /** The workload or pod name, or the address range. */
  readonly workload: string;
  /** The index of its group in `ReportData.groups`. */
  readonly group: number;
  /** Present in the diff: `added` for a workload of the new input only, `removed` for one of the old input only. */
  readonly diff?: "added" | "removed";
}

/** A block of the matrix: a namespace, the external ranges, or the ingress controller. */
export interface ReportGroup {
  /** The namespace, `External addresses` or `Ingress controller`. */
  readonly name: string;
  /** `namespace`, `external` or `ingress-controller`. */
  readonly kind: "namespace" | "external" | "ingress-controller";
  /** The peers of the group (indexes into `ReportData.peers`), in order. */
  readonly peers: readonly number[];
}

/** One distinct connection set, its text and its port ranges for the port filter. */
export interface ReportConnection {
  /** As `netpol map` writes it: `TCP 8080,UDP 53`, `All Connections`, `No Connections`. */
  readonly text: string;
  /** TCP port ranges, flattened `[lo0, hi0, lo1, hi1, …]`. */
  readonly TCP: readonly number[];
  /** UDP port ranges, likewise. */
  readonly UDP: readonly number[];
  /** SCTP port ranges, likewise. */
  readonly SCTP: readonly number[];
}

/**
 * One cell of the matrix: `[src, dst, conn, explanation, diff]` — peer indexes, the index of its connection set
 * (`-1`: nothing allowed), the index of its explanation (`-1`: not included), and the index of its change in
 * `ReportDiff.changes` (`-1` or absent: unchanged or no diff). Only cells with a connection, an explanation or a
 * change are listed; any other cell allows nothing.
 */
export type ReportCell = readonly [src: number, dst: number, conn: number, explanation: number, change?: number];

/** One group of ports of an explained pair, as `netpol map --explain` writes it. */
export interface ReportExplanationGroup {
  /** Whether these ports are allowed. */
  readonly allowed: boolean;
  /** The ports, `TCP:[8080]`, `UDP, SCTP`. */
  readonly ports: string;
  /** The source's egress: its headline, then its reasons. */
  readonly egress: readonly string[];
  /** The destination's ingress: its headline, then its reasons. */
  readonly ingress: readonly string[];
}

/** One change of connectivity against the old input (`--diff OLD`). */
export interface ReportChange {
  /** `changed`, `added` or `removed`. */
  readonly type: Exclude<DiffType, "unchanged">;
  /** What the old input allows, as text. */
  readonly old: string;
  /** What the new input allows, as text. */
  readonly new: string;
}

/** The comparison with an old input. */
export interface ReportDiff {
  /** The names of the old and the new input. */
  readonly refNames: readonly [string, string];
  /** The changes, referred to by cells. */
  readonly changes: readonly ReportChange[];
}

/**
 * A finding of a linter, shown in the report's Findings section. Nothing in netpol fills it yet: it is there for
 * `lint(objects)` to feed, one entry per finding.
 */
export interface ReportFinding {
  /** `error`, `warning` or `info`. */
  readonly severity: "error" | "warning" | "info";
  /** A short stable code, such as `unused-policy`. */
  readonly code: string;
  /** The finding in words. */
  readonly message: string;
  /** Where it is: `file:line:col` or an object's name. */
  readonly location?: string;
}

/** How many pairs are explained, and how many were left out for the limit. */
export interface ReportExplained {
  /** The most pairs explained. */
  readonly limit: number;
  /** Pairs explained. */
  readonly included: number;
  /** Pairs with a connection or a change whose explanation was left out. */
  readonly omitted: number;
  /** True when every pair, allowed or not, has its explanation (small inputs); else pairs with connections. */
  readonly allPairs: boolean;
}

/** Everything the report page shows. */
export interface ReportData {
  /** Always `netpol-report`. */
  readonly format: "netpol-report";
  /** `REPORT_DATA_VERSION`. */
  readonly version: number;
  /** What was analysed (the input paths), as the page's title. */
  readonly title: string;
  /** Every peer, by group. */
  readonly peers: readonly ReportPeer[];
  /** Namespaces sorted by name, then external addresses, then the ingress controller. */
  readonly groups: readonly ReportGroup[];
  /** The distinct connection sets the cells refer to. */
  readonly connections: readonly ReportConnection[];
  /** The cells, sorted by source then destination index. */
  readonly cells: readonly ReportCell[];
  /** The explanations the cells refer to: each a list of port groups. */
  readonly explanations: readonly (readonly ReportExplanationGroup[])[];
  /** How many pairs are explained. */
  readonly explained: ReportExplained;
  /** The comparison with an old input, when one was given. */
  readonly diff?: ReportDiff;
  /** Linter findings (empty until a linter feeds them). */
  readonly findings: readonly ReportFinding[];
  /** Warnings of the analysis, one line each, as the command line prints them. */
  readonly warnings: readonly string[];
}
