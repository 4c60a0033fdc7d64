// Why a connection is allowed or denied: the policies and rules behind one pair, found with the engine's own matching.
import type { TrafficDirection } from "../data.js";
import { compareStrings } from "../text.js";
import type { ClusterAction, ClusterTier } from "./cluster-policies.js";
import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  intersect,
  isEmpty,
  NO_CONNECTIONS,
  subtract,
  union,
} from "./connection-set.js";
import type { Analysis, Endpoint } from "./evaluate.js";
import type { IngressObjectContribution } from "./ingress.js";
import { type CompiledPeer, type CompiledPolicy, resolvePorts } from "./policies.js";
import { type TierDecision, type TierRule, walkTier } from "./tiers.js";
import {
  type ClusterRuleReason,
  DEFAULT_VERDICTS,
  directionVerdicts,
  type PortGroup,
  type PortVerdict,
  pairGroups,
  tieredVerdicts,
  unionVerdicts,
} from "./verdicts.js";

/** One rule that allows part of a connection. */
export interface RuleContribution {
  /** The policy, `namespace/name`. */
  readonly policy: string;
  /** The direction of the rule. */
  readonly direction: TrafficDirection;
  /** 0-based index of the rule in the policy's `ingress` or `egress` list. */
  readonly rule: number;
  /** What the rule allows for this pair (empty when its named ports do not resolve). */
  readonly conn: ConnectionSet;
}

/** One rule of a cluster-wide policy that decided part of a connection (the first rule matching that part). */
export interface ClusterRuleContribution {
  /** The policy, `Kind name` (`AdminNetworkPolicy deny-all`, `ClusterNetworkPolicy default`). */
  readonly policy: string;
  /** Its tier: Admin (before NetworkPolicy) or Baseline (after). */
  readonly tier: ClusterTier;
  /** The direction of the rule. */
  readonly direction: TrafficDirection;
  /** 0-based index of the rule in the policy's `ingress` or `egress` list. */
  readonly rule: number;
  /** The rule's name, when it has one. */
  readonly name?: string;
  /** What it does with that part: Accept (v1alpha1 Allow), Deny, or Pass (to the next tier). */
  readonly action: ClusterAction;
  /** The part of the connection it decided. */
  readonly conn: ConnectionSet;
}

/** How one direction (the source's egress or the destination's ingress) treats a pair. */
export interface DirectionExplanation {
  /** `egress` (decided by the source's policies) or `ingress` (by the destination's). */
  readonly direction: TrafficDirection;
  /** False when the deciding side is an external address, which no policy governs. */
  readonly governed: boolean;
  /** Policies that select the deciding side for this direction, sorted; empty means all is allowed by default. */
  readonly isolatedBy: readonly string[];
  /** Rules whose peers match the other side, sorted by policy and rule. */
  readonly rules: readonly RuleContribution[];
  /**
   * Rules of cluster-wide policies deciding parts of the connection, in evaluation order: the Admin tier's, then
   * (where no NetworkPolicy isolates the side) the Baseline tier's.
   */
  readonly clusterRules?: readonly ClusterRuleContribution[];
  /** What this direction allows. */
  readonly allowed: ConnectionSet;
  /**
   * For connections from the ingress controller (ingress direction): the Ingress and Route objects, and their
   * Services, that expose the destination; the direction allows only what they expose and its policies admit.
   */
  readonly ingressObjects?: readonly IngressObjectContribution[];
  /** Every port, split by what this direction decides on it and why (see verdicts.ts). */
  readonly verdicts: readonly PortVerdict[];
}

/** The reasons behind the connection between two peers. */
export interface PairExplanation {
  /** The source peer. */
  readonly src: string;
  /** The destination peer. */
  readonly dst: string;
  /** What is allowed: egress allowed ∩ ingress allowed. */
  readonly conn: ConnectionSet;
  /** The source's egress. */
  readonly egress: DirectionExplanation;
  /** The destination's ingress. */
  readonly ingress: DirectionExplanation;
  /** Every port, split by the verdicts and reasons of both directions. */
  readonly groups: readonly PortGroup[];
}

