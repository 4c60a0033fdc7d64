// What a set of NetworkPolicy objects MEANS, independent of how it is written: names ignored, policyTypes
// explicit, protocol TCP by default, each direction expanded to a set of (peer, port) atoms so that list order,
// rule grouping and redundant atoms do not matter. Policies are additive, so policies selecting the same pods in
// the same namespace are one meaning (their types and atoms united): splitting or merging them changes nothing.
// Written for the tests, independently of @netpol/core.

type Json = Record<string, unknown>;

/** One policy's meaning. */
export interface Meaning {
  namespace: string;
  podSelector: string;
  policyTypes: string[];
  ingress: string[];
  egress: string[];
}

const NAME_LABEL = "kubernetes.io/metadata.name";

function canonSelector(sel: unknown): string {
  const s = (sel ?? {}) as Json;
  const labels = Object.entries((s.matchLabels ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1));
  const exprs = ((s.matchExpressions ?? []) as Json[])
    .map((e) => {
      const values = Array.isArray(e.values) && e.values.length > 0 ? [...new Set(e.values as string[])].sort() : [];
      return `${e.key} ${e.operator} (${values.join(",")})`;
    })
    .sort();
  return `{${[...new Set([...labels.map(([k, v]) => `${k}=${v}`), ...exprs])].join(", ")}}`;
}

function canonPeer(peer: Json, policyNamespace: string): string {
  if (peer.ipBlock) {
    const b = peer.ipBlock as Json;
    const except = ((b.except ?? []) as string[]).slice().sort();
    return `ip ${b.cidr}${except.length ? ` except ${except.join(",")}` : ""}`;
  }
  // No namespaceSelector: pods of the policy's own namespace (spelled as the name label, as it would match).
  const ns =
    peer.namespaceSelector === undefined
      ? canonSelector({ matchLabels: { [NAME_LABEL]: policyNamespace || "<policy namespace>" } })
      : canonSelector(peer.namespaceSelector);
  return `pods ${canonSelector(peer.podSelector)} in namespaces ${ns}`;
}

function canonPort(port: Json): string {
  const protocol = (port.protocol as string | undefined) ?? "TCP";
  if (port.port === undefined || port.port === null) return `${protocol} *`;
  const end = port.endPort !== undefined && port.endPort !== port.port ? `-${port.endPort}` : "";
  return `${protocol} ${port.port}${end}`;
}

/** Atoms of one direction. */
function atoms(rules: Json[] | undefined, peersKey: "from" | "to", policyNamespace: string): string[] {
  const out = new Set<string>();
  for (const rule of rules ?? []) {
    const peers = (rule[peersKey] ?? []) as Json[];
    const ports = (rule.ports ?? []) as Json[];
    const ps = peers.length === 0 ? ["*"] : peers.map((p) => canonPeer(p, policyNamespace));
    const qs = ports.length === 0 ? ["*"] : ports.map(canonPort);
    for (const p of ps) for (const q of qs) out.add(`${p} | ${q}`);
  }
  return [...out];
}

/** The atoms without those implied by broader ones, sorted. */
function pruned(atomList: readonly string[]): string[] {
  const out = new Set(atomList);
  return [...out]
    .filter((a) => {
      const [p, q] = a.split(" | ") as [string, string];
      const covered = [`* | ${q}`, `${p} | *`, "* | *"].filter((c) => c !== a);
      return !covered.some((c) => out.has(c));
    })
    .sort();
}

/** The meaning of one NetworkPolicy object. */
export function meaning(policy: Json): Meaning {
  const metadata = (policy.metadata ?? {}) as Json;
  const spec = (policy.spec ?? {}) as Json;
  const namespace = (metadata.namespace as string | undefined) ?? "";
  const explicit = spec.policyTypes as string[] | undefined;
  const egressRules = spec.egress as Json[] | undefined;
  const types =
    explicit && explicit.length > 0
      ? [...new Set(explicit)].sort()
      : ["Ingress", ...(egressRules && egressRules.length > 0 ? ["Egress"] : [])];
  return {
    namespace,
    podSelector: canonSelector(spec.podSelector),
    policyTypes: types,
    ingress: types.includes("Ingress") ? pruned(atoms(spec.ingress as Json[] | undefined, "from", namespace)) : [],
    egress: types.includes("Egress") ? pruned(atoms(egressRules, "to", namespace)) : [],
  };
}

/** The meaning of every NetworkPolicy among synthesized objects, one per selected pods, in a stable order. */
export function meanings(objects: readonly unknown[]): Meaning[] {
  const bySelection = new Map<string, Meaning>();
  for (const o of objects) {
    if ((o as Json).kind !== "NetworkPolicy") continue;
    const m = meaning(o as Json);
    const key = `${m.namespace} ${m.podSelector}`;
    const seen = bySelection.get(key);
    if (!seen) bySelection.set(key, m);
    else
      bySelection.set(key, {
        ...m,
        policyTypes: [...new Set([...seen.policyTypes, ...m.policyTypes])].sort(),
        ingress: pruned([...seen.ingress, ...m.ingress]),
        egress: pruned([...seen.egress, ...m.egress]),
      });
  }
  return [...bySelection.values()].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
