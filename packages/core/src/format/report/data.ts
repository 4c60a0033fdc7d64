// From a connectivity map (and a diff against an old input) to the report's data: peers grouped by namespace,
// externals apart, one cell per pair with something to show, and the explanations of as many pairs as the limit lets.
import type { ConnectivityMap, PeerInfo } from "../../engine/analyze.js";
import { type ConnectionSet, formatConnectionSet, NO_CONNECTIONS } from "../../engine/connection-set.js";
import type { ConnectivityDiff } from "../../engine/diff.js";
import type { PairExplanation } from "../../engine/explain.js";
import { INGRESS_CONTROLLER } from "../../engine/ingress-plan.js";
import { DiagnosticBag, NetpolError } from "../../errors.js";
import { compareStrings } from "../../text.js";
import { explainedPorts, sortedGroups, verdictLines } from "../reasons.js";
import {
  DEFAULT_EXPLAIN_LIMIT,
  REPORT_DATA_VERSION,
  type ReportCell,
  type ReportChange,
  type ReportConnection,
  type ReportData,
  type ReportExplanationGroup,
  type ReportFinding,
  type ReportGroup,
  type ReportPeer,
} from "./types.js";

/** Options of `reportData`. */
export interface ReportOptions {
  /** The page's title: what was analysed. */
  readonly title: string;
  /** The diff against an old input (`diffConnectivity(old, map)`): its changes are marked. */
  readonly diff?: ConnectivityDiff;
  /** The most pairs explained (default `DEFAULT_EXPLAIN_LIMIT`); 0 explains none. */
  readonly explainLimit?: number;
  /** Linter findings for the Findings section. */
  readonly findings?: readonly ReportFinding[];
  /** Warnings of the analysis, one line each. */
  readonly warnings?: readonly string[];
}

const EXTERNAL_GROUP = "External addresses";
const CONTROLLER_GROUP = "Ingress controller";

type GroupKind = ReportGroup["kind"];
const groupKind = (p: PeerInfo): GroupKind =>
  p.name === INGRESS_CONTROLLER ? "ingress-controller" : p.namespace === undefined ? "external" : "namespace";
const KIND_ORDER: Record<GroupKind, number> = { namespace: 0, external: 1, "ingress-controller": 2 };

/** Peers ordered by group (namespaces by name, then externals, then the controller), then by name. */
function orderedPeers(peers: readonly PeerInfo[]): PeerInfo[] {
  const key = (p: PeerInfo) => p.namespace ?? "";
  return [...peers].sort(
    (a, b) =>
      KIND_ORDER[groupKind(a)] - KIND_ORDER[groupKind(b)] ||
      compareStrings(key(a), key(b)) ||
      compareStrings(a.name, b.name),
  );
}

/** The explanation of one pair as port groups, in the words of `netpol map --explain`. */
export function explanationGroups(e: PairExplanation): ReportExplanationGroup[] {
  return sortedGroups(e).map((g) => ({
    allowed: g.allowed,
    ports: explainedPorts(g.conn),
    egress: verdictLines(g.egress, "egress", e.src, e.dst),
    ingress: verdictLines(g.ingress, "ingress", e.dst, e.src),
  }));
}

/** Interns connection sets by their text. */
function connectionTable() {
  const list: ReportConnection[] = [];
  const index = new Map<string, number>();
  return {
    list,
    of(conn: ConnectionSet): number {
      const text = formatConnectionSet(conn);
      let i = index.get(text);
      if (i === undefined) {
        i = list.length;
        index.set(text, i);
        list.push({ text, TCP: [...conn.TCP], UDP: [...conn.UDP], SCTP: [...conn.SCTP] });
      }
      return i;
    },
  };
}

/** The peers of the map and of the diff's changes, each once. */
function allPeers(map: ConnectivityMap, diff: ConnectivityDiff | undefined): PeerInfo[] {
  const byName = new Map(map.peers.map((p) => [p.name, p]));
  for (const p of diff?.peers ?? []) if (!byName.has(p.name)) byName.set(p.name, p);
  return orderedPeers([...byName.values()]);
}

/** The explanation limit of the options: a whole number of pairs, 0 or more; a NetpolError otherwise. */
function explainLimitOf(options: ReportOptions): number {
  const limit = options.explainLimit ?? DEFAULT_EXPLAIN_LIMIT;
  if (Number.isSafeInteger(limit) && limit >= 0) return limit;
  const bag = new DiagnosticBag();
  bag.error("value", ["explainLimit"], { found: limit, expected: "a whole number of pairs, 0 or more" });
  throw new NetpolError(bag.items);
}

