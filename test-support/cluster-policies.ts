// Cluster-wide policy objects (ClusterNetworkPolicy v1alpha2, AdminNetworkPolicy and BaselineAdminNetworkPolicy
// v1alpha1) from the shared conformance data, and a normal form of their meaning. Written independently of
// @netpol/core, from the API's documented semantics, so tests never check the code with itself: two objects have the
// same normal form only when they mean the same. The rewrites, each one that keeps the meaning:
//   - metadata is name, labels and annotations (a cluster-scoped object has no namespace; status is not the policy);
//   - a missing podSelector (or v1alpha1 namespaceSelector) is {} (as Go decodes it); pods of every pod of some
//     namespaces are those namespaces; a selector's empty parts go, its labels, expressions and values are sorted;
//   - an empty rule name is none; within a rule (any peer or protocol matching is enough) peers and protocols are
//     sorted and kept once, and a networks or domainNames set is sorted;
//   - a v1alpha1 port's protocol defaults to TCP; a v1alpha1 range of one port is that port.
// Rules are never reordered: the first that matches decides.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

/** The shared conformance data: `../shared/conformance` beside the repository, or $NETPOL_CONFORMANCE. */
export const CONFORMANCE_DIR =
  process.env.NETPOL_CONFORMANCE ?? resolve(fileURLToPath(import.meta.url), "..", "..", "..", "shared", "conformance");

/** The kinds of cluster-wide policies. */
export const CLUSTER_KINDS = ["ClusterNetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy"];

type Json = Record<string, unknown>;

/** One cluster-wide policy object of the data, with the file it is in. */
export interface DataPolicy {
  /** The file, relative to the conformance folder. */
  readonly file: string;
  /** Its kind. */
  readonly kind: string;
  /** Its name. */
  readonly name: string;
  /** The object as parsed (YAML 1.1, as Kubernetes reads it). */
  readonly object: Json;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const path = join(dir, e);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(e) ? [path] : [];
    });
}

/** Every cluster-wide policy object under the given folders of the conformance data (`cnp`, `np-guard-anp`). */
export function clusterPolicyObjects(folders: readonly string[]): DataPolicy[] {
  const out: DataPolicy[] = [];
  for (const folder of folders)
    for (const file of yamlFiles(join(CONFORMANCE_DIR, folder)))
      for (const doc of parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1" })) {
        const object = (Array.isArray(doc) ? undefined : doc.toJS()) as Json | null | undefined;
        if (!object || typeof object !== "object" || !CLUSTER_KINDS.includes(String(object.kind))) continue;
        const name = String((object.metadata as Json | undefined)?.name);
        out.push({ file: relative(CONFORMANCE_DIR, file), kind: String(object.kind), name, object });
      }
  return out;
}

const byJson = (a: unknown, b: unknown) => {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};
const uniqueSorted = <T>(items: readonly T[]): T[] =>
  [...new Map(items.map((i) => [JSON.stringify(i), i])).values()].sort(byJson);

function selector(sel: unknown): Json {
  const s = (sel ?? {}) as Json;
  const out: Json = {};
  const labels = (s.matchLabels ?? {}) as Record<string, string>;
  if (Object.keys(labels).length > 0)
    out.matchLabels = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const expressions = ((s.matchExpressions ?? []) as Json[]).map((e) => ({
    key: e.key,
    operator: e.operator,
    ...(e.operator === "In" || e.operator === "NotIn"
      ? { values: [...new Set((e.values ?? []) as string[])].sort() }
      : {}),
  }));
  if (expressions.length > 0) out.matchExpressions = uniqueSorted(expressions);
  return out;
}

function peer(p: Json): Json {
  if (p.namespaces !== undefined) return { namespaces: selector(p.namespaces) };
  if (p.pods !== undefined) {
    const pods = p.pods as Json;
    const podSelector = selector(pods.podSelector);
    const namespaces = selector(pods.namespaceSelector);
    return Object.keys(podSelector).length === 0
      ? { namespaces }
      : { pods: { namespaceSelector: namespaces, podSelector } };
  }
  if (p.nodes !== undefined) return { nodes: selector(p.nodes) };
  if (p.networks !== undefined) return { networks: [...new Set(p.networks as string[])].sort() };
  if (p.domainNames !== undefined) return { domainNames: [...new Set(p.domainNames as string[])].sort() };
  return p;
}

function port(p: Json, version: string): Json {
  if (version === "v1alpha2") return p;
  const number = p.portNumber as Json | undefined;
  if (number) return { portNumber: { protocol: number.protocol ?? "TCP", port: number.port } };
  const range = p.portRange as Json | undefined;
  if (range) {
    const protocol = range.protocol ?? "TCP";
    return range.start === range.end
      ? { portNumber: { protocol, port: range.start } }
      : { portRange: { protocol, start: range.start, end: range.end } };
  }
  return p;
}

function rule(r: Json, version: string): Json {
  const out: Json = {};
  if (typeof r.name === "string" && r.name !== "") out.name = r.name;
  out.action = r.action;
  for (const key of ["from", "to"]) if (r[key] !== undefined) out[key] = uniqueSorted((r[key] as Json[]).map(peer));
  for (const key of ["protocols", "ports"])
    if (r[key] !== undefined) out[key] = uniqueSorted((r[key] as Json[]).map((p) => port(p, version)));
  return out;
}

/** The normal form of a cluster-wide policy object's meaning (see the top of this file). */
export function normalClusterPolicy(object: unknown): Json {
  const o = object as Json;
  const version = String(o.apiVersion).split("/")[1] ?? "";
  const meta = (o.metadata ?? {}) as Json;
  const spec = (o.spec ?? {}) as Json;
  const metadata: Json = { name: meta.name };
  for (const key of ["labels", "annotations"])
    if (meta[key] && Object.keys(meta[key] as Json).length > 0)
      metadata[key] = selector({ matchLabels: meta[key] }).matchLabels;
  const out: Json = {};
  for (const key of ["tier", "priority"]) if (spec[key] !== undefined) out[key] = spec[key];
  out.subject = peer((spec.subject ?? {}) as Json);
  for (const key of ["ingress", "egress"])
    if (Array.isArray(spec[key]) && (spec[key] as Json[]).length > 0)
      out[key] = (spec[key] as Json[]).map((r) => rule(r, version));
  return { apiVersion: o.apiVersion, kind: o.kind, metadata, spec: out };
}
