// The words of explanations, shared by the formats: each reason as the sentence `roxctl netpol connectivity map
// --explain` prints for it, the ports of a group in its notation, and the rows of the tabular formats.
import type { PROTOCOLS, TrafficDirection } from "../data.js";
import { type ConnectionSet, formatConnectionSet, MAX_PORT, MIN_PORT } from "../engine/connection-set.js";
import type { Connection } from "../engine/connections.js";
import type { PairExplanation } from "../engine/explain.js";
import type { PortGroup, Reason, Verdict } from "../engine/verdicts.js";
import { compareStrings } from "../text.js";

/** What the reference calls the default of a side no policy governs. */
export const SYSTEM_DEFAULT = "the system default (Allow all)";

/**
 * The kind of object a reason comes from, as reasons are grouped under it (`""` for the default): a NetworkPolicy, an
 * Ingress or Route, or a cluster-wide policy's kind.
 */
export type ReasonSource = string;

const title = (direction: TrafficDirection) => (direction === "ingress" ? "Ingress" : "Egress");

/** The object a reason comes from. */
export function reasonSource(r: Reason): ReasonSource {
  if (r.kind === "default") return "";
  return r.kind === "ingress-object" || r.kind === "cluster-rule" ? r.object : "NetworkPolicy";
}

/**
 * One reason in words. `subject` is the side the direction belongs to (the source for egress, the destination for
 * ingress), `other` the peer across; rules are numbered from 1, as the reference numbers them.
 */
export function reasonSentence(r: Reason, direction: TrafficDirection, subject: string, other: string): string {
  const dir = title(direction);
  switch (r.kind) {
    case "default":
      return SYSTEM_DEFAULT;
    case "rule-allows":
      return `NetworkPolicy '${r.policy}' allows connections by ${dir} rule #${r.rule + 1}`;
    case "ports-mismatch":
      return `NetworkPolicy '${r.policy}' selects ${subject}, and ${dir} rule #${r.rule + 1} selects ${other}, but the protocols and ports do not match`;
    case "named-ports-unmatched":
      return `NetworkPolicy '${r.policy}' selects ${subject}, and ${dir} rule #${r.rule + 1} selects ${other}, but named ports of the rule have no match in the configuration of the destination peer`;
    case "no-rule-selects":
      return `NetworkPolicy '${r.policy}' selects ${subject}, but ${other} is not allowed by any ${dir} rule`;
    case "no-rules":
      return `NetworkPolicy '${r.policy}' selects ${subject}, but ${other} is not allowed by any ${dir} rule (no rules defined)`;
    case "ingress-object":
      return r.allows
        ? `${r.object} '${r.name}' allows ingress connections through service ${r.service}`
        : `${r.object} '${r.name}' allows ingress to service ${r.service}, but the protocols and ports do not match`;
    case "cluster-rule": {
      const verb = r.action === "Accept" ? "allows" : r.action === "Deny" ? "denies" : "passes";
      return `${r.object} '${r.policy}' ${verb} connections by ${dir} rule ${r.name ?? `#${r.rule + 1}`}`;
    }
  }
}

/** True when a verdict says only that no policy governs the side. */
export function isDefaultVerdict(v: Verdict): boolean {
  return v.allowed && v.reasons.length === 1 && v.reasons[0]?.kind === "default";
}

/**
 * The sentences of a verdict grouped by the object they come from: policies' rules and Ingress objects first (one
 * tier), the default last; sources and sentences in byte order, as the reference sorts them.
 */
export function reasonsBySource(
  v: Verdict,
  direction: TrafficDirection,
  subject: string,
  other: string,
): { source: ReasonSource; sentences: string[] }[] {
  const bySource = new Map<ReasonSource, Set<string>>();
  for (const r of v.reasons) {
    const source = reasonSource(r);
    const set = bySource.get(source) ?? new Set<string>();
    set.add(reasonSentence(r, direction, subject, other));
    bySource.set(source, set);
  }
  return [...bySource]
    .sort(([a], [b]) => (a === "" ? 1 : 0) - (b === "" ? 1 : 0) || compareStrings(a, b))
    .map(([source, set]) => ({ source, sentences: [...set].sort(compareStrings) }));
}

