// Exposure analysis: what pods the input does not hold could reach each workload, and what it could reach — the
// whole cluster, representatives of rule selectors, and external ranges — as netpol-analyzer's `list --exposure`
// reports it (pkg/netpol/connlist/exposure_map.go, pkg/netpol/eval/exposure.go). Built on the map's analysis: the
// same classes, sides and policies, only the other end is a selector instead of a pod. Cluster-wide policies count as
// the connection list counts them (Admin tier, NetworkPolicy, Baseline tier, allow), with `entire-cluster` matched by
// their every-pod peers and representatives by their pods and namespaces peers.
import type { Protocol, TrafficDirection } from "../data.js";
import type { Diagnostic } from "../errors.js";
import { compareStrings } from "../text.js";
import type { EquivalenceClass } from "./classes.js";
import type { CompiledClusterRule } from "./cluster-policies.js";
import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  equals,
  formatConnectionSet,
  isAll,
  isEmpty,
  isSubset,
  NO_CONNECTIONS,
  union,
} from "./connection-set.js";
import type { Connection } from "./connections.js";
import type { Analysis } from "./evaluate.js";
import {
  type FocusConnection,
  focusConnections,
  focusedIn,
  type ResolvedFocus,
  resolveFocus,
} from "./exposure-focus.js";
import { EXTERNAL_SUFFIX } from "./externals.js";
import type { FocusOptions } from "./focus.js";
import { type CompiledPolicy, type CompiledRule, resolvePorts } from "./policies.js";
import {
  clusterRuleRepresentatives,
  type Representative,
  representativeMatcher,
  representativesOf,
  rulePeers,
} from "./representatives.js";
import { tieredAllowsWhere } from "./tiers.js";

/** A port a rule names that only the pod at the other end could resolve. */
export interface NamedPort {
  /** The protocol. */
  readonly protocol: Protocol;
  /** The container port name. */
  readonly name: string;
}

/** What a workload could exchange with a pod not in the input: port numbers, and port names left unresolved. */
export interface PotentialConnection {
  /** Ports by number. */
  readonly conn: ConnectionSet;
  /** Ports by name (egress toward pods whose container ports are unknown); sorted, distinct. */
  readonly named: readonly NamedPort[];
}

/** The other end of an exposure: the whole cluster, a representative of a rule's selectors, or an external range. */
export type ExposurePeer =
  | { readonly kind: "entire-cluster"; readonly name: "entire-cluster" }
  | { readonly kind: "representative"; readonly name: string; readonly representative: Representative }
  | { readonly kind: "external"; readonly name: string };

/** One exposure of one workload in one direction. */
export interface ExposureEdge {
  /** The exposed workload, `namespace/name[Kind]`. */
  readonly workload: string;
  /** `egress`: the workload may open connections to `peer`; `ingress`: `peer` may open connections to it. */
  readonly direction: TrafficDirection;
  /** The other end. */
  readonly peer: ExposurePeer;
  /** What may pass (`No Connections` marks a peer carved out of a wider exposure). */
  readonly conn: PotentialConnection;
}

/** Exposure analysis of a map, with its focus. */
export interface ExposureReport {
  /** The map's connections within the focus (with a focus connection, each carries just that connection). */
  readonly connections: readonly Connection[];
  /** The connection focused on, if any: the lists then say who, not what. */
  readonly focusConn?: FocusConnection;
  /** The workloads with exposures, sorted. */
  readonly workloads: readonly string[];
  /** Egress exposures, sorted by workload then peer name. */
  readonly egress: readonly ExposureEdge[];
  /** Ingress exposures, sorted by workload then peer name. */
  readonly ingress: readonly ExposureEdge[];
  /** Workloads no policy isolates in a direction, sorted by workload then direction (`Egress` before `Ingress`). */
  readonly unprotected: readonly { readonly workload: string; readonly direction: TrafficDirection }[];
  /** Warnings about focus options that do not apply. */
  readonly diagnostics: readonly Diagnostic[];
}

const ENTIRE_CLUSTER: ExposurePeer = { kind: "entire-cluster", name: "entire-cluster" };
const NOTHING: PotentialConnection = { conn: NO_CONNECTIONS, named: [] };
const EVERYTHING: PotentialConnection = { conn: ALL_CONNECTIONS, named: [] };

const namedKey = (n: NamedPort) => `${n.protocol} ${n.name}`;

function merge(a: PotentialConnection, b: PotentialConnection): PotentialConnection {
  if (b.named.length === 0 && isEmpty(b.conn)) return a;
  const named = new Map<string, NamedPort>();
  for (const n of [...a.named, ...b.named]) named.set(namedKey(n), n);
  return {
    conn: union(a.conn, b.conn),
    named: [...named.entries()].sort(([x], [y]) => compareStrings(x, y)).map(([, n]) => n),
  };
}

const isNothing = (p: PotentialConnection) => isEmpty(p.conn) && p.named.length === 0;
const same = (a: PotentialConnection, b: PotentialConnection) =>
  equals(a.conn, b.conn) && a.named.map(namedKey).join("\u0000") === b.named.map(namedKey).join("\u0000");

