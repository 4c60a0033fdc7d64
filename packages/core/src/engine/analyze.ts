// The library entry point: analyze manifest objects once, then ask about connections.
import type { Protocol } from "../data.js";
import { type Diagnostic, DiagnosticBag, hasErrors, NetpolError } from "../errors.js";
import { isRecord, ownList } from "../input.js";
import { readObjects } from "../manifests/objects.js";
import type { ObjectSource } from "../manifests/read.js";
import { compareStrings } from "../text.js";
import { buildCluster } from "./cluster.js";
import { ALL_CONNECTIONS, allowsPort, type ConnectionSet, isEmpty, NO_CONNECTIONS, union } from "./connection-set.js";
import { type Connection, listConnections } from "./connections.js";
import { type Analysis, analyzeCluster, endpointConnection } from "./evaluate.js";
import { explainEndpoints, mergeExplanations, type PairExplanation } from "./explain.js";
import { type ExplainOptions, selectExplanations } from "./explain-select.js";
import { type ExposureReport, exposureOf } from "./exposure.js";
import { EXTERNAL_SUFFIX } from "./externals.js";
import { checkFocus, type Focus, type FocusOptions } from "./focus.js";
import {
  ingressAdmitted,
  ingressConnections,
  ingressContributions,
  ingressControllerToClass,
  ingressTargets,
  ingressWarnings,
} from "./ingress.js";
import { INGRESS_CONTROLLER } from "./ingress-plan.js";
import { throughIngressRoutes } from "./ingress-verdicts.js";
import { type Resolved, resolver, workloadsNamed } from "./names.js";
import { pairGroups } from "./verdicts.js";
import { analysisWarnings } from "./warnings.js";

/** Input of `analyzeConnectivity`. */
export interface AnalyzeInput {
  /**
   * Plain manifest objects (Namespaces, Pods, workloads, NetworkPolicies, and Services, Ingresses and Routes for the
   * ingress controller's connections; others are skipped with a warning).
   */
  readonly objects: readonly unknown[];
  /** Where objects came from (as returned by the manifest reader), so diagnostics carry file positions. */
  readonly sources?: ReadonlyMap<unknown, ObjectSource>;
  /**
   * Whether ipBlocks match pods by their known IPs (`status.podIP(s)`), as network plugins do (default true). False
   * matches no pod by IP, as netpol-analyzer (`roxctl netpol`) does, for output identical to it.
   */
  readonly podIpMatch?: boolean;
}

