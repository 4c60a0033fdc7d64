// Assertions about connectivity: expectations that a source may (allow) or may not (deny) open some ports toward a
// destination, checked against a connectivity map; each failure carries the explanation of the ports it is about.

import type { ConnectivityMap } from "../engine/analyze.js";
import { type ConnectionSet, formatConnectionSet, intersect, isEmpty, subtract } from "../engine/connection-set.js";
import type { PairExplanation } from "../engine/explain.js";
import { narrowExplanation } from "../engine/explain-select.js";
import { type Diagnostic, DiagnosticBag, type DiagnosticPath, isNetpolError } from "../errors.js";
import { explanationText } from "../format/txt.js";
import { isRecord } from "../input.js";
import { parseIp } from "../ip-blocks.js";
import { didYouMean } from "../text.js";
import { type ExpectedPorts, readExpectedPorts } from "./ports.js";

/** One expectation: `from` may open `allow` toward `to`, or may open none of `deny`. */
export interface Expectation {
  /** The source: a workload name, `namespace/name`, `namespace/name[Kind]`, an IP address or `{ingress-controller}`. */
  readonly from: string;
  /** The destination, named the same ways. */
  readonly to: string;
  /** Ports that must all be allowed (`all`: every connection). */
  readonly allow?: ExpectedPorts;
  /** Ports of which none may be allowed (`all`: no connection at all). */
  readonly deny?: ExpectedPorts;
}

/** The outcome of one expectation. */
export interface ExpectationResult {
  /** The expectation's index in the list checked. */
  readonly index: number;
  /** The source peer, as the map names it. */
  readonly src: string;
  /** The destination peer, as the map names it. */
  readonly dst: string;
  /** Whether the ports were expected allowed or denied. */
  readonly verdict: "allow" | "deny";
  /** The ports the expectation is about. */
  readonly ports: ConnectionSet;
  /** True when the expectation holds. */
  readonly ok: boolean;
  /** What contradicts it: the expected ports that are denied (allow), or allowed (deny); empty when it holds. */
  readonly wrong: ConnectionSet;
  /** The pair's explanation, narrowed to the expected ports (to the wrong ones when the expectation fails). */
  readonly explanation: PairExplanation;
  /** One line saying what was expected and what is; a failure adds the explanation's text. */
  readonly message: string;
}

/** The outcome of a list of expectations. */
export interface ExpectationReport {
  /** One result per valid expectation, in order (none when there are errors). */
  readonly results: readonly ExpectationResult[];
  /** Problems of the expectations themselves (unknown peers, bad ports), with paths `[index, key, …]`. */
  readonly diagnostics: readonly Diagnostic[];
  /** The results that failed. */
  readonly failures: readonly ExpectationResult[];
}

/** Names a user may give a peer, for "did you mean" suggestions. */
function peerNames(map: ConnectivityMap): string[] {
  const names = new Set<string>();
  for (const p of map.peers) {
    names.add(p.name);
    if (p.namespace !== undefined) names.add(`${p.namespace}/${p.workload}`);
    if (p.kind !== "External") names.add(p.workload);
  }
  return [...names];
}

/** The map's name of a peer, or a diagnostic in `bag`; names the engine resolves itself (addresses) pass as given. */
function peerOf(
  map: ConnectivityMap,
  name: unknown,
  role: "from" | "to",
  path: DiagnosticPath,
  bag: DiagnosticBag,
): string | undefined {
  if (typeof name !== "string" || name === "") {
    bag.error("type", path, { found: name, expected: "a peer name, such as namespace/name" });
    return undefined;
  }
  const hits = map.workloadsNamed(name);
  const [hit] = hits;
  if (hit && hits.length === 1) return hit.name;
  if (hits.length > 1) {
    bag.error("peer-ambiguous", path, { name, hits: hits.map((h) => h.name) });
    return undefined;
  }
  if (map.peers.some((p) => p.name === name) || parseIp(name) !== undefined) return name;
  bag.error("expect-peer-unknown", path, { name, role, suggestion: didYouMean(name, peerNames(map)) });
  return undefined;
}