const ungoverned = (direction: TrafficDirection, allowed: ConnectionSet): DirectionExplanation => ({
  direction,
  governed: false,
  isolatedBy: [],
  rules: [],
  allowed,
  verdicts: allowed === ALL_CONNECTIONS ? DEFAULT_VERDICTS : [{ conn: ALL_CONNECTIONS, allowed: false, reasons: [] }],
});

/** True when `peer` matches the endpoint on the other side of `direction`. */
function matches(a: Analysis, peer: CompiledPeer, other: Endpoint, direction: TrafficDirection): boolean {
  return "atom" in other
    ? a.match.atoms(peer, direction).includes(other.atom)
    : a.match.classes(peer).includes(other.class);
}

/** Explains one direction for a class (`subject`) facing `other`. */
export function explainDirection(
  a: Analysis,
  direction: TrafficDirection,
  subject: Endpoint,
  other: Endpoint,
): DirectionExplanation {
  if (!("class" in subject)) return ungoverned(direction, ALL_CONNECTIONS);
  const policies = (a.sides[direction][subject.class]?.policies ?? [])
    .map((p) => a.cluster.policies[p] as CompiledPolicy)
    .sort((x, y) => compareStrings(x.id, y.id));
  const tiers = a.tiers[direction][subject.class];
  if (policies.length === 0 && !tiers)
    return {
      direction,
      governed: true,
      isolatedBy: [],
      rules: [],
      allowed: ALL_CONNECTIONS,
      verdicts: DEFAULT_VERDICTS,
    };
  // Named ports resolve against the destination: the subject for ingress, the other side for egress.
  const destination = direction === "ingress" ? subject : other;
  const ports = "class" in destination ? (a.index.classes[destination.class]?.pod.ports ?? []) : [];
  const rules: RuleContribution[] = [];
  for (const policy of policies)
    for (const rule of policy[direction])
      if (!rule.peers || rule.peers.some((p) => matches(a, p, other, direction)))
        rules.push({ policy: policy.id, direction, rule: rule.index, conn: resolvePorts(rule.ports, ports) });
  const isolated = policies.length > 0;
  const np = isolated ? rules.reduce((acc, r) => union(acc, r.conn), NO_CONNECTIONS) : ALL_CONNECTIONS;
  const npVerdicts = isolated
    ? directionVerdicts(
        policies.map((p) => ({
          policy: p.id,
          hasRules: p[direction].length > 0,
          rules: rules.filter((r) => r.policy === p.id),
        })),
      )
    : undefined;
  const base = { direction, governed: true, isolatedBy: policies.map((p) => p.id), rules };
  if (!tiers) return { ...base, allowed: np, verdicts: npVerdicts ?? DEFAULT_VERDICTS };
  // The Admin tier decides first; what it accepts is allowed, what it denies is not, the rest goes lower.
  const clusterRules: ClusterRuleContribution[] = [];
  type Decided = { reason: ClusterRuleReason; conn: ConnectionSet };
  const decisions: Record<ClusterTier, Decided[]> = { Admin: [], Baseline: [] };
  const note = (rest: ConnectionSet) => (d: TierDecision) => {
    const conn = intersect(d.conn, rest);
    if (isEmpty(conn)) return;
    clusterRules.push(contribution(d.rule, direction, conn));
    decisions[d.rule.policy.tier].push({ reason: reasonOf(d.rule), conn });
  };
  const admin = walkTier(tiers.admin, other, ports, a.index, note(ALL_CONNECTIONS));
  const rest = subtract(subtract(ALL_CONNECTIONS, admin.accepted), admin.denied);
  let lower = np;
  if (!isolated && !isEmpty(rest))
    lower = subtract(ALL_CONNECTIONS, walkTier(tiers.baseline, other, ports, a.index, note(rest)).denied);
  return {
    ...base,
    clusterRules,
    allowed: union(admin.accepted, intersect(rest, lower)),
    verdicts: tieredVerdicts(decisions.Admin, npVerdicts, decisions.Baseline),
  };
}