/** Builds the report's data: deterministic for the same map, diff and options (a NetpolError for a bad limit). */
export function reportData(map: ConnectivityMap, options: ReportOptions): ReportData {
  const { diff } = options;
  const limit = explainLimitOf(options);
  const infos = allPeers(map, diff);
  const added = new Set(diff?.addedWorkloads ?? []);
  const removed = new Set(diff?.removedWorkloads ?? []);
  const groups: { name: string; kind: GroupKind; peers: number[] }[] = [];
  const peers: ReportPeer[] = infos.map((p, i) => {
    const kind = groupKind(p);
    const name =
      kind === "namespace" ? (p.namespace as string) : kind === "external" ? EXTERNAL_GROUP : CONTROLLER_GROUP;
    let group = groups.at(-1);
    if (group?.name !== name || group.kind !== kind) {
      group = { name, kind, peers: [] };
      groups.push(group);
    }
    group.peers.push(i);
    const mark = added.has(p.name) ? "added" : removed.has(p.name) ? "removed" : undefined;
    return {
      name: p.name,
      kind: p.kind,
      workload: p.workload,
      group: groups.length - 1,
      ...(mark ? { diff: mark } : {}),
    };
  });
  const indexOf = new Map(peers.map((p, i) => [p.name, i]));
  const n = peers.length;
  const conns = connectionTable();
  // Cells by `src * n + dst`: [conn, explanation, change].
  const cells = new Map<number, [number, number, number]>();
  const cell = (src: string, dst: string) => {
    const s = indexOf.get(src);
    const d = indexOf.get(dst);
    if (s === undefined || d === undefined) return undefined;
    const key = s * n + d;
    let c = cells.get(key);
    if (!c) {
      c = [-1, -1, -1];
      cells.set(key, c);
    }
    return c;
  };
  for (const c of map.connections()) {
    const entry = cell(c.src, c.dst);
    if (entry) entry[0] = conns.of(c.conn);
  }
  const changes: ReportChange[] = [];
  for (const ch of diff?.changes ?? []) {
    const entry = cell(ch.src, ch.dst);
    if (!entry || ch.type === "unchanged") continue;
    entry[2] = changes.length;
    changes.push({ type: ch.type, old: formatConnectionSet(ch.old), new: formatConnectionSet(ch.new) });
    if (entry[0] < 0 && ch.type !== "removed" && ch.new !== NO_CONNECTIONS) entry[0] = conns.of(ch.new);
  }
  // Explanations: of every pair when they all fit the limit, else of the listed cells in order, up to the limit.
  const explanations: ReportExplanationGroup[][] = [];
  const explainable = new Set(map.peers.map((p) => p.name));
  const pairs = map.peers.length * (map.peers.length - 1);
  const allPairs = pairs <= limit;
  const explain = (e: PairExplanation) => {
    const entry = cell(e.src, e.dst);
    if (!entry || entry[1] >= 0) return;
    entry[1] = explanations.length;
    explanations.push(explanationGroups(e));
  };
  if (allPairs) for (const e of map.explainAll()) explain(e);
  let omitted = 0;
  for (const key of [...cells.keys()].sort((a, b) => a - b)) {
    const entry = cells.get(key) as [number, number, number];
    const src = peers[Math.floor(key / n)]?.name as string;
    const dst = peers[key % n]?.name as string;
    if (entry[1] >= 0 || !explainable.has(src) || !explainable.has(dst)) continue;
    if (explanations.length >= limit) {
      omitted++;
      continue;
    }
    try {
      explain(map.explain(src, dst));
    } catch (e) {
      // A pair the map does not explain (two external ranges): its cell shows its connection alone.
      if (!(e instanceof NetpolError)) throw e;
    }
  }
  const list: ReportCell[] = [...cells.keys()]
    .sort((a, b) => a - b)
    .map((key) => {
      const [conn, explanation, change] = cells.get(key) as [number, number, number];
      const head = [Math.floor(key / n), key % n, conn, explanation] as const;
      return change >= 0 ? [...head, change] : head;
    });
  return {
    format: "netpol-report",
    version: REPORT_DATA_VERSION,
    title: options.title,
    peers,
    groups,
    connections: conns.list,
    cells: list,
    explanations,
    explained: { limit, included: explanations.length, omitted, allPairs },
    ...(diff ? { diff: { refNames: diff.refNames, changes } } : {}),
    findings: options.findings ?? [],
    warnings: options.warnings ?? [],
  };
}
