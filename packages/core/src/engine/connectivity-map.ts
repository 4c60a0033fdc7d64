// The library entry point: analyze manifest objects once, then ask about connections.
import { type Diagnostic, diagnostic, NetpolError } from "../errors.js";
import type { ObjectSource } from "../manifests/read.js";
import type { Protocol } from "../render/types.js";
import { buildCluster } from "./cluster.js";
import { ALL_CONNECTIONS, allowsPort, type ConnectionSet, isEmpty, NO_CONNECTIONS, union } from "./connection-set.js";
import { type Connection, listConnections } from "./connections.js";
import { type Analysis, analyzeCluster, type Endpoint, endpointConnection } from "./evaluate.js";
import { explainEndpoints, mergeExplanations, type PairExplanation } from "./explain.js";
import { EXTERNAL_SUFFIX } from "./externals.js";
import { parseIp } from "./ip-ranges.js";

/** Input of `analyzeConnectivity`. */
export interface AnalyzeInput {
  /** Plain manifest objects (Namespaces, Pods, workloads, NetworkPolicies; others are ignored). */
  readonly objects: readonly unknown[];
  /** Where objects came from (as returned by the manifest reader), so diagnostics carry file positions. */
  readonly sources?: ReadonlyMap<unknown, ObjectSource>;
}

/** A peer of the connectivity map. */
export interface PeerInfo {
  /** `namespace/name[Kind]` or `first-last[External]`. */
  readonly name: string;
  /** The workload kind, or `External`. */
  readonly kind: string;
  /** The namespace (absent for external ranges). */
  readonly namespace?: string;
  /** The workload or pod name, or the range `first-last`. */
  readonly workload: string;
}

/** A port question for `canReach`. */
export interface PortQuery {
  /** The destination port; omitted means any port. */
  readonly port?: number;
  /** The protocol; defaults to TCP. */
  readonly protocol?: Protocol;
}

/** Answers about who may talk to whom in one analyzed cluster. */
export interface ConnectivityMap {
  /** Workload peers, then the external ranges that can be sources and destinations, sorted by name. */
  readonly peers: readonly PeerInfo[];
  /** Problems found in the objects: policy validation, and peers whose pods policies treat differently. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every allowed connection between distinct peers, sorted by src then dst. */
  connections(): readonly Connection[];
  /** What `src` may open toward `dst` (names, `ns/name`, unique workload names or IP addresses). */
  allowed(src: string, dst: string): ConnectionSet;
  /** True when `src` may reach `dst` on the given port and protocol (any port when omitted). */
  canReach(src: string, dst: string, query?: PortQuery): boolean;
  /** Which policies and rules allow each part of the connection, or isolate each side. */
  explain(src: string, dst: string): PairExplanation;
  /** Explanations for every ordered pair of distinct peers, except external to external (slow path). */
  explainAll(): readonly PairExplanation[];
  /** The workload peers a name refers to (`ns/name[Kind]`, `ns/name` or a bare name; several when ambiguous). */
  workloadsNamed(name: string): readonly PeerInfo[];
}

/** Workload peers a user's name refers to: `ns/name[Kind]`, else `ns/name`, else a bare workload name. */
function workloadsNamed<P extends { name: string; namespace: string; workload: string }>(
  peers: readonly P[],
  query: string,
): P[] {
  let hits = peers.filter((p) => p.name === query);
  if (hits.length === 0) hits = peers.filter((p) => `${p.namespace}/${p.workload}` === query);
  if (hits.length === 0) hits = peers.filter((p) => p.workload === query);
  return hits;
}

type Resolved = { readonly name: string; readonly endpoints: readonly Endpoint[]; readonly external: boolean };

function resolver(a: Analysis): (query: string, role: "src" | "dst") => Resolved {
  const { peers } = a.cluster;
  return (query, role) => {
    const atoms = role === "src" ? a.externals.ingress : a.externals.egress;
    const atomHit = atoms.find((x) => x.name === query || x.name === `${query}${EXTERNAL_SUFFIX}`);
    if (atomHit) return { name: atomHit.name, endpoints: [{ atom: atomHit.id }], external: true };
    const ip = parseIp(query);
    if (ip) {
      const atom = atoms.find((x) => x.range.family === ip.family && x.range.lo <= ip.lo && ip.hi <= x.range.hi);
      if (atom) return { name: atom.name, endpoints: [{ atom: atom.id }], external: true };
    }
    const hits = workloadsNamed(peers, query);
    const [hit] = hits;
    if (!hit || hits.length > 1) {
      const message =
        hits.length > 1
          ? `peer "${query}" is ambiguous: ${hits.map((h) => h.name).join(", ")}`
          : `no peer named "${query}"`;
      const code = hits.length > 1 ? "peer-ambiguous" : "peer-unknown";
      throw new NetpolError([
        diagnostic({ code, path: role, message, hint: "Use namespace/name[Kind], namespace/name or an IP address" }),
      ]);
    }
    const classes = a.index.peerClasses[peers.indexOf(hit)] ?? [];
    return { name: hit.name, endpoints: classes.map((c) => ({ class: c })), external: false };
  };
}

