// Class-level evaluation: a connection needs the source's egress AND the destination's ingress.
import { buildClasses, type ClassIndex, type EquivalenceClass } from "./classes.js";
import type { ClusterModel } from "./cluster.js";
import { ALL_CONNECTIONS, type ConnectionSet, intersect, isEmpty, subtract, union } from "./connection-set.js";
import { buildExternals, type Externals } from "./externals.js";
import { type IngressPath, type IngressPlan, ingressControllerPod, ingressPaths, planIngress } from "./ingress-plan.js";
import { type Matcher, matcher } from "./matching.js";
import { resolvePorts } from "./policies.js";
import { buildSides, hasAny, type Side, type Sides } from "./sides.js";
import {
  buildTiers,
  hasNamedPorts,
  type TierRule,
  type TierSide,
  type TierSides,
  tieredAllows,
  walkTier,
} from "./tiers.js";

/** Everything precomputed for answering connectivity questions about one cluster. */
export interface Analysis {
  /** The cluster model. */
  readonly cluster: ClusterModel;
  /** Pod equivalence classes. */
  readonly index: ClassIndex;
  /** External ranges per direction. */
  readonly externals: Externals;
  /** Per-class ingress and egress sides. */
  readonly sides: Sides;
  /** What each peer and policy matches. */
  readonly match: Matcher;
  /** What Ingress and Route objects let the ingress controller reach. */
  readonly ingress: IngressAnalysis;
  /** Per-class rules of the cluster-wide policies (Admin and Baseline tiers). */
  readonly tiers: TierSides;
}

/** The ingress controller in an analysis. */
export interface IngressAnalysis {
  /** Every Ingress and Route backend, followed to its Service and peers. */
  readonly plan: IngressPlan;
  /** The class of the ingress controller's pod; undefined when it is no peer (no Ingress or Route reaches a workload). */
  readonly controller: number | undefined;
  /** Each backend's reach into each selected class, before policies. */
  readonly paths: readonly IngressPath[];
}

/** One end of a connection at class level: a pod class or an external range of the right direction. */
export type Endpoint = { readonly class: number } | { readonly atom: number };

/** Precomputes classes, external ranges and sides. */
export function analyzeCluster(cluster: ClusterModel): Analysis {
  const externals = buildExternals(cluster.policies, cluster.clusterPolicies);
  const plan = planIngress(cluster);
  // The ingress controller's pod is a class of no peer: policies select and match it like any pod.
  const index = buildClasses(cluster, externals.ipBlocks, plan.active ? [ingressControllerPod()] : []);
  const match = matcher(index, externals);
  const sides = buildSides(cluster.policies, index, match);
  const ingress = { plan, controller: index.extraClasses[0], paths: plan.active ? ingressPaths(plan, index) : [] };
  const tiers = buildTiers(cluster.clusterPolicies, index, match);
  return { cluster, index, externals, sides, match, ingress, tiers };
}

function classOf(a: Analysis, id: number): EquivalenceClass {
  return a.index.classes[id] as EquivalenceClass;
}

/**
 * What `dst`'s ingress admits from `src`: its cluster-wide policies' tiers around its NetworkPolicies (ALL when no
 * policy selects `dst` for ingress).
 */
export function ingressAllows(a: Analysis, dst: number, src: Endpoint): ConnectionSet {
  const tiers = a.tiers.ingress[dst];
  if (!tiers) return networkPolicyIngress(a, dst, src);
  const np = a.sides.ingress[dst] ? networkPolicyIngress(a, dst, src) : undefined;
  return tieredAllows(tiers, src, classOf(a, dst).pod.ports, a.index, np);
}

/** What `dst`'s NetworkPolicies admit from `src` (ALL when none isolates `dst` for ingress). */
export function networkPolicyIngress(a: Analysis, dst: number, src: Endpoint): ConnectionSet {
  const side = a.sides.ingress[dst];
  if (!side) return ALL_CONNECTIONS;
  const extra = "class" in src ? side.byClass.get(src.class) : side.byAtom.get(src.atom);
  return extra ? union(side.any.numeric, extra) : side.any.numeric;
}

function anyToward(side: Side, dst: Endpoint, a: Analysis): ConnectionSet {
  if (side.any.named.length === 0 || !("class" in dst)) return side.any.numeric;
  return resolvePorts(side.any, classOf(a, dst.class).pod.ports);
}

/** The container ports of an endpoint (none for an external range). */
function portsOf(a: Analysis, e: Endpoint) {
  return "class" in e ? classOf(a, e.class).pod.ports : [];
}

/**
 * What `src`'s egress allows toward `dst`: its cluster-wide policies' tiers around its NetworkPolicies (ALL when no
 * policy selects `src` for egress).
 */
export function egressAllows(a: Analysis, src: number, dst: Endpoint): ConnectionSet {
  const tiers = a.tiers.egress[src];
  if (!tiers) return networkPolicyEgress(a, src, dst);
  const np = a.sides.egress[src] ? networkPolicyEgress(a, src, dst) : undefined;
  return tieredAllows(tiers, dst, portsOf(a, dst), a.index, np);
}

/** What `src`'s NetworkPolicies allow toward `dst` (ALL when none isolates `src` for egress). */
export function networkPolicyEgress(a: Analysis, src: number, dst: Endpoint): ConnectionSet {
  const side = a.sides.egress[src];
  if (!side) return ALL_CONNECTIONS;
  const extra = "class" in dst ? side.byClass.get(dst.class) : side.byAtom.get(dst.atom);
  const any = anyToward(side, dst, a);
  return extra ? union(any, extra) : any;
}