/** A peer of the connectivity map. */
export interface PeerInfo {
  /** `namespace/name[Kind]`, `first-last[External]` or `{ingress-controller}`. */
  readonly name: string;
  /** The workload kind, `External`, or `IngressController`. */
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

/** A map seen through focus options: the pairs kept, and what they show. */
export interface FocusedMap {
  /** Errors (unknown names, bad values) and warnings (options ignored) of the focus options. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when the focus keeps the pair of peer names. */
  includes(src: string, dst: string): boolean;
  /** The connections kept, sorted by src then dst; with a focus connection each shows just that. */
  connections(): readonly Connection[];
  /**
   * The explanations of the pairs kept; a focus connection narrows each to that port (pairs denied on it stay, as
   * netpol-analyzer's explain keeps them); `only` keeps allowed or denied pairs.
   */
  explainAll(options?: Pick<ExplainOptions, "only">): readonly PairExplanation[];
}

/** Answers about who may talk to whom in one analyzed cluster. */
export interface ConnectivityMap {
  /**
   * Workload peers, the external ranges that can be sources and destinations, and `{ingress-controller}` when Ingress
   * or Route objects reach a workload, sorted by name.
   */
  readonly peers: readonly PeerInfo[];
  /** Problems found in the objects (errors: objects left out of the analysis) and warnings about the analysis. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Every allowed connection between distinct peers, sorted by src then dst, focused when options are given (a
   * NetpolError for focus errors; use `focus()` to see them and its warnings).
   */
  connections(focus?: FocusOptions): readonly Connection[];
  /** The map through focus options, with their problems; never throws. */
  focus(options?: FocusOptions): FocusedMap;
  /** The NetworkPolicies in force, `namespace/name`, in input order. */
  readonly policies: readonly string[];
  /** What `src` may open toward `dst` (names, `ns/name`, unique workload names or IP addresses). */
  allowed(src: string, dst: string): ConnectionSet;
  /** True when `src` may reach `dst` on the given port and protocol (any port when omitted). */
  canReach(src: string, dst: string, query?: PortQuery): boolean;
  /** Which policies and rules allow each part of the connection, or isolate each side. */
  explain(src: string, dst: string): PairExplanation;
  /**
   * Explanations for every ordered pair of distinct peers, except external to external (slow path); `options` keep
   * only allowed or denied pairs, or narrow them to one protocol and port.
   */
  explainAll(options?: ExplainOptions): readonly PairExplanation[];
  /** The workload peers a name refers to (`ns/name[Kind]`, `ns/name` or a bare name; several when ambiguous). */
  workloadsNamed(name: string): readonly PeerInfo[];
  /** What pods not in the input could reach each workload, and what it could reach (exposure analysis). */
  exposure(focus?: FocusOptions): ExposureReport;
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
  if (src.controller) {
    for (const d of dst.endpoints) if ("class" in d) out = union(out, ingressControllerToClass(a, d.class));
    return out;
  }
  for (const s of src.endpoints) for (const d of dst.endpoints) out = union(out, endpointConnection(a, s, d));
  return out;
}

/** Two lists sorted by src then dst, merged. */
function mergeSorted(x: readonly Connection[], y: readonly Connection[]): Connection[] {
  const out: Connection[] = [];
  let i = 0;
  let j = 0;
  const before = (p: Connection, q: Connection) => (compareStrings(p.src, q.src) || compareStrings(p.dst, q.dst)) <= 0;
  while (i < x.length || j < y.length) {
    const p = x[i];
    const q = y[j];
    if (p && (!q || before(p, q))) {
      out.push(p);
      i++;
    } else if (q) {
      out.push(q);
      j++;
    }
  }
  return out;
}

/** An error for an `only` of explainAll that is neither `allow` nor `deny`. */
function checkExplainOnly(only: unknown): Diagnostic[] {
  if (only === undefined || only === "allow" || only === "deny") return [];
  const bag = new DiagnosticBag();
  bag.error("value", ["only"], { found: only, expected: '"allow" or "deny"' });
  return bag.items;
}

/** Analyzes manifest objects and returns a map answering connectivity questions. */
export function analyzeConnectivity(input: AnalyzeInput): ConnectivityMap {
  const sources = isRecord(input) && input.sources instanceof Map ? input.sources : undefined;
  const read = readObjects(objectsOf(input), { sources, analysis: true });
  const podIps = !(isRecord(input) && input.podIpMatch === false);
  const analysis = analyzeCluster(buildCluster(read.objects, { podIps }));
  const resolve = resolver(analysis);
  const diagnostics = [
    ...read.diagnostics,
    ...analysisWarnings(analysis, sources),
    ...ingressWarnings(analysis, sources),
  ];
  const controller: PeerInfo[] =
    analysis.ingress.controller === undefined
      ? []
      : [{ name: INGRESS_CONTROLLER, kind: "IngressController", workload: "ingress-controller" }];
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
    ...controller,
  ].sort((x, y) => compareStrings(x.name, y.name));
  const named = (name: string) =>
    workloadsNamed(
      peers.filter((p) => p.kind !== "External"),
      name,
    );
  let cached: Connection[] | undefined;
  const all = () => {
    cached ??= mergeSorted(listConnections(analysis), ingressConnections(analysis));
    return cached;
  };
  const explainResolved = (src: Resolved, dst: Resolved): PairExplanation => {
    const parts = src.endpoints.flatMap((s) => dst.endpoints.map((d) => explainEndpoints(analysis, s, d)));
    const merged = { src: src.name, dst: dst.name, ...mergeExplanations(parts) };
    if (!src.controller) return merged;
    // From the ingress controller: its ingress is what the Ingress and Route objects expose, as policies admit.
    let admitted = NO_CONNECTIONS;
    for (const d of dst.endpoints) if ("class" in d) admitted = union(admitted, ingressAdmitted(analysis, d.class));
    const objects = dst.peer === undefined ? [] : ingressContributions(analysis, dst.peer);
    const routes = objects.map((o) => ({ object: o.kind, name: o.name, service: o.service, conn: o.conn }));
    const verdicts = throughIngressRoutes(routes, merged.ingress.verdicts);
    const conn = pairConnection(analysis, src, dst);
    return {
      ...merged,
      conn,
      ingress: { ...merged.ingress, allowed: admitted, ingressObjects: objects, verdicts },
      groups: pairGroups(merged.egress.verdicts, verdicts, conn),
    };
  };
  const allowed = (src: string, dst: string) => pairConnection(analysis, resolve(src, "src"), resolve(dst, "dst"));
  const explainAll = (keep: (src: string, dst: string) => boolean): PairExplanation[] => {
    const resolved = (role: "src" | "dst") =>
      peers.flatMap((p) => {
        try {
          return [resolve(p.name, role)];
        } catch (e) {
          // External ranges of the other direction do not resolve in this role.
          if (e instanceof NetpolError) return [];
          throw e;
        }
      });
    const targets = new Set(ingressTargets(analysis));
    const dsts = resolved("dst").filter((d) => !d.controller);
    const out: PairExplanation[] = [];
    for (const s of resolved("src"))
      for (const d of dsts) {
        if (s.name === d.name || (s.external && d.external) || !keep(s.name, d.name)) continue;
        // The ingress controller has pairs only with the workloads Ingress and Route objects name.
        if (s.controller && (d.peer === undefined || !targets.has(d.peer))) continue;
        out.push(explainResolved(s, d));
      }
    return out;
  };
  const focus = (options?: FocusOptions): FocusedMap => {
    const f: Focus = checkFocus(options, (name) => named(name).map((p) => p.name));
    return {
      diagnostics: f.diagnostics,
      includes: (src, dst) => f.includes(src, dst),
      connections: () =>
        all().flatMap((c) => {
          const conn = f.includes(c.src, c.dst) ? f.narrow(c.conn) : undefined;
          return conn === undefined ? [] : [conn === c.conn ? c : { ...c, conn }];
        }),
      explainAll: (o) =>
        selectExplanations(
          explainAll((src, dst) => f.includes(src, dst)),
          { only: o?.only, conn: f.conn },
        ),
    };
  };
  return {
    peers,
    diagnostics,
    connections: (options) => {
      if (options === undefined) return all();
      const view = focus(options);
      if (hasErrors(view.diagnostics)) throw new NetpolError(view.diagnostics);
      return view.connections();
    },
    policies: analysis.cluster.policies.map((p) => p.id),
    focus,
    allowed,
    canReach(src, dst, query = {}) {
      const conn = allowed(src, dst);
      if (query.port === undefined) return query.protocol ? conn[query.protocol].length > 0 : !isEmpty(conn);
      return allowsPort(conn, query.protocol ?? "TCP", query.port);
    },
    explain: (src, dst) => explainResolved(resolve(src, "src"), resolve(dst, "dst")),
    workloadsNamed: named,
    explainAll: (options) => {
      const view = focus(options?.conn === undefined ? undefined : { conn: options.conn });
      const diagnostics = [...view.diagnostics, ...checkExplainOnly(options?.only)];
      if (hasErrors(diagnostics)) throw new NetpolError(diagnostics);
      return view.explainAll(options?.only === undefined ? undefined : { only: options.only });
    },
    // Exposure analysis (engine/exposure.ts): the connections it repeats are this map's.
    exposure: (options) => exposureOf(analysis, all(), named, options),
  };
}