function pairConnection(a: Analysis, src: Resolved, dst: Resolved): ConnectionSet {
  if (src.external && dst.external) return ALL_CONNECTIONS;
  let out = NO_CONNECTIONS;
  for (const s of src.endpoints) for (const d of dst.endpoints) out = union(out, endpointConnection(a, s, d));
  return out;
}

/** Analyzes manifest objects and returns a map answering connectivity questions. */
export function analyzeConnectivity(input: AnalyzeInput): ConnectivityMap {
  const cluster = buildCluster(input.objects, input.sources);
  const analysis = analyzeCluster(cluster);
  const resolve = resolver(analysis);
  const diagnostics = [...cluster.diagnostics];
  // An empty map must not look like "nothing may talk": say why it is empty.
  if (cluster.peers.length === 0)
    diagnostics.push(
      diagnostic({
        severity: "warning",
        code: "no-workloads",
        path: "",
        message: "the input has no workloads or pods, so there are no connections to list",
        hint: "Pass the workloads' manifests (Deployments, StatefulSets, Pods, …) along with the policies, or a netpol spec",
      }),
    );
  cluster.peers.forEach((p, i) => {
    if ((analysis.index.peerClasses[i]?.length ?? 0) < 2) return;
    diagnostics.push(
      diagnostic({
        severity: "warning",
        code: "peer-pods-differ",
        path: p.name,
        message: `pods of ${p.name} differ in labels, named ports or IPs; its connections are the union over its pods`,
      }),
    );
  });
  const peers: PeerInfo[] = [
    ...cluster.peers.map((p) => ({ name: p.name, kind: p.kind, namespace: p.namespace, workload: p.workload })),
    ...[...analysis.externals.ingress, ...analysis.externals.egress]
      .filter((x, i, all) => all.findIndex((y) => y.name === x.name) === i)
      .map((x) => ({ name: x.name, kind: "External", workload: x.name.slice(0, -EXTERNAL_SUFFIX.length) })),
  ].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  let cached: Connection[] | undefined;
  const explainResolved = (src: Resolved, dst: Resolved): PairExplanation => {
    const parts = src.endpoints.flatMap((s) => dst.endpoints.map((d) => explainEndpoints(analysis, s, d)));
    return { src: src.name, dst: dst.name, ...mergeExplanations(parts) };
  };
  return {
    peers,
    diagnostics,
    connections: () => {
      cached ??= listConnections(analysis);
      return cached;
    },
    allowed: (src, dst) => pairConnection(analysis, resolve(src, "src"), resolve(dst, "dst")),
    canReach(src, dst, query = {}) {
      const conn = this.allowed(src, dst);
      return query.port === undefined
        ? query.protocol
          ? conn[query.protocol].length > 0
          : !isEmpty(conn)
        : allowsPort(conn, query.protocol ?? "TCP", query.port);
    },
    explain: (src, dst) => explainResolved(resolve(src, "src"), resolve(dst, "dst")),
    workloadsNamed: (name) =>
      workloadsNamed(
        peers.filter((p): p is PeerInfo & { namespace: string } => p.kind !== "External" && p.namespace !== undefined),
        name,
      ),
    explainAll() {
      const srcs = peers.flatMap((p) => {
        try {
          return [resolve(p.name, "src")];
        } catch {
          return [];
        }
      });
      const dsts = peers.flatMap((p) => {
        try {
          return [resolve(p.name, "dst")];
        } catch {
          return [];
        }
      });
      const out: PairExplanation[] = [];
      for (const s of srcs)
        for (const d of dsts) if (s.name !== d.name && !(s.external && d.external)) out.push(explainResolved(s, d));
      return out;
    },
  };
}
