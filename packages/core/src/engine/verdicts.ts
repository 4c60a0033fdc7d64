// Per-port reasons of an explanation: for every port of a pair, whether each direction allows it and which rules say
// so. The rules of precedence are netpol-analyzer's, so that `--explain` reads as `roxctl netpol connectivity map
// --explain` does: within one policy the first rule that matches a port decides it; across policies the ports some
// policy allows are explained by all the policies allowing them, the others by every policy that denies them.
import { compareStrings } from "../text.js";
import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  intersect,
  isAll,
  isEmpty,
  NO_CONNECTIONS,
  subtract,
  union,
} from "./connection-set.js";

/** No policy selects the deciding side, or it is an external address: everything is allowed. */
export interface DefaultReason {
  readonly kind: "default";
}

/** A rule of a policy selecting the deciding side matches the other side and allows these ports. */
export interface RuleAllowsReason {
  readonly kind: "rule-allows";
  /** The policy, `namespace/name`. */
  readonly policy: string;
  /** 0-based index of the rule in the policy's `ingress` or `egress` list. */
  readonly rule: number;
}

/** A rule matches the other side, but not these protocols and ports. */
export interface PortsMismatchReason {
  readonly kind: "ports-mismatch";
  /** The policy, `namespace/name`. */
  readonly policy: string;
  /** 0-based index of the rule. */
  readonly rule: number;
}

/** A rule matches the other side, but none of its named ports is a container port of the destination. */
export interface NamedPortsUnmatchedReason {
  readonly kind: "named-ports-unmatched";
  /** The policy, `namespace/name`. */
  readonly policy: string;
  /** 0-based index of the rule. */
  readonly rule: number;
}

/** A policy selects the deciding side, and none of its rules of this direction matches the other side. */
export interface NoRuleSelectsReason {
  readonly kind: "no-rule-selects";
  /** The policy, `namespace/name`. */
  readonly policy: string;
}

/** A policy selects the deciding side and has no rules of this direction at all. */
export interface NoRulesReason {
  readonly kind: "no-rules";
  /** The policy, `namespace/name`. */
  readonly policy: string;
}

/** An Ingress or OpenShift Route sends traffic to the destination through a Service (allows: on these ports). */
export interface IngressObjectReason {
  readonly kind: "ingress-object";
  /** The object's kind. */
  readonly object: "Ingress" | "Route";
  /** The object, `namespace/name`. */
  readonly name: string;
  /** The Service it routes to (in its namespace). */
  readonly service: string;
  /** True where the object routes to these ports; false for the other ports of the destination. */
  readonly allows: boolean;
}

/** A rule of a cluster-wide policy (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy) decided. */
export interface ClusterRuleReason {
  readonly kind: "cluster-rule";
  /** The policy's kind. */
  readonly object: string;
  /** The policy's name. */
  readonly policy: string;
  /** 0-based index of the rule. */
  readonly rule: number;
  /** The rule's name, when it has one. */
  readonly name?: string | undefined;
  /** Accept (v1alpha1 Allow), Deny, or Pass (the next tier decides). */
  readonly action: "Accept" | "Deny" | "Pass";
}

/** Why one direction allows or denies some ports. */
export type Reason =
  | ClusterRuleReason
  | DefaultReason
  | RuleAllowsReason
  | PortsMismatchReason
  | NamedPortsUnmatchedReason
  | NoRuleSelectsReason
  | NoRulesReason
  | IngressObjectReason;

/** What one direction decides, and why. */
export interface Verdict {
  /** True when the direction allows the ports. */
  readonly allowed: boolean;
  /** The reasons, distinct, in a fixed order (formats sort them their own way). */
  readonly reasons: readonly Reason[];
}

/** Ports one direction decides alike for the same reasons. */
export interface PortVerdict extends Verdict {
  /** The ports (disjoint from the other verdicts of the direction, which together cover every port). */
  readonly conn: ConnectionSet;
}

/** Ports of a pair that both directions decide alike for the same reasons. */
export interface PortGroup {
  /** The ports (disjoint from the pair's other groups, which together cover every port). */
  readonly conn: ConnectionSet;
  /** True when the pair may connect on these ports (both directions allow them). */
  readonly allowed: boolean;
  /** The source's egress. */
  readonly egress: Verdict;
  /** The destination's ingress. */
  readonly ingress: Verdict;
}