/** `Egress (Allowed)`, with ` due to the system default (Allow all)` when that is the only reason. */
export function verdictHeadline(v: Verdict, direction: TrafficDirection): string {
  const head = `${title(direction)} (${v.allowed ? "Allowed" : "Denied"})`;
  return isDefaultVerdict(v) ? `${head} due to ${SYSTEM_DEFAULT}` : head;
}

/** The headline of a verdict, then its sentences (none after a default headline). */
export function verdictLines(v: Verdict, direction: TrafficDirection, subject: string, other: string): string[] {
  if (isDefaultVerdict(v)) return [verdictHeadline(v, direction)];
  return [verdictHeadline(v, direction), ...reasonsBySource(v, direction, subject, other).flatMap((g) => g.sentences)];
}

/** The protocols in the order the reference lists them in explanations. */
const EXPLAIN_ORDER = ["TCP", "UDP", "SCTP"] as const satisfies typeof PROTOCOLS;

/** Ports as explanations write them: `TCP:[1-7999,8001-65535], UDP, SCTP` (a whole protocol by its name). */
export function explainedPorts(conn: ConnectionSet): string {
  return EXPLAIN_ORDER.filter((p) => conn[p].length > 0)
    .map((p) => {
      const r = conn[p];
      if (r.length === 2 && r[0] === MIN_PORT && r[1] === MAX_PORT) return p;
      const parts: string[] = [];
      for (let i = 0; i < r.length; i += 2) parts.push(r[i] === r[i + 1] ? `${r[i]}` : `${r[i]}-${r[i + 1]}`);
      return `${p}:[${parts.join(",")}]`;
    })
    .join(", ");
}

/** `Allowed TCP:[80]` or `Denied UDP, SCTP`: a group's result and ports. */
export function groupHeadline(g: PortGroup): string {
  return `${g.allowed ? "Allowed" : "Denied"} ${explainedPorts(g.conn)}`;
}

/** A pair's groups in the reference's order: allowed before denied, then by their headline. */
export function sortedGroups(e: PairExplanation): PortGroup[] {
  return [...e.groups].sort(
    (a, b) => Number(b.allowed) - Number(a.allowed) || compareStrings(groupHeadline(a), groupHeadline(b)),
  );
}

/** Explanations sorted by source, then destination (byte order), as the reference lists pairs. */
export function sortedExplanations(list: readonly PairExplanation[]): PairExplanation[] {
  return [...list].sort((a, b) => compareStrings(a.src, b.src) || compareStrings(a.dst, b.dst));
}

/** A table of connections: its header and one row per connection. */
export function connectionTable(list: readonly Connection[]): { head: string[]; rows: string[][] } {
  return { head: ["src", "dst", "conn"], rows: list.map((c) => [c.src, c.dst, formatConnectionSet(c.conn)]) };
}

/**
 * A table of explanations: one row per group of ports of each pair (allowed, then denied), with the words of the
 * txt explanation; each direction's lines in one cell, joined by `joiner`.
 */
export function explanationTable(
  list: readonly PairExplanation[],
  joiner: string,
): { head: string[]; rows: string[][] } {
  return {
    head: ["src", "dst", "result", "ports", "egress", "ingress"],
    rows: sortedExplanations(list).flatMap((e) =>
      sortedGroups(e).map((g) => [
        e.src,
        e.dst,
        g.allowed ? "Allowed" : "Denied",
        explainedPorts(g.conn),
        verdictLines(g.egress, "egress", e.src, e.dst).join(joiner),
        verdictLines(g.ingress, "ingress", e.dst, e.src).join(joiner),
      ]),
    ),
  };
}