/** The connections from one endpoint to another (external to external is not governed: ALL). */
export function endpointConnection(a: Analysis, src: Endpoint, dst: Endpoint): ConnectionSet {
  if ("class" in src && "class" in dst) {
    return intersect(egressAllows(a, src.class, dst), ingressAllows(a, dst.class, src));
  }
  if ("class" in dst) return ingressAllows(a, dst.class, src);
  if ("class" in src) return egressAllows(a, src.class, dst);
  return ALL_CONNECTIONS;
}

/** Receives one non-empty class-level connection. */
export type EmitClassPair = (src: Endpoint, dst: Endpoint, conn: ConnectionSet) => void;

/**
 * The classes a class may exchange traffic with in a direction, when that is a known list; undefined when the class
 * admits (ingress) or reaches (egress) classes no rule names. Every class outside the list gets nothing.
 */
function partners(a: Analysis, direction: "ingress" | "egress", c: number): Iterable<number> | undefined {
  const side = a.sides[direction][c];
  const tiers = a.tiers[direction][c];
  if (!tiers) return side && !hasAny(side) ? side.byClass.keys() : undefined;
  if (!isEmpty(defaultAllows(a, direction, c, tiers, side))) return undefined;
  // Classes some rule names, and hostNetwork pods (every-pod peers do not match them).
  const out = new Set<number>(side?.byClass.keys() ?? []);
  for (const r of [...tiers.admin, ...tiers.baseline]) for (const x of r.classes) out.add(x);
  for (const x of a.tiers.hostNetwork) out.add(x);
  return out;
}

const EVERY_POD_ONLY = (rules: readonly TierRule[]) => rules.filter((r) => r.rule.everyPod);

/**
 * What a tiered side allows toward a class no rule names (by class) and that is not on its node's network; ALL when
 * that depends on the class (named ports of egress rules), so the caller looks at every class.
 */
function defaultAllows(
  a: Analysis,
  direction: "ingress" | "egress",
  c: number,
  tiers: TierSide,
  side: Side | undefined,
): ConnectionSet {
  if (direction === "egress" && (hasNamedPorts(tiers) || (side !== undefined && side.any.named.length > 0)))
    return ALL_CONNECTIONS;
  // A stand-in class: only every-pod rules match it, and no NetworkPolicy rule names it.
  const ports = direction === "ingress" ? classOf(a, c).pod.ports : [];
  const generic = { class: -1 };
  const { index } = a;
  const admin = walkTier(EVERY_POD_ONLY(tiers.admin), generic, ports, index);
  const rest = subtract(subtract(ALL_CONNECTIONS, admin.accepted), admin.denied);
  const lower = side
    ? side.any.numeric
    : subtract(ALL_CONNECTIONS, walkTier(EVERY_POD_ONLY(tiers.baseline), generic, ports, index).denied);
  return union(admin.accepted, intersect(rest, lower));
}

/**
 * The external ranges a class may exchange traffic with in a direction. Cluster-wide rules match ranges by their
 * networks and nodes only, so a range none of them names gets what the NetworkPolicies give it (all of them when none
 * isolates the class): the candidates are the ranges some rule names.
 */
function atomPartners(a: Analysis, direction: "ingress" | "egress", c: number): Iterable<number> {
  const side = a.sides[direction][c];
  const all = () => a.externals[direction].map((x) => x.id);
  if (!side || hasAny(side)) return all();
  const tiers = a.tiers[direction][c];
  if (!tiers) return side.byAtom.keys();
  const out = new Set<number>(side.byAtom.keys());
  for (const r of [...tiers.admin, ...tiers.baseline]) for (const x of r.atoms) out.add(x);
  return out;
}

/**
 * Calls `emit` for every endpoint pair with a non-empty connection, visiting only candidate pairs:
 * work grows with the answer, not with the square of the number of classes.
 */
export function enumerateConnections(a: Analysis, emit: EmitClassPair): void {
  const n = a.index.classes.length;
  const open: number[] = []; // classes admitting some sources without looking at them
  const reverse = new Map<number, number[]>(); // source class -> destinations naming it
  for (let d = 0; d < n; d++) {
    const sources = partners(a, "ingress", d);
    if (sources === undefined) open.push(d);
    else
      for (const s of sources) {
        const list = reverse.get(s);
        if (list) list.push(d);
        else reverse.set(s, [d]);
      }
  }
  const seen = new Int32Array(n).fill(-1);
  for (let s = 0; s < n; s++) {
    const candidates: Iterable<number> = partners(a, "egress", s) ?? [...open, ...(reverse.get(s) ?? [])];
    for (const d of candidates) {
      if (seen[d] === s) continue;
      seen[d] = s;
      const conn = endpointConnection(a, { class: s }, { class: d });
      if (!isEmpty(conn)) emit({ class: s }, { class: d }, conn);
    }
  }
  for (let d = 0; d < n; d++)
    for (const atom of atomPartners(a, "ingress", d)) {
      const conn = ingressAllows(a, d, { atom });
      if (!isEmpty(conn)) emit({ atom }, { class: d }, conn);
    }
  for (let s = 0; s < n; s++)
    for (const atom of atomPartners(a, "egress", s)) {
      const conn = egressAllows(a, s, { atom });
      if (!isEmpty(conn)) emit({ class: s }, { atom }, conn);
    }
}
