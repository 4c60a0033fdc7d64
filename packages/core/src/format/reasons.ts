// The reasons of an explanation in words, shared by the text-like formats.
import { formatConnectionSet } from "../engine/connection-set.js";
import type { DirectionExplanation } from "../engine/explain.js";

/** The reasons of one direction for `subject`: a heading, then one line per contributing rule. */
export function reasonLines(d: DirectionExplanation, subject: string): string[] {
  const head = `${d.direction === "ingress" ? "Ingress" : "Egress"} of ${subject}`;
  if (!d.governed) return [`${head}: not governed by NetworkPolicy (external address)`];
  if (d.isolatedBy.length === 0) return [`${head}: allowed by default (no policy selects it for ${d.direction})`];
  const lines = [`${head}: isolated by ${d.isolatedBy.join(", ")}; allows ${formatConnectionSet(d.allowed)}`];
  if (d.rules.length === 0) lines.push("no rule matches the other side");
  for (const r of d.rules) lines.push(`${r.policy} ${r.direction} rule #${r.rule}: ${formatConnectionSet(r.conn)}`);
  return lines;
}
