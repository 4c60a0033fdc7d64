// The library entry point: analyze manifest objects once, then ask about connections.
import type { Protocol } from "../data.js";
import { type Diagnostic, DiagnosticBag, NetpolError } from "../errors.js";
import { isRecord, ownList } from "../input.js";
import { readObjects } from "../manifests/objects.js";
import type { ObjectSource } from "../manifests/read.js";
import { compareStrings } from "../text.js";
import { buildCluster } from "./cluster.js";
import { ALL_CONNECTIONS, allowsPort, type ConnectionSet, isEmpty, NO_CONNECTIONS, union } from "./connection-set.js";
import { type Connection, listConnections } from "./connections.js";
import { type Analysis, analyzeCluster, endpointConnection } from "./evaluate.js";
import { explainEndpoints, mergeExplanations, type PairExplanation } from "./explain.js";
import { EXTERNAL_SUFFIX } from "./externals.js";
import { type Resolved, resolver, workloadsNamed } from "./names.js";
import { analysisWarnings } from "./warnings.js";

/** Input of `analyzeConnectivity`. */
export interface AnalyzeInput {
  /** Plain manifest objects (Namespaces, Pods, workloads, NetworkPolicies; others are skipped with a warning). */
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
  /** Problems found in the objects (errors: objects left out of the analysis) and warnings about the analysis. */
  readonly diagnostics: readonly Diagnostic[];
  /** The NetworkPolicies in force, `namespace/name`, in input order. */
  readonly policies: readonly string[];
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

/** The objects of the input, checked to be a list; a NetpolError otherwise. */
function objectsOf(input: AnalyzeInput): readonly unknown[] {
  const objects = isRecord(input) ? ownList(input.objects) : undefined;
  if (objects === undefined) {
    const bag = new DiagnosticBag();
    bag.error("type", isRecord(input) ? ["objects"] : [], {
      found: isRecord(input) ? input.objects : input,
      expected: "{ objects: a list of manifest objects }",
    });
    bag.throwIfErrors();
  }
  return objects as readonly unknown[];
}

function pairConnection(a: Analysis, src: Resolved, dst: Resolved): ConnectionSet {
  if (src.external && dst.external) return ALL_CONNECTIONS;
  let out = NO_CONNECTIONS;
  for (const s of src.endpoints) for (const d of dst.endpoints) out = union(out, endpointConnection(a, s, d));
  return out;
}

/** Analyzes manifest objects and returns a map answering connectivity questions. */
export function analyzeConnectivity(input: AnalyzeInput): ConnectivityMap {
  const sources = isRecord(input) && input.sources instanceof Map ? input.sources : undefined;
  const read = readObjects(objectsOf(input), { sources, analysis: true });
  const analysis = analyzeCluster(buildCluster(read.objects));
  const resolve = resolver(analysis);
  const diagnostics = [...read.diagnostics, ...analysisWarnings(analysis, sources)];
  const peers: PeerInfo[] = [
    ...analysis.cluster.peers.map((p) => ({
      name: p.name,
      kind: p.kind,
      namespace: p.namespace,
      workload: p.workload,
    })),
    ...[...analysis.externals.ingress, ...analysis.externals.egress]
      .filter((x, i, all) => all.findIndex((y) => y.name === x.name) === i)
      .map((x) => ({ name: x.name, kind: "External", workload: x.name.slice(0, -EXTERNAL_SUFFIX.length) })),
  ].sort((x, y) => compareStrings(x.name, y.name));
  let cached: Connection[] | undefined;
  const explainResolved = (src: Resolved, dst: Resolved): PairExplanation => {
    const parts = src.endpoints.flatMap((s) => dst.endpoints.map((d) => explainEndpoints(analysis, s, d)));
    return { src: src.name, dst: dst.name, ...mergeExplanations(parts) };
  };
  const allowed = (src: string, dst: string) => pairConnection(analysis, resolve(src, "src"), resolve(dst, "dst"));
  return {
    peers,
    diagnostics,
    policies: analysis.cluster.policies.map((p) => p.id),
    connections: () => {
      cached ??= listConnections(analysis);
      return cached;
    },
    allowed,
    canReach(src, dst, query = {}) {
      const conn = allowed(src, dst);
      if (query.port === undefined) return query.protocol ? conn[query.protocol].length > 0 : !isEmpty(conn);
      return allowsPort(conn, query.protocol ?? "TCP", query.port);
    },
    explain: (src, dst) => explainResolved(resolve(src, "src"), resolve(dst, "dst")),
    workloadsNamed: (name) =>
      workloadsNamed(
        peers.filter((p) => p.kind !== "External"),
        name,
      ),
    explainAll() {
      const all = (role: "src" | "dst") =>
        peers.flatMap((p) => {
          try {
            return [resolve(p.name, role)];
          } catch (e) {
            // External ranges of the other direction do not resolve in this role.
            if (e instanceof NetpolError) return [];
            throw e;
          }
        });
      const dsts = all("dst");
      const out: PairExplanation[] = [];
      for (const s of all("src"))
        for (const d of dsts) if (s.name !== d.name && !(s.external && d.external)) out.push(explainResolved(s, d));
      return out;
    },
  };
}
