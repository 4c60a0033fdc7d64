// Why a connection is allowed or denied: a slower path that walks the policies for one pair.
import { ipsInRanges } from "./classes.js";
import { ALL_CONNECTIONS, type ConnectionSet, intersect, NO_CONNECTIONS, union } from "./connection-set.js";
import type { Analysis, Endpoint } from "./evaluate.js";
import { type CompiledPeer, type CompiledPolicy, type CompiledRule, resolvePorts } from "./policies.js";

/** A traffic direction as written in `policyTypes`. */
export type Direction = "Ingress" | "Egress";

/** One rule that allows part of a connection. */
export interface RuleContribution {
  /** The policy, `namespace/name`. */
  readonly policy: string;
  /** The direction of the rule. */
  readonly direction: Direction;
  /** 0-based index of the rule in the policy's `ingress` or `egress` list. */
  readonly rule: number;
  /** What the rule allows for this pair (empty when its named ports do not resolve). */
  readonly conn: ConnectionSet;
}

/** How one direction (the source's egress or the destination's ingress) treats a pair. */
export interface DirectionExplanation {
  /** `Egress` (decided by the source's policies) or `Ingress` (by the destination's). */
  readonly direction: Direction;
  /** False when the deciding side is an external address, which no policy governs. */
  readonly governed: boolean;
  /** Policies that select the deciding side for this direction; empty means all is allowed by default. */
  readonly isolatedBy: readonly string[];
  /** Rules whose peers match the other side. */
  readonly rules: readonly RuleContribution[];
  /** What this direction allows. */
  readonly allowed: ConnectionSet;
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

function peerMatches(a: Analysis, peer: CompiledPeer, other: Endpoint, atoms: "in" | "out"): boolean {
  if ("atom" in other) {
    if (peer.type !== "ipBlock") return false;
    const list = atoms === "in" ? a.externals.ingress : a.externals.egress;
    const range = list[other.atom]?.range;
    return !!range && peer.ranges.some((r) => r.family === range.family && r.lo <= range.lo && range.hi <= r.hi);
  }
  const cls = a.index.classes[other.class];
  if (!cls) return false;
  if (peer.type === "ipBlock") return ipsInRanges(cls.pod.ips, peer.ranges);
  const nsOk =
    typeof peer.namespace === "string" ? peer.namespace === cls.namespace : peer.namespace(cls.namespaceLabels);
  return nsOk && peer.pods(cls.pod.labels);
}

/** Explains one direction for a class (`subject`) facing `other`. */
export function explainDirection(
  a: Analysis,
  direction: Direction,
  subject: Endpoint,
  other: Endpoint,
): DirectionExplanation {
  if (!("class" in subject)) return { direction, governed: false, isolatedBy: [], rules: [], allowed: ALL_CONNECTIONS };
  const cls = a.index.classes[subject.class];
  const isolatedBy: string[] = [];
  const rules: RuleContribution[] = [];
  // Named ports resolve against the destination: the subject for ingress, the other side for egress.
  const dstPorts =
    direction === "Ingress" ? cls?.pod.ports : "class" in other ? a.index.classes[other.class]?.pod.ports : [];
  for (const policy of a.cluster.policies as CompiledPolicy[]) {
    if (!cls || policy.namespace !== cls.namespace || !policy.selects(cls.pod.labels)) continue;
    if (direction === "Ingress" ? !policy.ingressIsolates : !policy.egressIsolates) continue;
    isolatedBy.push(policy.id);
    const list: readonly CompiledRule[] = direction === "Ingress" ? policy.ingress : policy.egress;
    for (const rule of list) {
      const hit =
        !rule.peers || rule.peers.some((p) => peerMatches(a, p, other, direction === "Ingress" ? "in" : "out"));
      if (hit)
        rules.push({ policy: policy.id, direction, rule: rule.index, conn: resolvePorts(rule.ports, dstPorts ?? []) });
    }
  }
  const allowed =
    isolatedBy.length === 0 ? ALL_CONNECTIONS : rules.reduce((acc, r) => union(acc, r.conn), NO_CONNECTIONS);
  return { direction, governed: true, isolatedBy, rules, allowed };
}

/** Explains one endpoint pair (names are filled in by the caller). */
export function explainEndpoints(a: Analysis, src: Endpoint, dst: Endpoint): Omit<PairExplanation, "src" | "dst"> {
  const egress = explainDirection(a, "Egress", src, dst);
  const ingress = explainDirection(a, "Ingress", dst, src);
  return { conn: intersect(egress.allowed, ingress.allowed), egress, ingress };
}

function mergeDirection(x: DirectionExplanation, y: DirectionExplanation): DirectionExplanation {
  const isolatedBy = [...new Set([...x.isolatedBy, ...y.isolatedBy])];
  const rules = new Map<string, RuleContribution>();
  for (const r of [...x.rules, ...y.rules]) {
    const key = `${r.policy}\u0000${r.rule}`;
    const prev = rules.get(key);
    rules.set(key, prev ? { ...prev, conn: union(prev.conn, r.conn) } : r);
  }
  return {
    direction: x.direction,
    governed: x.governed || y.governed,
    isolatedBy,
    rules: [...rules.values()],
    allowed: union(x.allowed, y.allowed),
  };
}

/** Merges explanations of several class pairs that make up one peer pair. */
export function mergeExplanations(
  parts: readonly Omit<PairExplanation, "src" | "dst">[],
): Omit<PairExplanation, "src" | "dst"> {
  const [first, ...rest] = parts;
  if (!first) {
    const none: DirectionExplanation = {
      direction: "Egress",
      governed: false,
      isolatedBy: [],
      rules: [],
      allowed: NO_CONNECTIONS,
    };
    return { conn: NO_CONNECTIONS, egress: none, ingress: { ...none, direction: "Ingress" } };
  }
  return rest.reduce(
    (acc, p) => ({
      conn: union(acc.conn, p.conn),
      egress: mergeDirection(acc.egress, p.egress),
      ingress: mergeDirection(acc.ingress, p.ingress),
    }),
    first,
  );
}
