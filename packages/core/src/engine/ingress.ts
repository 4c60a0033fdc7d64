// The ingress controller as a peer: what Ingress and Route objects let it open toward each workload, narrowed by the
// workloads' ingress policies (as netpol-analyzer intersects them), the objects behind each connection, and warnings
// for backends that reach nothing.
import { type Diagnostic, DiagnosticBag } from "../errors.js";
import { type ObjectSource, positioned } from "../manifests/read.js";
import { compareStrings } from "../text.js";
import type { Sourced } from "./cluster.js";
import { type ConnectionSet, intersect, isEmpty, NO_CONNECTIONS, union } from "./connection-set.js";
import type { Connection } from "./connections.js";
import { type Analysis, endpointConnection, ingressAllows } from "./evaluate.js";
import { INGRESS_CONTROLLER, type IngressPath } from "./ingress-plan.js";

/** An Ingress or Route that lets the ingress controller reach a workload through a Service. */
export interface IngressObjectContribution {
  /** `Ingress` or `Route`. */
  readonly kind: "Ingress" | "Route";
  /** The object, `namespace/name`. */
  readonly name: string;
  /** The Service it goes through, in the object's namespace. */
  readonly service: string;
  /** The TCP ports it exposes on the workload (before policies). */
  readonly conn: ConnectionSet;
}

/** What the paths expose on one pod class, before policies. */
function exposed(paths: readonly IngressPath[], cls: number): ConnectionSet {
  let out = NO_CONNECTIONS;
  for (const p of paths) if (p.class === cls) out = union(out, p.conn);
  return out;
}

/** What the ingress controller may open toward one pod class along `paths`: what they expose, as policies allow. */
function towardClass(a: Analysis, paths: readonly IngressPath[], cls: number): ConnectionSet {
  const controller = a.ingress.controller;
  const conn = exposed(paths, cls);
  if (controller === undefined || isEmpty(conn)) return NO_CONNECTIONS;
  return intersect(conn, endpointConnection(a, { class: controller }, { class: cls }));
}

/** What the ingress controller may open toward a pod class: what Ingress and Route objects expose, as policies allow. */
export function ingressControllerToClass(a: Analysis, cls: number): ConnectionSet {
  return towardClass(a, a.ingress.paths, cls);
}

/** What the ingress of a pod class admits from the ingress controller of what the objects expose (egress aside). */
export function ingressAdmitted(a: Analysis, cls: number): ConnectionSet {
  const controller = a.ingress.controller;
  const conn = exposed(a.ingress.paths, cls);
  if (controller === undefined || isEmpty(conn)) return NO_CONNECTIONS;
  return intersect(conn, ingressAllows(a, cls, { class: controller }));
}

/** What the ingress controller may open toward a peer: the union over its pod classes. */
function ingressControllerToPeer(a: Analysis, peer: number): ConnectionSet {
  let out = NO_CONNECTIONS;
  for (const cls of a.index.peerClasses[peer] ?? []) out = union(out, ingressControllerToClass(a, cls));
  return out;
}

/** Indices of the peers some Ingress or Route names through a Service, in peer order. */
export function ingressTargets(a: Analysis): number[] {
  return [...new Set(a.ingress.paths.map((p) => p.peer))].sort((x, y) => x - y);
}

/** The connections from the ingress controller, sorted by destination. */
export function ingressConnections(a: Analysis): Connection[] {
  return ingressTargets(a)
    .map((peer) => ({
      src: INGRESS_CONTROLLER,
      dst: a.cluster.peers[peer]?.name ?? "",
      conn: ingressControllerToPeer(a, peer),
    }))
    .filter((c) => !isEmpty(c.conn))
    .sort((x, y) => compareStrings(x.dst, y.dst));
}

const objectName = (s: Sourced<{ namespace: string; name: string }>) => `${s.model.namespace}/${s.model.name}`;

/** The Ingress and Route objects (and Services) that expose a peer to the ingress controller, sorted. */
export function ingressContributions(a: Analysis, peer: number): IngressObjectContribution[] {
  const byKey = new Map<string, IngressObjectContribution>();
  for (const p of a.ingress.paths) {
    if (p.peer !== peer) continue;
    const { source, service } = p.backend;
    const c = { kind: source.model.kind, name: objectName(source), service, conn: p.conn };
    const key = `${c.kind}\u0000${c.name}\u0000${service}`;
    const prev = byKey.get(key);
    byKey.set(key, prev ? { ...prev, conn: union(prev.conn, c.conn) } : c);
  }
  return [...byKey.values()].sort(
    (x, y) => compareStrings(x.kind, y.kind) || compareStrings(x.name, y.name) || compareStrings(x.service, y.service),
  );
}

/**
 * Warnings about Services and ingress objects: a Service without selector, backends that are not Services, and each
 * backend that reaches nothing (no such Service, no workload selected, no such port, no container serving it, or
 * policies admitting none of it), positioned at the object.
 */
export function ingressWarnings(a: Analysis, sources: ReadonlyMap<unknown, ObjectSource> | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const put = (bag: DiagnosticBag, object: unknown) => {
    for (const d of bag.items) out.push(positioned(d, object, sources?.get(object)));
  };
  for (const { model, object } of a.cluster.services)
    if (model.selector === undefined) {
      const bag = new DiagnosticBag();
      bag.warn("service-without-selector", [], {});
      put(bag, object);
    }
  for (const { model, object } of a.cluster.ingresses) {
    const bag = new DiagnosticBag();
    for (const path of model.ignored) bag.warn("ingress-backend-ignored", path, { kind: model.kind });
    put(bag, object);
  }
  for (const backend of a.ingress.plan.backends) {
    const bag = new DiagnosticBag();
    const port = backend.port === undefined ? undefined : String(backend.port);
    const args = { service: backend.service, ...(port === undefined ? {} : { port }) };
    if (backend.unreached) bag.warn("ingress-backend-unreached", backend.path, { ...args, why: backend.unreached });
    else
      for (const peer of backend.peers) {
        const paths = a.ingress.paths.filter((p) => p.backend === backend && p.peer === peer);
        const workload = a.cluster.peers[peer]?.name ?? "";
        if (paths.every((p) => isEmpty(p.conn)))
          bag.warn("ingress-backend-unreached", backend.path, { ...args, why: "unserved", workload });
        else if (paths.every((p) => isEmpty(towardClass(a, [p], p.class))))
          bag.warn("ingress-backend-unreached", backend.path, { ...args, why: "blocked", workload });
      }
    put(bag, backend.source.object);
  }
  return out;
}
