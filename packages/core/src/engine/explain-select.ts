// Which explanations to report: only allowed or only denied pairs, and explanations narrowed to one protocol and port
// (netpol-analyzer's `--explain-only` and `--focus-conn` as they act on `--explain`).
import { type ConnectionSet, intersect, isEmpty } from "./connection-set.js";
import type { DirectionExplanation, PairExplanation } from "./explain.js";

/** Which explanations `explainAll` reports. */
export interface ExplainOptions {
  /**
   * `allow`: only pairs that may connect somehow; `deny`: only pairs that may not connect at all. With `conn`,
   * whether the pair may connect on that port decides.
   */
  readonly only?: "allow" | "deny" | undefined;
  /** Explain this protocol and port only, written `tcp-8080` as focus options write it: each pair is narrowed to it. */
  readonly conn?: string | undefined;
}

/** What `selectExplanations` applies: the choice of pairs and the one connection, read. */
export interface ExplainSelection {
  /** As `ExplainOptions.only`. */
  readonly only?: "allow" | "deny" | undefined;
  /** The connection to narrow to. */
  readonly conn?: ConnectionSet | undefined;
}

function narrowDirection(d: DirectionExplanation, focus: ConnectionSet): DirectionExplanation {
  return {
    ...d,
    allowed: intersect(d.allowed, focus),
    rules: d.rules.map((r) => ({ ...r, conn: intersect(r.conn, focus) })),
    verdicts: d.verdicts.map((v) => ({ ...v, conn: intersect(v.conn, focus) })).filter((v) => !isEmpty(v.conn)),
  };
}

/** An explanation about `focus` only: its connection, rules and groups cut down to those ports. */
export function narrowExplanation(e: PairExplanation, focus: ConnectionSet): PairExplanation {
  return {
    ...e,
    conn: intersect(e.conn, focus),
    egress: narrowDirection(e.egress, focus),
    ingress: narrowDirection(e.ingress, focus),
    groups: e.groups.map((g) => ({ ...g, conn: intersect(g.conn, focus) })).filter((g) => !isEmpty(g.conn)),
  };
}

/** The explanations the options ask for, in the same order (all of them, unchanged, without options). */
export function selectExplanations(
  list: readonly PairExplanation[],
  options: ExplainSelection = {},
): PairExplanation[] {
  const { conn, only } = options;
  const narrowed = conn ? list.map((e) => narrowExplanation(e, conn)) : [...list];
  if (only === undefined) return narrowed;
  return narrowed.filter((e) => isEmpty(e.conn) === (only === "deny"));
}
