// The tiers of cluster-wide policies around NetworkPolicy, per class and direction: the Admin tier in priority order
// (Accept and Deny decide, Pass hands over), then NetworkPolicy, then the Baseline tier, then allow.
import type { TrafficDirection } from "../data.js";
import { compareStrings } from "../text.js";
import type { ContainerPort } from "../workloads.js";
import type { ClassIndex } from "./classes.js";
import {
  type ClusterAction,
  type ClusterTier,
  type CompiledClusterPolicy,
  type CompiledClusterRule,
  resolveClusterPorts,
} from "./cluster-policies.js";
import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  intersect,
  isEmpty,
  NO_CONNECTIONS,
  subtract,
  union,
} from "./connection-set.js";
import type { Matcher } from "./matching.js";

/** One rule of a cluster-wide policy as one class's side sees it, with what its peers match. */
export interface TierRule {
  /** Its policy. */
  readonly policy: CompiledClusterPolicy;
  /** The rule. */
  readonly rule: CompiledClusterRule;
  /** Classes matched by peers other than the every-pod ones. */
  readonly classes: ReadonlySet<number>;
  /** External ranges of the rule's direction its networks and nodes peers match. */
  readonly atoms: ReadonlySet<number>;
}

/** The rules of the cluster-wide policies selecting one class, for one direction, in evaluation order. */
export interface TierSide {
  /** Admin tier rules: by priority, then within each policy in order. */
  readonly admin: readonly TierRule[];
  /** Baseline tier rules, likewise. */
  readonly baseline: readonly TierRule[];
}

/**
 * Per-class tier sides; `undefined` where no cluster-wide policy with rules of that direction selects the class. With
 * the classes of hostNetwork pods, which every-pod peers do not match.
 */
export type TierSides = Readonly<Record<TrafficDirection, (TierSide | undefined)[]>> & {
  readonly hostNetwork: readonly number[];
};

/** The other end of a connection: a class or an external range. */
export type Other = { readonly class: number } | { readonly atom: number };

/** The part of the traffic one rule decided. */
export interface TierDecision {
  /** The rule. */
  readonly rule: TierRule;
  /** The traffic it decided (what earlier rules left). */
  readonly conn: ConnectionSet;
}

/** What one tier decided: accepted and denied traffic (the rest was passed or not matched). */
export interface TierOutcome {
  readonly accepted: ConnectionSet;
  readonly denied: ConnectionSet;
}

const TIER_ORDER: Readonly<Record<ClusterTier, number>> = { Admin: 0, Baseline: 1 };

/** Policies in evaluation order: tier, priority, then kind and name (equal priorities have no defined order). */
export function evaluationOrder(policies: readonly CompiledClusterPolicy[]): CompiledClusterPolicy[] {
  return [...policies].sort(
    (x, y) => TIER_ORDER[x.tier] - TIER_ORDER[y.tier] || x.priority - y.priority || compareStrings(x.id, y.id),
  );
}

/** Builds the tier sides of every class from the cluster-wide policies. */
export function buildTiers(policies: readonly CompiledClusterPolicy[], index: ClassIndex, match: Matcher): TierSides {
  const sides: Record<TrafficDirection, (TierSide | undefined)[]> = {
    ingress: index.classes.map(() => undefined),
    egress: index.classes.map(() => undefined),
  };
  const hostNetwork = index.classes.filter((c) => c.pod.hostNetwork).map((c) => c.id);
  for (const policy of evaluationOrder(policies)) {
    const selected = match.classes(policy.subject);
    for (const direction of ["ingress", "egress"] as const) {
      if (policy[direction].length === 0 || selected.length === 0) continue;
      const rules = policy[direction].map((rule): TierRule => {
        const classes = new Set<number>();
        const atoms = new Set<number>();
        for (const peer of rule.peers) {
          // Every-pod peers are not listed class by class (a side checks them by the class's network instead).
          const every = peer.type === "selector" && peer.every;
          if (!every) for (const c of match.classes(peer)) classes.add(c);
          for (const x of match.atoms(peer, direction)) atoms.add(x);
        }
        return { policy, rule, classes, atoms };
      });
      const list = sides[direction];
      for (const c of selected) {
        const side = (list[c] ?? { admin: [], baseline: [] }) as { admin: TierRule[]; baseline: TierRule[] };
        list[c] = side;
        (policy.tier === "Admin" ? side.admin : side.baseline).push(...rules);
      }
    }
  }
  return { ...sides, hostNetwork };
}

