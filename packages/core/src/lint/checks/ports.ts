// Checks about ports: named ports nothing defines or that meet ipBlocks, port ranges, and port names used twice.
import { type Diagnostic, type DiagnosticPath, formatPath } from "../../errors.js";
import { isRecord } from "../../input.js";
import type { LintContext } from "../context.js";
import { eachEntry } from "./shared.js";

/** Named ports no pod at the receiving end defines: the analysis's own warning. */
export function namedPortUndefined(ctx: LintContext): Diagnostic[] {
  return ctx.analysisWarnings.filter((d) => d.code === "named-port-undefined");
}

/** Port numbers no container at the receiving end listens on: the analysis's own warning. */
export function portUnserved(ctx: LintContext): Diagnostic[] {
  return ctx.analysisWarnings.filter((d) => d.code === "port-unserved");
}

/** Egress named ports toward ipBlocks (a name means nothing to an address): the analysis's own warning. */
export function namedPortIpBlock(ctx: LintContext): Diagnostic[] {
  return ctx.analysisWarnings.filter((d) => d.code === "named-port-ipblock");
}

/** Port ranges (`endPort`): their enforcement depends on the network plugin. */
export function endPortCni(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  eachEntry(ctx.policies, "ports", (p, path, policy) => {
    if (p.endPort !== undefined && typeof p.port === "number")
      out.push(ctx.found("end-port-cni", policy.object, [...path, "endPort"], { port: p.port, endPort: p.endPort }));
  });
  return out;
}

/** Where a kind keeps its pod spec. */
function podSpecPath(kind: string): DiagnosticPath {
  if (kind === "Pod") return ["spec"];
  if (kind === "CronJob") return ["spec", "jobTemplate", "spec", "template", "spec"];
  return ["spec", "template", "spec"];
}

/** Container port names given twice in one pod (across its containers, or in one). */
export function duplicatePortName(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const o of ctx.objects) {
    if (o.category !== "pod" && o.category !== "workload") continue;
    const at = podSpecPath(o.kind);
    let spec: unknown = o.value;
    for (const key of at) spec = isRecord(spec) ? spec[key] : undefined;
    const containers = isRecord(spec) && Array.isArray(spec.containers) ? spec.containers : [];
    const first = new Map<string, DiagnosticPath>();
    containers.forEach((c, i) => {
      const ports = isRecord(c) && Array.isArray(c.ports) ? c.ports : [];
      ports.forEach((p, j) => {
        const name = isRecord(p) ? p.name : undefined;
        if (typeof name !== "string") return;
        const path = [...at, "containers", i, "ports", j, "name"];
        const earlier = first.get(name);
        if (earlier === undefined) first.set(name, path);
        else
          out.push(
            ctx.found("duplicate-port-name", o.raw, path, {
              name,
              first: ctx.placeOf(o.raw, earlier) ?? formatPath(earlier),
            }),
          );
      });
    });
  }
  return out;
}