/** Formats like a connection set, port names after the numbers of their protocol: `TCP 80,http,UDP 53`. */
export function formatPotentialConnection(p: PotentialConnection): string {
  if (p.named.length === 0 || isAll(p.conn)) return formatConnectionSet(p.conn);
  const parts: string[] = [];
  for (const protocol of ["SCTP", "TCP", "UDP"] as const) {
    const only = { ...NO_CONNECTIONS, [protocol]: p.conn[protocol] };
    const numbers = isEmpty(only) ? [] : [formatConnectionSet(only).slice(protocol.length + 1)];
    const names = p.named.filter((n) => n.protocol === protocol).map((n) => n.name);
    if (numbers.length + names.length > 0) parts.push(`${protocol} ${[...numbers, ...names].join(",")}`);
  }
  return parts.join(",");
}

/** What one class's policies in one direction allow toward the whole cluster, and toward each representative. */
interface ClassExposure {
  /** Allowed by rules admitting the whole cluster (every representative gets it too). */
  readonly whole: PotentialConnection;
  /** Allowed by the other rules, per representative index. */
  readonly specific: ReadonlyMap<number, PotentialConnection>;
}

/** What one class allows toward the whole cluster, and toward the representatives its rules name. */
interface ClassView {
  readonly whole: PotentialConnection;
  readonly reps: ReadonlyMap<number, PotentialConnection>;
}

/** The representatives a rule of a policy matches (`all` for a rule admitting the whole cluster). */
type RuleMatch = (policy: CompiledPolicy, direction: TrafficDirection, rule: CompiledRule) => "all" | readonly number[];

/**
 * What the policies isolating class `c` in `direction` allow toward pods not in the input: egress keeps port names
 * (the other pod is unknown), ingress resolves them against `c`'s own ports (unresolved ones allow nothing).
 */
function classExposure(a: Analysis, c: number, direction: TrafficDirection, match: RuleMatch): ClassExposure {
  const side = a.sides[direction][c];
  const ports = (a.index.classes[c] as EquivalenceClass).pod.ports;
  let whole = NOTHING;
  const specific = new Map<number, PotentialConnection>();
  for (const p of side?.policies ?? []) {
    const policy = a.cluster.policies[p];
    if (!policy) continue;
    for (const rule of policy[direction]) {
      const allowed: PotentialConnection =
        direction === "ingress"
          ? { conn: resolvePorts(rule.ports, ports), named: [] }
          : { conn: rule.ports.numeric, named: rule.ports.named };
      const reps = match(policy, direction, rule);
      if (reps === "all") whole = merge(whole, allowed);
      else for (const r of reps) specific.set(r, merge(specific.get(r) ?? NOTHING, allowed));
    }
  }
  return { whole, specific };
}

/** With a focus connection, only it counts: what contains it becomes it, anything else is nothing. */
function narrowed(p: PotentialConnection, focus: FocusConnection | undefined): PotentialConnection {
  if (!focus) return p;
  return isSubset(focus.conn, p.conn) ? { conn: focus.conn, named: [] } : NOTHING;
}