/** True when the rule's peers match the other end. */
export function ruleMatches(r: TierRule, other: Other, index: ClassIndex): boolean {
  if ("atom" in other) return r.atoms.has(other.atom);
  if (r.classes.has(other.class)) return true;
  return r.rule.everyPod && index.classes[other.class]?.pod.hostNetwork !== true;
}

/**
 * Walks rules in order: the first rule matching the other end and some of the traffic still undecided decides that
 * part. `ports` are the destination's container ports (for named ports); `decided` receives each decision.
 */
export function walkTier(
  rules: readonly TierRule[],
  other: Other,
  ports: readonly ContainerPort[],
  index: ClassIndex,
  decided?: (d: TierDecision) => void,
): TierOutcome {
  return walkRules(rules, (r) => ruleMatches(r, other, index), ports, decided);
}

/** Like `walkTier`, with the other end given as which rules match it (exposure's imaginary peers). */
export function walkRules(
  rules: readonly TierRule[],
  matches: (r: TierRule) => boolean,
  ports: readonly ContainerPort[],
  decided?: (d: TierDecision) => void,
): TierOutcome {
  let undecided = ALL_CONNECTIONS;
  let accepted = NO_CONNECTIONS;
  let denied = NO_CONNECTIONS;
  let matched = false;
  for (const r of rules) {
    if (!matches(r)) continue;
    const conn = intersect(resolveClusterPorts(r.rule.ports, ports), undecided);
    if (isEmpty(conn)) continue;
    decided?.({ rule: r, conn });
    matched = true;
    if (r.rule.action === "Accept") accepted = union(accepted, conn);
    else if (r.rule.action === "Deny") denied = union(denied, conn);
    undecided = subtract(undecided, conn);
    if (isEmpty(undecided)) break;
  }
  return matched ? { accepted, denied } : UNDECIDED;
}

/** The outcome of a tier no rule of which matched: nothing accepted, nothing denied. */
const UNDECIDED: TierOutcome = Object.freeze({ accepted: NO_CONNECTIONS, denied: NO_CONNECTIONS });

/**
 * The traffic allowed in one direction with tiers: what the Admin tier accepts, and of what it neither accepts nor
 * denies, what the lower tiers allow: `networkPolicy`, what the NetworkPolicies allow when one isolates the side, else
 * the Baseline tier and the default allow.
 */
export function tieredAllows(
  side: TierSide,
  other: Other,
  ports: readonly ContainerPort[],
  index: ClassIndex,
  networkPolicy: ConnectionSet | undefined,
): ConnectionSet {
  const admin = walkTier(side.admin, other, ports, index);
  // Most pairs meet no Admin rule: the lower tiers decide all of it.
  if (admin === UNDECIDED) return lowerTiers(side, other, ports, index, networkPolicy);
  const rest = subtract(subtract(ALL_CONNECTIONS, admin.accepted), admin.denied);
  if (isEmpty(rest)) return admin.accepted;
  return union(admin.accepted, intersect(rest, lowerTiers(side, other, ports, index, networkPolicy)));
}

/** What the NetworkPolicies allow when one isolates the side, else what the Baseline tier does not deny. */
function lowerTiers(
  side: TierSide,
  other: Other,
  ports: readonly ContainerPort[],
  index: ClassIndex,
  networkPolicy: ConnectionSet | undefined,
): ConnectionSet {
  if (networkPolicy) return networkPolicy;
  const { denied } = walkTier(side.baseline, other, ports, index);
  return isEmpty(denied) ? ALL_CONNECTIONS : subtract(ALL_CONNECTIONS, denied);
}

/**
 * `tieredAllows` with the other end given as which rules match it: what the Admin tier accepts, and of the rest what
 * `networkPolicy` allows when NetworkPolicies isolate the side, else what the Baseline tier does not deny.
 */
export function tieredAllowsWhere(
  side: TierSide,
  matches: (r: TierRule) => boolean,
  ports: readonly ContainerPort[],
  networkPolicy: ConnectionSet | undefined,
): ConnectionSet {
  const lower = () => {
    if (networkPolicy) return networkPolicy;
    const { denied } = walkRules(side.baseline, matches, ports);
    return subtract(ALL_CONNECTIONS, denied);
  };
  const admin = walkRules(side.admin, matches, ports);
  const rest = subtract(subtract(ALL_CONNECTIONS, admin.accepted), admin.denied);
  if (isEmpty(rest)) return admin.accepted;
  return union(admin.accepted, intersect(rest, lower()));
}

/** True when some rule of the side matches by container port names. */
export function hasNamedPorts(side: TierSide): boolean {
  return [...side.admin, ...side.baseline].some((r) => r.rule.ports.named.length > 0);
}

/** The names of the actions, as explanations print them. */
export type { ClusterAction };