/** One rule of a policy that matches the other side, with the ports it allows toward this destination. */
export interface MatchingRule {
  /** 0-based index of the rule. */
  readonly rule: number;
  /** What it allows (empty when its named ports do not resolve). */
  readonly conn: ConnectionSet;
}

/** The verdicts of a side no policy governs: everything allowed by default. */
export const DEFAULT_VERDICTS: readonly PortVerdict[] = Object.freeze([
  { conn: ALL_CONNECTIONS, allowed: true, reasons: [{ kind: "default" }] },
]);

/** A key equal for equal reasons. */
export function reasonKey(r: Reason): string {
  switch (r.kind) {
    case "default":
      return r.kind;
    case "rule-allows":
    case "ports-mismatch":
    case "named-ports-unmatched":
      return `${r.kind}\u0000${r.policy}\u0000${r.rule}`;
    case "no-rule-selects":
    case "no-rules":
      return `${r.kind}\u0000${r.policy}`;
    case "ingress-object":
      return `${r.kind}\u0000${r.object}\u0000${r.name}\u0000${r.service}\u0000${r.allows}`;
    case "cluster-rule":
      return `${r.kind}\u0000${r.object}\u0000${r.policy}\u0000${String(r.rule).padStart(4, "0")}`;
  }
}

/** Reasons without repeats, in key order. */
function distinct(reasons: readonly Reason[]): Reason[] {
  const byKey = new Map<string, Reason>();
  for (const r of reasons) byKey.set(reasonKey(r), r);
  return [...byKey].sort(([a], [b]) => compareStrings(a, b)).map(([, r]) => r);
}

function verdictKey(v: Verdict): string {
  return `${v.allowed}\u0002${v.reasons.map(reasonKey).join("\u0001")}`;
}

/** Verdicts with the same decision and reasons joined into one, empty ones dropped, in a fixed order. */
function grouped(list: readonly PortVerdict[]): PortVerdict[] {
  const byKey = new Map<string, PortVerdict>();
  for (const v of list) {
    if (isEmpty(v.conn)) continue;
    const key = verdictKey(v);
    const prev = byKey.get(key);
    byKey.set(key, prev ? { ...prev, conn: union(prev.conn, v.conn) } : v);
  }
  return [...byKey].sort(([a], [b]) => compareStrings(a, b)).map(([, v]) => v);
}

/**
 * The verdicts of one policy: each port is decided by the first matching rule that allows it; ports no rule allows
 * are explained by the first matching rule alone (netpol-analyzer keeps the first rule's word on them).
 */
export function policyVerdicts(policy: string, hasRules: boolean, rules: readonly MatchingRule[]): PortVerdict[] {
  const [first] = rules;
  if (!first)
    return [
      { conn: ALL_CONNECTIONS, allowed: false, reasons: [{ kind: hasRules ? "no-rule-selects" : "no-rules", policy }] },
    ];
  const out: PortVerdict[] = [];
  let covered = NO_CONNECTIONS;
  for (const r of rules) {
    out.push({
      conn: subtract(r.conn, covered),
      allowed: true,
      reasons: [{ kind: "rule-allows", policy, rule: r.rule }],
    });
    covered = union(covered, r.conn);
  }
  const kind = isEmpty(first.conn) ? "named-ports-unmatched" : "ports-mismatch";
  out.push({ conn: subtract(ALL_CONNECTIONS, covered), allowed: false, reasons: [{ kind, policy, rule: first.rule }] });
  return grouped(out);
}

/**
 * The verdicts of several policies (or of several pods of one peer) together: a port is allowed when one of them
 * allows it, explained by those that allow it; otherwise it is explained by all of them.
 */
export function unionVerdicts(a: readonly PortVerdict[], b: readonly PortVerdict[]): PortVerdict[] {
  const out: PortVerdict[] = [];
  for (const x of a)
    for (const y of b) {
      const conn = intersect(x.conn, y.conn);
      if (isEmpty(conn)) continue;
      const reasons = x.allowed === y.allowed ? [...x.reasons, ...y.reasons] : x.allowed ? x.reasons : y.reasons;
      out.push({ conn, allowed: x.allowed || y.allowed, reasons: distinct(reasons) });
    }
  return grouped(out);
}

/**
 * The verdicts of two conditions that must both hold (traffic through an Ingress object and the policies): a port is
 * allowed when both allow it, and explained by both.
 */
