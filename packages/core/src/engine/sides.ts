// What each class's policies allow, per direction, indexed by the peer on the other side.

import type { ContainerPort } from "../workloads.js";
import { type ClassIndex, candidates, type EquivalenceClass } from "./classes.js";
import { type ConnectionSet, isEmpty, NO_CONNECTIONS, union } from "./connection-set.js";
import type { ExternalAtom } from "./externals.js";
import type { CompiledPeer, CompiledPolicy, PortSpec } from "./policies.js";
import { resolvePorts } from "./policies.js";

/** What one class admits (ingress) or may send (egress) once some policy isolates it in that direction. */
export interface Side {
  /** Allowed toward/from every peer (rules without `from`/`to`); named ports unresolved for egress. */
  any: PortSpec;
  /** Allowed per class on the other side, named ports already resolved. */
  readonly byClass: Map<number, ConnectionSet>;
  /** Allowed per external range on the other side. */
  readonly byAtom: Map<number, ConnectionSet>;
}

/** Per-class sides; `undefined` where no policy isolates the class in that direction. */
export interface Sides {
  /** Ingress side of each class. */
  readonly ingress: (Side | undefined)[];
  /** Egress side of each class. */
  readonly egress: (Side | undefined)[];
}

const add = (map: Map<number, ConnectionSet>, key: number, conn: ConnectionSet) => {
  if (isEmpty(conn)) return;
  const prev = map.get(key);
  map.set(key, prev ? union(prev, conn) : conn);
};

const newSide = (): Side => ({ any: { numeric: NO_CONNECTIONS, named: [] }, byClass: new Map(), byAtom: new Map() });

const addAny = (side: Side, spec: PortSpec) => {
  side.any = { numeric: union(side.any.numeric, spec.numeric), named: [...side.any.named, ...spec.named] };
};

/** The ids of atoms lying inside an ipBlock peer's ranges. */
export function atomsOf(peer: CompiledPeer, atoms: readonly ExternalAtom[]): number[] {
  if (peer.type !== "ipBlock") return [];
  return atoms
    .filter((a) => peer.ranges.some((r) => r.family === a.range.family && r.lo <= a.range.lo && a.range.hi <= r.hi))
    .map((a) => a.id);
}

/** Builds ingress and egress sides of every class from the policies. */
export function buildSides(
  policies: readonly CompiledPolicy[],
  index: ClassIndex,
  match: (peer: CompiledPeer) => readonly number[],
  ingressAtoms: readonly ExternalAtom[],
  egressAtoms: readonly ExternalAtom[],
): Sides {
  const ingress: (Side | undefined)[] = index.classes.map(() => undefined);
  const egress: (Side | undefined)[] = index.classes.map(() => undefined);
  const atomCache = new Map<string, number[]>();
  const atomsFor = (peer: CompiledPeer, dir: "in" | "out") => {
    const key = `${dir}${peer.key}`;
    let ids = atomCache.get(key);
    if (!ids) {
      ids = atomsOf(peer, dir === "in" ? ingressAtoms : egressAtoms);
      atomCache.set(key, ids);
    }
    return ids;
  };
  const portsOf = (id: number): readonly ContainerPort[] => (index.classes[id] as EquivalenceClass).pod.ports;
  for (const policy of policies) {
    const selected = candidates(index, policy.namespace, policy.selectsLabels).filter((id) =>
      policy.selects((index.classes[id] as EquivalenceClass).pod.labels),
    );
    for (const d of selected) {
      if (!policy.ingressIsolates) break;
      const side = ingress[d] ?? newSide();
      ingress[d] = side;
      for (const rule of policy.ingress) {
        const conn = resolvePorts(rule.ports, portsOf(d));
        if (isEmpty(conn)) continue;
        if (!rule.peers) addAny(side, { numeric: conn, named: [] });
        else
          for (const peer of rule.peers) {
            for (const s of match(peer)) add(side.byClass, s, conn);
            for (const a of atomsFor(peer, "in")) add(side.byAtom, a, conn);
          }
      }
    }
    for (const s of selected) {
      if (!policy.egressIsolates) break;
      const side = egress[s] ?? newSide();
      egress[s] = side;
      for (const rule of policy.egress) {
        if (!rule.peers) {
          addAny(side, rule.ports);
          continue;
        }
        for (const peer of rule.peers) {
          for (const d of match(peer)) add(side.byClass, d, resolvePorts(rule.ports, portsOf(d)));
          for (const a of atomsFor(peer, "out")) add(side.byAtom, a, rule.ports.numeric);
        }
      }
    }
  }
  return { ingress, egress };
}

/** True when a side's rules without peers allow something (before resolving named ports). */
export function hasAny(side: Side): boolean {
  return !isEmpty(side.any.numeric) || side.any.named.length > 0;
}
