// The ingress verdicts of a pair from the `{ingress-controller}`: traffic must be routed by an Ingress or Route object
// (through a Service) and admitted by the destination's policies. For the analysis of those objects to give its
// reasons in the shape every format already words (IngressObjectReason).
import type { ConnectionSet } from "./connection-set.js";
import { ALL_CONNECTIONS, subtract } from "./connection-set.js";
import { intersectVerdicts, type PortVerdict, unionVerdicts } from "./verdicts.js";

/** One Ingress or Route routing to the destination through a Service, on these ports of the destination. */
export interface IngressRoute {
  /** The object's kind. */
  readonly object: "Ingress" | "Route";
  /** The object, `namespace/name`. */
  readonly name: string;
  /** The Service it routes to. */
  readonly service: string;
  /** The destination's ports it reaches (TCP only, in practice). */
  readonly conn: ConnectionSet;
}

/** What the objects allow: each routes its ports, and names itself on the ports it does not route. */
export function ingressRouteVerdicts(routes: readonly IngressRoute[]): PortVerdict[] {
  return routes
    .map((r): PortVerdict[] => {
      const reason = { kind: "ingress-object", object: r.object, name: r.name, service: r.service } as const;
      return [
        { conn: r.conn, allowed: true, reasons: [{ ...reason, allows: true }] },
        { conn: subtract(ALL_CONNECTIONS, r.conn), allowed: false, reasons: [{ ...reason, allows: false }] },
      ];
    })
    .reduce(unionVerdicts, [{ conn: ALL_CONNECTIONS, allowed: false, reasons: [] }]);
}

/**
 * The ingress verdicts of an `{ingress-controller}` pair: routed by the objects and admitted by the policies. A
 * destination no policy isolates adds no reason of its own (the objects' reasons say it all, as in the reference).
 */
export function throughIngressRoutes(routes: readonly IngressRoute[], policies: readonly PortVerdict[]): PortVerdict[] {
  const ownReasons = policies.map((v) => ({ ...v, reasons: v.reasons.filter((r) => r.kind !== "default") }));
  return intersectVerdicts(ingressRouteVerdicts(routes), ownReasons);
}