export function intersectVerdicts(a: readonly PortVerdict[], b: readonly PortVerdict[]): PortVerdict[] {
  const out: PortVerdict[] = [];
  for (const x of a)
    for (const y of b) {
      const conn = intersect(x.conn, y.conn);
      if (!isEmpty(conn))
        out.push({ conn, allowed: x.allowed && y.allowed, reasons: distinct([...x.reasons, ...y.reasons]) });
    }
  return grouped(out);
}

/** The verdicts of one direction from the policies isolating its side, in any order (none: the default). */
export function directionVerdicts(
  policies: readonly { readonly policy: string; readonly hasRules: boolean; readonly rules: readonly MatchingRule[] }[],
): readonly PortVerdict[] {
  if (policies.length === 0) return DEFAULT_VERDICTS;
  return policies
    .map((p) => policyVerdicts(p.policy, p.hasRules, p.rules))
    .reduce((acc, list) => unionVerdicts(acc, list));
}

/**
 * The groups of a pair: its ports split by the verdicts of both directions, allowed where `conn` (what the pair may
 * open) holds them.
 */
export function pairGroups(
  egress: readonly PortVerdict[],
  ingress: readonly PortVerdict[],
  conn: ConnectionSet,
): PortGroup[] {
  const byKey = new Map<string, PortGroup>();
  const add = (part: ConnectionSet, allowed: boolean, e: PortVerdict, i: PortVerdict) => {
    if (isEmpty(part)) return;
    const ev: Verdict = { allowed: e.allowed, reasons: e.reasons };
    const iv: Verdict = { allowed: i.allowed, reasons: i.reasons };
    const key = `${allowed}\u0003${verdictKey(ev)}\u0003${verdictKey(iv)}`;
    const prev = byKey.get(key);
    byKey.set(key, prev ? { ...prev, conn: union(prev.conn, part) } : { conn: part, allowed, egress: ev, ingress: iv });
  };
  for (const e of egress)
    for (const i of ingress) {
      const cell = intersect(e.conn, i.conn);
      add(intersect(cell, conn), true, e, i);
      add(subtract(cell, conn), false, e, i);
    }
  return [...byKey].sort(([a], [b]) => compareStrings(a, b)).map(([, g]) => g);
}

/** True when the groups say only that every port is allowed because no policy governs either side. */
export function onlyDefault(groups: readonly PortGroup[]): boolean {
  const isDefault = (v: Verdict) => v.allowed && v.reasons.length === 1 && v.reasons[0]?.kind === "default";
  return (
    groups.length === 1 &&
    groups.every((g) => g.allowed && isAll(g.conn) && isDefault(g.egress) && isDefault(g.ingress))
  );
}

/** Verdicts restricted to some ports, with a reason added to each (a Pass that handed the ports over). */
function within(list: readonly PortVerdict[], conn: ConnectionSet, reason?: Reason): PortVerdict[] {
  return list.flatMap((v) => {
    const part = intersect(v.conn, conn);
    if (isEmpty(part)) return [];
    return [{ conn: part, allowed: v.allowed, reasons: reason ? distinct([reason, ...v.reasons]) : v.reasons }];
  });
}

/** One tier's decisions as verdicts: Accept allows, Deny denies, Pass hands its ports to `lower` (with its reason). */
function tierVerdicts(
  decisions: readonly { readonly reason: ClusterRuleReason; readonly conn: ConnectionSet }[],
  lower: readonly PortVerdict[],
): PortVerdict[] {
  const out: PortVerdict[] = [];
  let decided = NO_CONNECTIONS;
  for (const d of decisions) {
    if (d.reason.action === "Pass") out.push(...within(lower, d.conn, d.reason));
    else out.push({ conn: d.conn, allowed: d.reason.action === "Accept", reasons: [d.reason] });
    decided = union(decided, d.conn);
  }
  out.push(...within(lower, subtract(ALL_CONNECTIONS, decided)));
  return out;
}

/**
 * The verdicts of a direction with cluster-wide tiers: the Admin tier's decisions, then for the ports it leaves (or
 * passes) the NetworkPolicies' verdicts when they isolate the side (`networkPolicy`), else the Baseline tier's
 * decisions and, for the rest, the default.
 */
export function tieredVerdicts(
  admin: readonly { readonly reason: ClusterRuleReason; readonly conn: ConnectionSet }[],
  networkPolicy: readonly PortVerdict[] | undefined,
  baseline: readonly { readonly reason: ClusterRuleReason; readonly conn: ConnectionSet }[],
): PortVerdict[] {
  const lower = networkPolicy ?? tierVerdicts(baseline, DEFAULT_VERDICTS);
  return grouped(tierVerdicts(admin, lower));
}