function reasonOf(r: TierRule): ClusterRuleReason {
  return {
    kind: "cluster-rule",
    object: r.policy.kind,
    policy: r.policy.name,
    rule: r.rule.index,
    ...(r.rule.name !== undefined ? { name: r.rule.name } : {}),
    action: r.rule.action,
  };
}

function contribution(r: TierRule, direction: TrafficDirection, conn: ConnectionSet): ClusterRuleContribution {
  return {
    policy: `${r.policy.kind} ${r.policy.name}`,
    tier: r.policy.tier,
    direction,
    rule: r.rule.index,
    ...(r.rule.name !== undefined ? { name: r.rule.name } : {}),
    action: r.rule.action,
    conn,
  };
}

/** Explains one endpoint pair (names are filled in by the caller). */
export function explainEndpoints(a: Analysis, src: Endpoint, dst: Endpoint): Omit<PairExplanation, "src" | "dst"> {
  const egress = explainDirection(a, "egress", src, dst);
  const ingress = explainDirection(a, "ingress", dst, src);
  const conn = intersect(egress.allowed, ingress.allowed);
  return { conn, egress, ingress, groups: pairGroups(egress.verdicts, ingress.verdicts, conn) };
}

function mergeDirection(x: DirectionExplanation, y: DirectionExplanation): DirectionExplanation {
  const rules = new Map<string, RuleContribution>();
  for (const r of [...x.rules, ...y.rules]) {
    const key = `${r.policy}\u0000${r.rule}`;
    const prev = rules.get(key);
    rules.set(key, prev ? { ...prev, conn: union(prev.conn, r.conn) } : r);
  }
  const clusterRules = new Map<string, ClusterRuleContribution>();
  for (const r of [...(x.clusterRules ?? []), ...(y.clusterRules ?? [])]) {
    const key = `${r.policy}\u0000${r.rule}`;
    const prev = clusterRules.get(key);
    clusterRules.set(key, prev ? { ...prev, conn: union(prev.conn, r.conn) } : r);
  }
  return {
    direction: x.direction,
    governed: x.governed || y.governed,
    isolatedBy: [...new Set([...x.isolatedBy, ...y.isolatedBy])].sort(compareStrings),
    rules: [...rules.values()].sort((p, q) => compareStrings(p.policy, q.policy) || p.rule - q.rule),
    ...(clusterRules.size > 0 ? { clusterRules: [...clusterRules.values()] } : {}),
    allowed: union(x.allowed, y.allowed),
    verdicts: unionVerdicts(x.verdicts, y.verdicts),
  };
}

/** Merges explanations of several class pairs that make up one peer pair. */
export function mergeExplanations(
  parts: readonly Omit<PairExplanation, "src" | "dst">[],
): Omit<PairExplanation, "src" | "dst"> {
  const [first, ...rest] = parts;
  if (!first) {
    const none = { egress: ungoverned("egress", NO_CONNECTIONS), ingress: ungoverned("ingress", NO_CONNECTIONS) };
    return {
      conn: NO_CONNECTIONS,
      ...none,
      groups: pairGroups(none.egress.verdicts, none.ingress.verdicts, NO_CONNECTIONS),
    };
  }
  if (rest.length === 0) return first;
  const merged = rest.reduce(
    (acc, p) => ({
      conn: union(acc.conn, p.conn),
      egress: mergeDirection(acc.egress, p.egress),
      ingress: mergeDirection(acc.ingress, p.ingress),
    }),
    { conn: first.conn, egress: first.egress, ingress: first.ingress },
  );
  return { ...merged, groups: pairGroups(merged.egress.verdicts, merged.ingress.verdicts, merged.conn) };
}
