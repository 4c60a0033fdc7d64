// Explanations of connections, as text and as JSON.
import { formatConnectionSet } from "../engine/connection-set.js";
import type { DirectionExplanation, PairExplanation } from "../engine/explain.js";

function directionLines(d: DirectionExplanation, subject: string): string[] {
  const head = `  ${d.direction} of ${subject}`;
  if (!d.governed) return [`${head}: not governed by NetworkPolicy (external address)`];
  if (d.isolatedBy.length === 0) return [`${head}: allowed by default (no policy selects it for ${d.direction})`];
  const lines = [`${head}: isolated by ${d.isolatedBy.join(", ")}; allows ${formatConnectionSet(d.allowed)}`];
  if (d.rules.length === 0) lines.push("    no rule matches the other side");
  for (const r of d.rules)
    lines.push(`    ${r.policy} ${r.direction.toLowerCase()} rule #${r.rule}: ${formatConnectionSet(r.conn)}`);
  return lines;
}

/** Text: a block per pair with the connection, then the egress and ingress reasons. */
export function renderExplanationsTxt(explanations: readonly PairExplanation[]): string {
  return explanations
    .map((e) =>
      [
        `${e.src} => ${e.dst} : ${formatConnectionSet(e.conn)}`,
        ...directionLines(e.egress, e.src),
        ...directionLines(e.ingress, e.dst),
      ]
        .map((l) => `${l}\n`)
        .join(""),
    )
    .join("\n");
}

const direction = (d: DirectionExplanation) => ({
  direction: d.direction,
  governed: d.governed,
  isolatedBy: d.isolatedBy,
  allowed: formatConnectionSet(d.allowed),
  rules: d.rules.map((r) => ({ policy: r.policy, rule: r.rule, conn: formatConnectionSet(r.conn) })),
});

/** JSON: an array of `{src, dst, conn, egress, ingress}` with connection sets as text. */
export function renderExplanationsJson(explanations: readonly PairExplanation[]): string {
  return JSON.stringify(
    explanations.map((e) => ({
      src: e.src,
      dst: e.dst,
      conn: formatConnectionSet(e.conn),
      egress: direction(e.egress),
      ingress: direction(e.ingress),
    })),
    null,
    2,
  );
}
