// Checks a rendered object against the Kubernetes schema (kubernetes-models) plus the range checks the
// schema lacks. Written independently of @netpol/core so tests never validate the code with itself.
import { isIP } from "node:net";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";

const SVC_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

type Json = Record<string, unknown>;

function cidrProblem(cidr: unknown): string | undefined {
  if (typeof cidr !== "string") return "not a string";
  const [addr, prefix, ...rest] = cidr.split("/");
  const family = isIP(addr ?? "");
  if (rest.length > 0 || prefix === undefined || family === 0) return `bad CIDR ${cidr}`;
  const n = Number(prefix);
  if (!/^\d+$/.test(prefix) || n > (family === 4 ? 32 : 128)) return `bad prefix in ${cidr}`;
  return undefined;
}

/** Every problem the API server would report for this NetworkPolicy (empty when valid). */
export function networkPolicyProblems(obj: unknown): string[] {
  const problems: string[] = [];
  try {
    new NetworkPolicy(obj as never).validate();
  } catch (e) {
    problems.push(String((e as Error).message));
  }
  const o = obj as Json;
  const name = (o.metadata as Json | undefined)?.name;
  if (typeof name !== "string" || name.length > 253 || !DNS_SUBDOMAIN.test(name))
    problems.push(`bad name ${String(name)}`);
  const spec = (o.spec ?? {}) as Json;
  for (const dir of ["ingress", "egress"] as const) {
    for (const rule of (spec[dir] ?? []) as Json[]) {
      for (const port of (rule.ports ?? []) as Json[]) {
        const p = port.port;
        if (typeof p === "number" && (p < 1 || p > 65535 || !Number.isInteger(p)))
          problems.push(`port ${p} out of range`);
        if (typeof p === "string" && !SVC_NAME.test(p)) problems.push(`bad named port ${p}`);
        if (port.endPort !== undefined) {
          if (typeof p !== "number") problems.push("endPort without numeric port");
          else if ((port.endPort as number) < p || (port.endPort as number) > 65535) problems.push("bad endPort");
        }
      }
      for (const peer of (rule[dir === "ingress" ? "from" : "to"] ?? []) as Json[]) {
        const block = peer.ipBlock as Json | undefined;
        if (!block) continue;
        const bad = cidrProblem(block.cidr);
        if (bad) problems.push(bad);
        for (const e of (block.except ?? []) as unknown[]) {
          const b = cidrProblem(e);
          if (b) problems.push(b);
        }
      }
    }
  }
  return problems;
}
