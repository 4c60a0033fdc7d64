// The reasons of an explanation in words, and the rows of the tabular formats, shared by the formats.

import { formatConnectionSet, isAll, NO_CONNECTIONS, union } from "../engine/connection-set.js";
import type { Connection } from "../engine/connections.js";
import type { ClusterRuleContribution, DirectionExplanation, PairExplanation } from "../engine/explain.js";
import type { IngressObjectContribution } from "../engine/ingress.js";

/**
 * The reasons of one direction for `subject`: a heading, then one line per contributing rule, and for connections
 * from the ingress controller one line per Ingress or Route object exposing the subject.
 */
export function reasonLines(d: DirectionExplanation, subject: string): string[] {
  return [...policyLines(d, subject), ...(d.ingressObjects ?? []).map(ingressObjectLine)];
}

function policyLines(d: DirectionExplanation, subject: string): string[] {
  const head = `${d.direction === "ingress" ? "Ingress" : "Egress"} of ${subject}`;
  if (!d.governed) return [`${head}: not governed by NetworkPolicy (external address)`];
  if (d.clusterRules.length > 0) return tieredLines(d, head);
  if (d.isolatedBy.length === 0) return [`${head}: allowed by default (no policy selects it for ${d.direction})`];
  return [`${head}: isolated by ${d.isolatedBy.join(", ")}; allows ${formatConnectionSet(d.allowed)}`, ...npLines(d)];
}

function npLines(d: DirectionExplanation): string[] {
  const lines = d.rules.length === 0 ? ["no rule matches the other side"] : [];
  for (const r of d.rules) lines.push(`${r.policy} ${r.direction} rule #${r.rule}: ${formatConnectionSet(r.conn)}`);
  return lines;
}

/** A cluster-wide rule as explanations name it: its policy, tier, rule name (or index), action and traffic. */
export function clusterRuleLine(r: ClusterRuleContribution): string {
  const rule = r.name !== undefined ? `rule ${r.name} (#${r.rule})` : `rule #${r.rule}`;
  return `${r.tier} tier: ${r.policy} ${r.direction} ${rule}: ${r.action} ${formatConnectionSet(r.conn)}`;
}

/** The tiers in order: Admin rules, then the NetworkPolicies (if they isolate the side), then Baseline rules. */
function tieredLines(d: DirectionExplanation, head: string): string[] {
  const lines = [`${head}: allows ${formatConnectionSet(d.allowed)}`];
  let decided = NO_CONNECTIONS;
  for (const r of d.clusterRules)
    if (r.tier === "Admin") {
      lines.push(clusterRuleLine(r));
      if (r.action !== "Pass") decided = union(decided, r.conn);
    }
  // The NetworkPolicies decide what the Admin tier leaves (nothing, when it accepts or denies every port).
  if (d.isolatedBy.length > 0 && !isAll(decided))
    lines.push(`then isolated by ${d.isolatedBy.join(", ")}`, ...npLines(d));
  for (const r of d.clusterRules) if (r.tier === "Baseline") lines.push(clusterRuleLine(r));
  return lines;
}

const ingressObjectLine = (o: IngressObjectContribution): string =>
  `${o.kind} '${o.name}' allows ingress connections through service ${o.service}: ${formatConnectionSet(o.conn)}`;

/** A table of connections: its header and one row per connection. */
export function connectionTable(list: readonly Connection[]): { head: string[]; rows: string[][] } {
  return { head: ["src", "dst", "conn"], rows: list.map((c) => [c.src, c.dst, formatConnectionSet(c.conn)]) };
}

/** A table of explanations: each side's reasons in one cell, their lines joined by `joiner`. */
export function explanationTable(
  list: readonly PairExplanation[],
  joiner: string,
): { head: string[]; rows: string[][] } {
  return {
    head: ["src", "dst", "conn", "egress", "ingress"],
    rows: list.map((e) => [
      e.src,
      e.dst,
      formatConnectionSet(e.conn),
      reasonLines(e.egress, e.src).join(joiner),
      reasonLines(e.ingress, e.dst).join(joiner),
    ]),
  };
}