/** `allow` or `deny` and its ports, or diagnostics. */
function verdictOf(
  e: Readonly<Record<string, unknown>>,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): { verdict: "allow" | "deny"; ports: ConnectionSet } | undefined {
  const hasAllow = e.allow !== undefined;
  const hasDeny = e.deny !== undefined;
  if (hasAllow === hasDeny) {
    bag.error("expect-verdict", path, { both: hasAllow });
    return undefined;
  }
  const verdict = hasAllow ? "allow" : "deny";
  const ports = readExpectedPorts(e[verdict], [...path, verdict], bag);
  return ports && { verdict, ports };
}

/** The one-line summary of a result. */
function summary(r: Omit<ExpectationResult, "message">): string {
  const pair = `${r.src} => ${r.dst}`;
  const ports = formatConnectionSet(r.ports);
  if (r.ok) return `${pair} ${r.verdict === "allow" ? "allows" : "denies"} ${ports}`;
  return r.verdict === "allow"
    ? `${pair} should allow ${ports}, but ${formatConnectionSet(r.wrong)} is denied`
    : `${pair} should deny ${ports}, but ${formatConnectionSet(r.wrong)} is allowed`;
}

/** Checks one expectation whose peers and ports are read. */
function evaluate(
  map: ConnectivityMap,
  index: number,
  src: string,
  dst: string,
  verdict: "allow" | "deny",
  ports: ConnectionSet,
): ExpectationResult {
  const full = map.explain(src, dst);
  const wrong = verdict === "allow" ? subtract(ports, full.conn) : intersect(ports, full.conn);
  // A failure is explained on what contradicts it alone; a pass on the ports it is about.
  const explanation = narrowExplanation(full, isEmpty(wrong) ? ports : wrong);
  const partial = { index, src: full.src, dst: full.dst, verdict, ports, ok: isEmpty(wrong), wrong, explanation };
  const line = summary(partial);
  return { ...partial, message: partial.ok ? line : `${line}:\n\n${explanationText(explanation).trimEnd()}` };
}

/**
 * Checks expectations against a map. Invalid expectations (unknown or ambiguous peers, both or neither of allow and
 * deny, bad ports) are reported in `diagnostics` and no result is given; never throws for them.
 */
export function checkExpectations(map: ConnectivityMap, expectations: readonly Expectation[]): ExpectationReport {
  const bag = new DiagnosticBag();
  const list: readonly unknown[] = Array.isArray(expectations) ? expectations : [];
  if (!Array.isArray(expectations))
    bag.error("type", [], { found: expectations, expected: "a list of { from, to, allow | deny }" });
  const read = list.flatMap((e, index) => {
    if (!isRecord(e)) {
      bag.error("type", [index], { found: e, expected: "{ from, to, allow | deny }" });
      return [];
    }
    const src = peerOf(map, e.from, "from", [index, "from"], bag);
    const dst = peerOf(map, e.to, "to", [index, "to"], bag);
    const v = verdictOf(e, [index], bag);
    return src !== undefined && dst !== undefined && v ? [{ index, src, dst, ...v }] : [];
  });
  const results: ExpectationResult[] = [];
  for (const r of read) {
    try {
      results.push(evaluate(map, r.index, r.src, r.dst, r.verdict, r.ports));
    } catch (e) {
      // Addresses the map has no range for, or the ingress controller as a destination: the engine says why.
      if (!isNetpolError(e)) throw e;
      for (const d of e.diagnostics)
        bag.add({ ...d, path: [r.index, d.path[0] === "dst" ? "to" : "from", ...d.path.slice(1)] });
    }
  }
  if (bag.errorCount > 0) return { results: [], diagnostics: bag.items, failures: [] };
  return { results, diagnostics: bag.items, failures: results.filter((r) => !r.ok) };
}
