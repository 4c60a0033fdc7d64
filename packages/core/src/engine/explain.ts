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
  readonly clusterRules: readonly ClusterRuleContribution[];
  /** What this direction allows. */
  readonly allowed: ConnectionSet;
  /**
   * For connections from the ingress controller (ingress direction): the Ingress and Route objects, and their
   * Services, that expose the destination; the direction allows only what they expose and its policies admit.
   */
  readonly ingressObjects?: readonly IngressObjectContribution[];
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
}

const ungoverned = (direction: TrafficDirection, allowed: ConnectionSet): DirectionExplanation => ({
  direction,
  governed: false,
  isolatedBy: [],
  rules: [],
  clusterRules: [],
  allowed,
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
  const base = { direction, governed: true, isolatedBy: policies.map((p) => p.id), rules };
  const tiers = a.tiers[direction][subject.class];
  if (!tiers) return { ...base, clusterRules: [], allowed: np };
  // The Admin tier decides first; what it accepts is allowed, what it denies is not, the rest goes lower.
  const clusterRules: ClusterRuleContribution[] = [];
  const note = (rest: ConnectionSet) => (d: TierDecision) => {
    const conn = intersect(d.conn, rest);
    if (!isEmpty(conn)) clusterRules.push(contribution(d.rule, direction, conn));
  };
  const admin = walkTier(tiers.admin, other, ports, a.index, note(ALL_CONNECTIONS));
  const rest = subtract(subtract(ALL_CONNECTIONS, admin.accepted), admin.denied);
  let lower = np;
  if (!isolated && !isEmpty(rest))
    lower = subtract(ALL_CONNECTIONS, walkTier(tiers.baseline, other, ports, a.index, note(rest)).denied);
  return { ...base, clusterRules, allowed: union(admin.accepted, intersect(rest, lower)) };
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
  return { conn: intersect(egress.allowed, ingress.allowed), egress, ingress };
}

function mergeDirection(x: DirectionExplanation, y: DirectionExplanation): DirectionExplanation {
  const rules = new Map<string, RuleContribution>();
  for (const r of [...x.rules, ...y.rules]) {
    const key = `${r.policy}\u0000${r.rule}`;
    const prev = rules.get(key);
    rules.set(key, prev ? { ...prev, conn: union(prev.conn, r.conn) } : r);
  }
  const clusterRules = new Map<string, ClusterRuleContribution>();
  for (const r of [...x.clusterRules, ...y.clusterRules]) {
    const key = `${r.policy}\u0000${r.rule}`;
    const prev = clusterRules.get(key);
    clusterRules.set(key, prev ? { ...prev, conn: union(prev.conn, r.conn) } : r);
  }
  return {
    direction: x.direction,
    governed: x.governed || y.governed,
    isolatedBy: [...new Set([...x.isolatedBy, ...y.isolatedBy])].sort(compareStrings),
    rules: [...rules.values()].sort((p, q) => compareStrings(p.policy, q.policy) || p.rule - q.rule),
    clusterRules: [...clusterRules.values()],
    allowed: union(x.allowed, y.allowed),
  };
}

/** Merges explanations of several class pairs that make up one peer pair. */
export function mergeExplanations(
  parts: readonly Omit<PairExplanation, "src" | "dst">[],
): Omit<PairExplanation, "src" | "dst"> {
  const [first, ...rest] = parts;
  if (!first)
    return {
      conn: NO_CONNECTIONS,
      egress: ungoverned("egress", NO_CONNECTIONS),
      ingress: ungoverned("ingress", NO_CONNECTIONS),
    };
  return rest.reduce(
    (acc, p) => ({
      conn: union(acc.conn, p.conn),
      egress: mergeDirection(acc.egress, p.egress),
      ingress: mergeDirection(acc.ingress, p.ingress),
    }),
    first,
  );
}
