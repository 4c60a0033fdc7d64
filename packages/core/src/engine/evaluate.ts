// Class-level evaluation: a connection needs the source's egress AND the destination's ingress.
import { buildClasses, type ClassIndex, type EquivalenceClass } from "./classes.js";
import type { ClusterModel } from "./cluster.js";
import { ALL_CONNECTIONS, type ConnectionSet, intersect, isEmpty, union } from "./connection-set.js";
import { buildExternals, type Externals } from "./externals.js";
import { type IngressPath, type IngressPlan, ingressControllerPod, ingressPaths, planIngress } from "./ingress-plan.js";
import { type Matcher, matcher } from "./matching.js";
import { resolvePorts } from "./policies.js";
import { buildSides, hasAny, type Side, type Sides } from "./sides.js";

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
  const externals = buildExternals(cluster.policies);
  const plan = planIngress(cluster);
  // The ingress controller's pod is a class of no peer: policies select and match it like any pod.
  const index = buildClasses(cluster, externals.ipBlocks, plan.active ? [ingressControllerPod()] : []);
  const match = matcher(index, externals);
  const sides = buildSides(cluster.policies, index, match);
  const ingress = { plan, controller: index.extraClasses[0], paths: plan.active ? ingressPaths(plan, index) : [] };
  return { cluster, index, externals, sides, match, ingress };
}

function classOf(a: Analysis, id: number): EquivalenceClass {
  return a.index.classes[id] as EquivalenceClass;
}

/** What `dst`'s ingress admits from `src` (ALL when no policy isolates `dst` for ingress). */
export function ingressAllows(a: Analysis, dst: number, src: Endpoint): ConnectionSet {
  const side = a.sides.ingress[dst];
  if (!side) return ALL_CONNECTIONS;
  const extra = "class" in src ? side.byClass.get(src.class) : side.byAtom.get(src.atom);
  return extra ? union(side.any.numeric, extra) : side.any.numeric;
}

function anyToward(side: Side, dst: Endpoint, a: Analysis): ConnectionSet {
  if (side.any.named.length === 0 || !("class" in dst)) return side.any.numeric;
  return resolvePorts(side.any, classOf(a, dst.class).pod.ports);
}

/** What `src`'s egress allows toward `dst` (ALL when no policy isolates `src` for egress). */
export function egressAllows(a: Analysis, src: number, dst: Endpoint): ConnectionSet {
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
 * Calls `emit` for every endpoint pair with a non-empty connection, visiting only candidate pairs:
 * work grows with the answer, not with the square of the number of classes.
 */
export function enumerateConnections(a: Analysis, emit: EmitClassPair): void {
  const { ingress, egress } = a.sides;
  const n = a.index.classes.length;
  const open: number[] = []; // classes admitting some sources without looking at them
  const reverse = new Map<number, number[]>(); // source class -> isolated destinations naming it
  for (let d = 0; d < n; d++) {
    const side = ingress[d];
    if (!side || hasAny(side)) open.push(d);
    else
      for (const s of side.byClass.keys()) {
        const list = reverse.get(s);
        if (list) list.push(d);
        else reverse.set(s, [d]);
      }
  }
  const seen = new Int32Array(n).fill(-1);
  for (let s = 0; s < n; s++) {
    const side = egress[s];
    const candidates: Iterable<number> =
      side && !hasAny(side) ? side.byClass.keys() : [...open, ...(reverse.get(s) ?? [])];
    for (const d of candidates) {
      if (seen[d] === s) continue;
      seen[d] = s;
      const conn = endpointConnection(a, { class: s }, { class: d });
      if (!isEmpty(conn)) emit({ class: s }, { class: d }, conn);
    }
  }
  for (let d = 0; d < n; d++) {
    const side = ingress[d];
    const atoms = !side || hasAny(side) ? a.externals.ingress.map((x) => x.id) : side.byAtom.keys();
    for (const atom of atoms) {
      const conn = ingressAllows(a, d, { atom });
      if (!isEmpty(conn)) emit({ atom }, { class: d }, conn);
    }
  }
  for (let s = 0; s < n; s++) {
    const side = egress[s];
    const atoms = !side || hasAny(side) ? a.externals.egress.map((x) => x.id) : side.byAtom.keys();
    for (const atom of atoms) {
      const conn = egressAllows(a, s, { atom });
      if (!isEmpty(conn)) emit({ class: s }, { atom }, conn);
    }
  }
}
