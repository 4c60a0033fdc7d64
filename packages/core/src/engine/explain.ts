// Why a connection is allowed or denied: the policies and rules behind one pair, found with the engine's own matching.
import type { TrafficDirection } from "../data.js";
import { compareStrings } from "../text.js";
import { ALL_CONNECTIONS, type ConnectionSet, intersect, NO_CONNECTIONS, union } from "./connection-set.js";
import type { Analysis, Endpoint } from "./evaluate.js";
import type { IngressObjectContribution } from "./ingress.js";
import { type CompiledPeer, type CompiledPolicy, resolvePorts } from "./policies.js";
import {
  DEFAULT_VERDICTS,
  directionVerdicts,
  type PortGroup,
  type PortVerdict,
  pairGroups,
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
  if (policies.length === 0)
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
  const allowed = rules.reduce((acc, r) => union(acc, r.conn), NO_CONNECTIONS);
  const verdicts = directionVerdicts(
    policies.map((p) => ({
      policy: p.id,
      hasRules: p[direction].length > 0,
      rules: rules.filter((r) => r.policy === p.id),
    })),
  );
  return { direction, governed: true, isolatedBy: policies.map((p) => p.id), rules, allowed, verdicts };
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
  return {
    direction: x.direction,
    governed: x.governed || y.governed,
    isolatedBy: [...new Set([...x.isolatedBy, ...y.isolatedBy])].sort(compareStrings),
    rules: [...rules.values()].sort((p, q) => compareStrings(p.policy, q.policy) || p.rule - q.rule),
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