/** The exposure of the map's analysis within a focus; throws a NetpolError for unknown names or a bad connection. */
export function exposureOf(
  a: Analysis,
  connections: readonly Connection[],
  workloadsNamed: (name: string) => readonly { readonly name: string }[],
  options: FocusOptions = {},
): ExposureReport {
  const focus: ResolvedFocus = resolveFocus(options, workloadsNamed);
  const focused = focusConnections(connections, focus);
  const reps = representativesOf(a.cluster, a.index);
  const matcher = representativeMatcher(reps);
  // Each rule is matched once, however many classes its policy selects.
  const matched = new Map<CompiledRule, "all" | readonly number[]>();
  const match: RuleMatch = (policy, direction, rule) => {
    let found = matched.get(rule);
    if (found === undefined) {
      found = matcher(rulePeers(a.cluster.policyManifests.get(policy.id), direction, rule.index), policy.namespace);
      matched.set(rule, found);
    }
    return found;
  };
  const clusterRuleReps = new Map<CompiledClusterRule, ReadonlySet<number>>();
  const repsOfRule = (rule: CompiledClusterRule) => {
    let found = clusterRuleReps.get(rule);
    if (found === undefined) {
      found = clusterRuleRepresentatives(reps, rule);
      clusterRuleReps.set(rule, found);
    }
    return found;
  };
  /**
   * What class `c` allows in `direction` toward the whole cluster, and toward each representative a rule names
   * (those not named get the whole line); undefined when no policy of any tier isolates it.
   */
  const classView = (c: number, direction: TrafficDirection): ClassView | undefined => {
    const np = a.sides[direction][c] ? classExposure(a, c, direction, match) : undefined;
    const tier = a.tiers[direction][c];
    if (!tier) {
      if (!np) return undefined;
      const named = new Map<number, PotentialConnection>();
      for (const [r, extra] of np.specific) named.set(r, merge(np.whole, extra));
      return { whole: np.whole, reps: named };
    }
    // Cluster-wide tiers around the NetworkPolicies: what the other end cannot resolve (egress ports by name) is
    // left out, never assumed.
    const ports = direction === "ingress" ? (a.index.classes[c] as EquivalenceClass).pod.ports : [];
    const wholeConn = tieredAllowsWhere(tier, (t) => t.rule.everyPod, ports, np?.whole.conn);
    const candidates = new Set<number>(np?.specific.keys() ?? []);
    for (const t of [...tier.admin, ...tier.baseline]) for (const r of repsOfRule(t.rule)) candidates.add(r);
    const named = new Map<number, PotentialConnection>();
    for (const r of candidates) {
      const npConn = np ? merge(np.whole, np.specific.get(r) ?? NOTHING).conn : undefined;
      const conn = tieredAllowsWhere(tier, (t) => t.rule.everyPod || repsOfRule(t.rule).has(r), ports, npConn);
      named.set(r, { conn, named: [] });
    }
    return { whole: { conn: wholeConn, named: [] }, reps: named };
  };
  const edges: ExposureEdge[] = [];
  const unprotected: { workload: string; direction: TrafficDirection }[] = [];
  const exposed = new Set<string>();
  a.cluster.peers.forEach((peer, i) => {
    const classes = a.index.peerClasses[i] ?? [];
    for (const direction of ["egress", "ingress"] as const) {
      if (!focusedIn(focus, peer.name, direction) || classes.length === 0) continue;
      const edge = (other: ExposurePeer, conn: PotentialConnection) => {
        edges.push({ workload: peer.name, direction, peer: other, conn });
        exposed.add(peer.name);
      };
      // A pod no policy isolates is open to everything; a workload is as open as its most open pod.
      if (classes.some((c) => !a.sides[direction][c] && !a.tiers[direction][c])) {
        unprotected.push({ workload: peer.name, direction });
        edge(ENTIRE_CLUSTER, EVERYTHING);
        continue;
      }
      let whole = NOTHING;
      const views = classes.map((c) => classView(c, direction));
      for (const v of views) if (v) whole = merge(whole, v.whole);
      // Each representative: what each pod of the workload allows it (its own row, or the cluster-wide line).
      const specific = new Map<number, PotentialConnection>();
      for (const v of views) for (const r of v?.reps.keys() ?? []) specific.set(r, NOTHING);
      for (const r of specific.keys()) {
        let conn = NOTHING;
        for (const v of views) if (v) conn = merge(conn, v.reps.get(r) ?? v.whole);
        specific.set(r, conn);
      }
      const wholeFocused = narrowed(whole, focus.conn);
      if (!isNothing(wholeFocused)) edge(ENTIRE_CLUSTER, wholeFocused);
      // Without a focus connection the cluster-wide line is compared as it is; with one, as the focus when it holds it.
      const reference = focus.conn && !isNothing(wholeFocused) ? wholeFocused : whole;
      // A representative no specific rule matches gets exactly the cluster-wide line: no row of its own.
      for (const [r, repConn] of specific) {
        const rep = reps[r] as Representative;
        let conn = repConn;
        if (focus.conn) {
          if (!isSubset(focus.conn.conn, conn.conn)) continue;
          conn = { conn: focus.conn.conn, named: [] };
        }
        // Rows say what the cluster-wide line does not: more, or (an exception carved out of it) less.
        if (same(conn, reference) || (isNothing(whole) && isNothing(conn))) continue;
        edge({ kind: "representative", name: rep.name, representative: rep }, conn);
      }
    }
  });
  // Connections with external ranges belong to the exposure of the workloads exposed otherwise.
  for (const c of focused) {
    if (c.src.endsWith(EXTERNAL_SUFFIX) && exposed.has(c.dst))
      edges.push({
        workload: c.dst,
        direction: "ingress",
        peer: { kind: "external", name: c.src },
        conn: { conn: c.conn, named: [] },
      });
    if (c.dst.endsWith(EXTERNAL_SUFFIX) && exposed.has(c.src))
      edges.push({
        workload: c.src,
        direction: "egress",
        peer: { kind: "external", name: c.dst },
        conn: { conn: c.conn, named: [] },
      });
  }
  const byWorkloadThenPeer = (x: ExposureEdge, y: ExposureEdge) =>
    compareStrings(x.workload, y.workload) || compareStrings(x.peer.name, y.peer.name);
  return {
    connections: focused,
    ...(focus.conn ? { focusConn: focus.conn } : {}),
    workloads: [...exposed].sort(compareStrings),
    egress: edges.filter((e) => e.direction === "egress").sort(byWorkloadThenPeer),
    ingress: edges.filter((e) => e.direction === "ingress").sort(byWorkloadThenPeer),
    unprotected: unprotected.sort(
      (x, y) => compareStrings(x.workload, y.workload) || compareStrings(x.direction, y.direction),
    ),
    diagnostics: focus.warnings,
  };
}
