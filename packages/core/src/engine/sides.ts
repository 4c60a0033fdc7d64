// What each class's policies allow, per direction, indexed by the peer on the other side.
import type { TrafficDirection } from "../data.js";
import type { ContainerPort } from "../workloads.js";
import type { ClassIndex, EquivalenceClass } from "./classes.js";
import { type ConnectionSet, isEmpty, NO_CONNECTIONS, union } from "./connection-set.js";
import type { Matcher } from "./matching.js";
import { type CompiledPolicy, type PortSpec, resolvePorts } from "./policies.js";

/** What one class admits (ingress) or may send (egress) once some policy isolates it in that direction. */
export interface Side {
  /** Allowed toward/from every peer (rules without `from`/`to`); named ports unresolved for egress. */
  any: PortSpec;
  /** Allowed per class on the other side, named ports already resolved. */
  readonly byClass: Map<number, ConnectionSet>;
  /** Allowed per external range on the other side. */
  readonly byAtom: Map<number, ConnectionSet>;
  /** Indices (in the cluster's policy list) of the policies isolating the class in this direction. */
  readonly policies: number[];
}

/** Per-class sides; `undefined` where no policy isolates the class in that direction. */
export type Sides = Readonly<Record<TrafficDirection, (Side | undefined)[]>>;

const add = (map: Map<number, ConnectionSet>, key: number, conn: ConnectionSet) => {
  if (isEmpty(conn)) return;
  const prev = map.get(key);
  map.set(key, prev ? union(prev, conn) : conn);
};

const newSide = (): Side => ({
  any: { numeric: NO_CONNECTIONS, named: [] },
  byClass: new Map(),
  byAtom: new Map(),
  policies: [],
});

const addAny = (side: Side, spec: PortSpec) => {
  side.any = { numeric: union(side.any.numeric, spec.numeric), named: [...side.any.named, ...spec.named] };
};

/** Builds ingress and egress sides of every class from the policies. */
export function buildSides(policies: readonly CompiledPolicy[], index: ClassIndex, match: Matcher): Sides {
  const ingress: (Side | undefined)[] = index.classes.map(() => undefined);
  const egress: (Side | undefined)[] = index.classes.map(() => undefined);
  const portsOf = (id: number): readonly ContainerPort[] => (index.classes[id] as EquivalenceClass).pod.ports;
  policies.forEach((policy, p) => {
    const selected = match.selected(policy);
    if (policy.ingressIsolates)
      for (const d of selected) {
        const side = ingress[d] ?? newSide();
        ingress[d] = side;
        side.policies.push(p);
        for (const rule of policy.ingress) {
          // Named ports resolve against the destination: this class.
          const conn = resolvePorts(rule.ports, portsOf(d));
          if (isEmpty(conn)) continue;
          if (!rule.peers) addAny(side, { numeric: conn, named: [] });
          else
            for (const peer of rule.peers) {
              for (const s of match.classes(peer)) add(side.byClass, s, conn);
              for (const a of match.atoms(peer, "ingress")) add(side.byAtom, a, conn);
            }
        }
      }
    if (policy.egressIsolates)
      for (const s of selected) {
        const side = egress[s] ?? newSide();
        egress[s] = side;
        side.policies.push(p);
        for (const rule of policy.egress) {
          if (!rule.peers) {
            addAny(side, rule.ports);
            continue;
          }
          for (const peer of rule.peers) {
            for (const d of match.classes(peer)) add(side.byClass, d, resolvePorts(rule.ports, portsOf(d)));
            for (const a of match.atoms(peer, "egress")) add(side.byAtom, a, rule.ports.numeric);
          }
        }
      }
  });
  return { ingress, egress };
}

/** True when a side's rules without peers allow something (before resolving named ports). */
export function hasAny(side: Side): boolean {
  return !isEmpty(side.any.numeric) || side.any.named.length > 0;
}
