// JSON arrays with two-space indentation, connection sets as text.
import { formatConnectionSet } from "../engine/connection-set.js";
import type { DirectionExplanation } from "../engine/explain.js";
import type { Formatter } from "./types.js";

const direction = (d: DirectionExplanation) => ({
  direction: d.direction,
  governed: d.governed,
  isolatedBy: d.isolatedBy,
  allowed: formatConnectionSet(d.allowed),
  rules: d.rules.map((r) => ({ policy: r.policy, rule: r.rule, conn: formatConnectionSet(r.conn) })),
  ...(d.clusterRules && d.clusterRules.length > 0
    ? {
        clusterRules: d.clusterRules.map((r) => ({
          policy: r.policy,
          tier: r.tier,
          rule: r.rule,
          ...(r.name !== undefined ? { name: r.name } : {}),
          action: r.action,
          conn: formatConnectionSet(r.conn),
        })),
      }
    : {}),
  ...(d.ingressObjects
    ? {
        ingressObjects: d.ingressObjects.map((o) => ({
          kind: o.kind,
          name: o.name,
          service: o.service,
          conn: formatConnectionSet(o.conn),
        })),
      }
    : {}),
});

/** JSON: `[{src, dst, conn}]`, or with explanations `[{src, dst, conn, egress, ingress}]`; no trailing newline. */
export const jsonFormatter: Formatter = {
  format: "json",
  extension: "json",
  connections: (list) =>
    JSON.stringify(
      list.map((c) => ({ src: c.src, dst: c.dst, conn: formatConnectionSet(c.conn) })),
      null,
      2,
    ),
  explanations: (list) =>
    JSON.stringify(
      list.map((e) => ({
        src: e.src,
        dst: e.dst,
        conn: formatConnectionSet(e.conn),
        egress: direction(e.egress),
        ingress: direction(e.ingress),
      })),
      null,
      2,
    ),
};
