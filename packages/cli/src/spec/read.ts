// Spec document → core values. Translation only: core decides what is valid and what a policy means; its
// diagnostics carry paths that are mapped back to the spec's lines and columns here.
import {
  allowFrom,
  allowTo,
  type ContainerPort,
  checkLabels,
  checkNamespaceName,
  type Diagnostic,
  DiagnosticBag,
  type INetworkPolicyPeer,
  type IPodSelector,
  isNetpolError,
  isolate,
  type Labels,
  Namespaces,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  type NetworkPolicyRule,
  type NetworkPolicyTraffic,
  NetworkPolicyTrafficDefault,
  PodConnectionsIsolation,
  type PodConnectionsOptions,
  Pods,
  Workload,
} from "@netpol/core";
import { specSchema } from "./schema.js";
import {
  formatPath,
  type PathAliases,
  type PathSegment,
  positionOf,
  type SpecSource,
  specDiagnostic,
} from "./source.js";
import type {
  SpecConnection,
  SpecDocument,
  SpecNamespaces,
  SpecPeer,
  SpecPods,
  SpecPolicy,
  SpecPort,
  SpecProtocol,
  SpecRule,
  SpecSelector,
  SpecTraffic,
  SpecWorkload,
} from "./types.js";
import { type SchemaProblem, SchemaValidator, suggestion } from "./validate.js";

/** What one spec document stands for. */
export interface ReadSpecResult {
  /** The policies, in the order the document declares them. */
  readonly policies: NetworkPolicy[];
  /** The workloads by name. */
  readonly workloads: Map<string, Workload>;
  /** The declared namespaces and their labels. */
  readonly namespaces: Map<string, Labels>;
  /** Every error and warning, located in the spec. */
  readonly diagnostics: Diagnostic[];
}

const validator = new SchemaValidator(specSchema);

// Where core's names for things sit in the spec.
const ALIASES: PathAliases = {
  cidr: ["ipv4", "ipv6"],
  ipBlock: [""],
  port: ["tcp", "udp", "sctp"],
  endPort: ["tcp", "udp", "sctp"],
  number: ["tcp", "udp", "sctp"],
  podSelector: ["pods", ""],
};

// The call a core path starts with (`Pods.select.labels.app`): the spec node of that call stands for it.
const CALL_ROOT =
  /^(?:Pods\.select|Pods\.all|Namespaces\.select|workload(?: [^.[]*)?|ipBlock|port|expression)(?=[.[]|$)\.?/;

const PROTOCOLS = { tcp: "TCP", udp: "UDP", sctp: "SCTP" } as const;

// A port range as the spec writes it: `8000-8080`.
const PORT_RANGE = /^(\d+)-(\d+)$/;

// Schema problems after which a value cannot be walked into.
const SHAPE_CODES = new Set(["type", "value", "min-items"]);

const DEFAULTS = { deny: NetworkPolicyTrafficDefault.DENY, allow: NetworkPolicyTrafficDefault.ALLOW } as const;
const ISOLATION = { pod: PodConnectionsIsolation.POD, peer: PodConnectionsIsolation.PEER } as const;

/** Hints in spec syntax for core diagnostics whose hints name the TypeScript API, by diagnostic code. */
const SPEC_HINTS: Readonly<Record<string, string>> = {
  // Port 0: core's hint points to NetworkPolicyPort.allTcp().
  "port-range": "To allow every port of a protocol, write { tcp: all } (or udp, sctp)",
};

/** The parts of a core diagnostic that say what is wrong, without where; hints in spec syntax. */
function what(d: Diagnostic): Omit<Diagnostic, "path" | "file" | "line" | "column"> {
  const hint = d.hint && (SPEC_HINTS[d.code] ?? d.hint);
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.expected ? { expected: d.expected } : {}),
    ...(hint ? { hint } : {}),
  };
}

/** Reads one parsed spec document: schema first, then every part through core, collecting every problem. */
export function readSpec(source: SpecSource, value: unknown): ReadSpecResult {
  return new Reader(source, validator.validate(value)).read(value);
}

class Reader {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly workloads = new Map<string, Workload>();
  private readonly declared = new Set<string>();
  /** Where each `namespace/name` was first produced. */
  private readonly produced = new Map<string, readonly PathSegment[]>();
  private readonly problemPaths: string[];
  private readonly wrongShape: Set<string>;

  constructor(
    private readonly source: SpecSource,
    problems: readonly SchemaProblem[],
  ) {
    this.problemPaths = problems.map((p) => formatPath(p.path));
    this.wrongShape = new Set(problems.filter((p) => SHAPE_CODES.has(p.code)).map((p) => formatPath(p.path)));
    for (const p of problems) {
      const { path, onKey, ...rest } = p;
      this.diagnostics.push(specDiagnostic(this.source, path, { ...rest, ...(onKey ? { onKey } : {}) }));
    }
  }

  read(value: unknown): ReadSpecResult {
    const policies: NetworkPolicy[] = [];
    const namespaces = new Map<string, Labels>();
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return { policies, workloads: this.workloads, namespaces, diagnostics: this.diagnostics };
    }
    const doc = value as SpecDocument;
    const namespaceSpecs = this.ok(["namespaces"]) ? Object.entries(doc.namespaces ?? {}) : [];
    const workloadSpecs = this.ok(["workloads"]) ? Object.entries(doc.workloads ?? {}) : [];
    for (const [name, ns] of namespaceSpecs) {
      const labels = this.namespace(name, ns, ["namespaces", name]);
      if (labels) namespaces.set(name, labels);
    }
    for (const [name, w] of workloadSpecs) this.workload(name, w, ["workloads", name]);
    // Policies come out in the order the document lists its sections and their entries.
    for (const section of Object.keys(doc)) {
      if (section === "workloads") {
        for (const [name, w] of workloadSpecs) {
          const workload = this.workloads.get(name);
          if (w.isolate === true && workload)
            policies.push(...this.produce(["workloads", name, "isolate"], () => isolate(workload)));
        }
      } else if (section === "policies" && this.ok(["policies"])) {
        for (const [i, p] of (doc.policies ?? []).entries()) {
          const policy = this.policy(p, ["policies", i]);
          if (policy) policies.push(policy);
        }
      } else if (section === "connections" && this.ok(["connections"])) {
        for (const [i, c] of (doc.connections ?? []).entries())
          policies.push(...this.connection(c, ["connections", i]));
      }
    }
    return { policies, workloads: this.workloads, namespaces, diagnostics: this.diagnostics };
  }

  private get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === "error").length;
  }

  /** True when the value at `path` has the type the schema wants, so its known keys can be read. */
  private ok(path: readonly PathSegment[]): boolean {
    return !this.wrongShape.has(formatPath(path));
  }

  /** True when the schema found a problem at or inside `path`: its value cannot be translated. */
  private malformed(path: readonly PathSegment[]): boolean {
    const p = formatPath(path);
    return this.problemPaths.some((q) => q === p || q.startsWith(`${p}.`) || q.startsWith(`${p}[`));
  }

  /** Reports a core diagnostic at `path`, followed as deep into the spec as its own path leads. */
  private report(path: readonly PathSegment[], d: Diagnostic, rename?: (rest: string) => string): void {
    const stripped = d.path.replace(CALL_ROOT, "");
    const rest = rename ? rename(stripped) : stripped;
    this.diagnostics.push(
      specDiagnostic(this.source, path, { ...what(d), ...(rest ? { rest } : {}), aliases: ALIASES }),
    );
  }

  /** Runs a core call; a NetpolError becomes diagnostics at `path` and the result is undefined. */
  private attempt<T>(path: readonly PathSegment[], fn: () => T, rename?: (rest: string) => string): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!isNetpolError(e)) throw e;
      for (const d of e.diagnostics) this.report(path, d, rename);
      return undefined;
    }
  }

  /** Runs a core call that makes policies and reports their warnings at `path`. */
  private produce(
    path: readonly PathSegment[],
    fn: () => NetworkPolicy[],
    rename?: (rest: string) => string,
  ): NetworkPolicy[] {
    const policies = this.attempt(path, fn, rename) ?? [];
    for (const p of policies) for (const w of p.warnings) this.report(path, w);
    for (const p of policies) this.checkUnique(p, path);
    return policies;
  }

  /** Warns about a second policy of the same name: applied to one cluster, it would replace the first. */
  private checkUnique(p: NetworkPolicy, path: readonly PathSegment[]): void {
    const name = p.namespace === undefined ? p.name : `${p.namespace}/${p.name}`;
    const first = this.produced.get(name);
    if (!first) {
      this.produced.set(name, path);
      return;
    }
    const { line } = positionOf(this.source, first);
    this.diagnostics.push(
      specDiagnostic(this.source, path, {
        severity: "warning",
        code: "duplicate-policy",
        message: `a second policy named ${name} (the first comes from line ${line}); applied together, one replaces the other`,
        hint: "name the policies apart, or merge them (one connection with all its ports)",
      }),
    );
  }

  private namespace(name: string, ns: { labels?: Labels }, path: PathSegment[]): Labels | undefined {
    if (this.malformed(path)) return undefined;
    const bag = new DiagnosticBag();
    checkNamespaceName(name, "", bag);
    checkLabels(ns.labels, "labels", bag);
    for (const d of bag.items) {
      if (d.path === "") this.diagnostics.push(specDiagnostic(this.source, path, { ...what(d), onKey: true }));
      else this.report(path, d);
    }
    return bag.errors.length === 0 ? (ns.labels ?? {}) : undefined;
  }

  private workload(name: string, w: SpecWorkload, path: PathSegment[]): void {
    this.declared.add(name);
    if (this.malformed(path)) return;
    const ports = (w.ports ?? []).map((p): ContainerPort => {
      const [key, number] = Object.entries(p).find(([k]) => k !== "name") as [SpecProtocol, number];
      return { number, protocol: PROTOCOLS[key], ...(p.name !== undefined ? { name: p.name } : {}) };
    });
    const workload = this.attempt(path, () =>
      Workload.of({
        kind: w.kind,
        name,
        ...(w.namespace !== undefined ? { namespace: w.namespace } : {}),
        labels: w.labels,
        ...(ports.length > 0 ? { ports } : {}),
      }),
    );
    if (workload) this.workloads.set(name, workload);
  }

  private workloadRef(name: string, path: readonly PathSegment[]): Workload | undefined {
    const w = this.workloads.get(name);
    if (w) return w;
    // A declared workload that failed to read was reported already.
    if (this.declared.has(name)) return undefined;
    const known = [...this.declared];
    const near = suggestion(name, known);
    this.diagnostics.push(
      specDiagnostic(this.source, path, {
        code: "unknown-workload",
        message: `unknown workload "${name}"`,
        expected:
          known.length > 0
            ? `one of the workloads: ${known.map((k) => `"${k}"`).join(", ")}`
            : "the name of a workload declared under workloads",
        ...(near ? { hint: `did you mean "${near}"?` } : {}),
      }),
    );
    return undefined;
  }

  private namespaces(ns: SpecNamespaces, path: PathSegment[]): Namespaces | undefined {
    if (this.malformed(path)) return undefined;
    if (ns === "all") return Namespaces.all();
    return this.attempt(path, () => Namespaces.select(ns));
  }

  private pods(p: SpecPods, path: PathSegment[]): Pods | undefined {
    if (this.malformed(path)) return undefined;
    if (p === "all") return Pods.all();
    const { namespaces: nsSpec, ...labels } = p;
    const namespaces = nsSpec === undefined ? undefined : this.namespaces(nsSpec, [...path, "namespaces"]);
    if (nsSpec !== undefined && !namespaces) return undefined;
    return this.attempt(path, () => Pods.select({ ...labels, ...(namespaces ? { namespaces } : {}) }));
  }

  private selector(s: SpecSelector, path: PathSegment[]): IPodSelector | undefined {
    if (typeof s === "string") return this.workloadRef(s, path);
    if ("pods" in s) return this.pods(s.pods, [...path, "pods"]);
    return this.namespaces(s.namespaces, [...path, "namespaces"]);
  }

  private peer(p: SpecPeer, path: PathSegment[]): INetworkPolicyPeer | undefined {
    if (this.malformed(path)) return undefined;
    if (typeof p === "string") return this.workloadRef(p, path);
    if ("pods" in p) return this.pods(p.pods, [...path, "pods"]);
    if ("namespaces" in p) return this.namespaces(p.namespaces, [...path, "namespaces"]);
    const [family, cidr] = "ipv4" in p ? (["ipv4", p.ipv4] as const) : (["ipv6", p.ipv6] as const);
    if (cidr === "any") {
      if (p.except === undefined)
        return family === "ipv4" ? NetworkPolicyIpBlock.anyIpv4() : NetworkPolicyIpBlock.anyIpv6();
      this.diagnostics.push(
        specDiagnostic(this.source, [...path, "except"], {
          code: "any-except",
          message: `"${family}: any" takes no except`,
          expected: `a CIDR in ${family}, with except ranges inside it`,
        }),
      );
      return undefined;
    }
    return this.attempt(path, () =>
      family === "ipv4" ? NetworkPolicyIpBlock.ipv4(cidr, p.except) : NetworkPolicyIpBlock.ipv6(cidr, p.except),
    );
  }

  private port(p: SpecPort, path: PathSegment[]): NetworkPolicyPort | undefined {
    if (this.malformed(path)) return undefined;
    const [key, value] = Object.entries(p)[0] as [SpecProtocol, number | string];
    const protocol = PROTOCOLS[key];
    const range = typeof value === "string" ? PORT_RANGE.exec(value) : null;
    return this.attempt(path, () =>
      NetworkPolicyPort.of(
        value === "all"
          ? { protocol }
          : range
            ? { protocol, port: Number(range[1]), endPort: Number(range[2]) }
            : { protocol, port: value },
      ),
    );
  }

  private ports(list: readonly SpecPort[] | undefined, path: PathSegment[]): NetworkPolicyPort[] | undefined {
    if (list === undefined || !this.ok(path)) return undefined;
    return list.flatMap((p, i) => this.port(p, [...path, i]) ?? []);
  }

  private rule(r: SpecRule, path: PathSegment[]): NetworkPolicyRule {
    if (!this.ok(path)) return {};
    const ports = this.ports(r.ports, [...path, "ports"]);
    const peer = r.peer === undefined ? undefined : this.peer(r.peer, [...path, "peer"]);
    const peers = (this.ok([...path, "peers"]) ? r.peers : undefined)?.flatMap(
      (p, i) => this.peer(p, [...path, "peers", i]) ?? [],
    );
    return { ...(peer ? { peer } : {}), ...(peers ? { peers } : {}), ...(ports ? { ports } : {}) };
  }

  private traffic(t: SpecTraffic | undefined, path: PathSegment[]): NetworkPolicyTraffic | undefined {
    if (t === undefined || !this.ok(path)) return undefined;
    const rules = (this.ok([...path, "rules"]) ? t.rules : undefined)?.map((r, i) =>
      this.rule(r, [...path, "rules", i]),
    );
    return { ...(t.default ? { default: DEFAULTS[t.default] } : {}), ...(rules ? { rules } : {}) };
  }

  private policy(p: SpecPolicy, path: PathSegment[]): NetworkPolicy | undefined {
    if (!this.ok(path)) return undefined;
    const errors = this.errorCount;
    const selector = p.selector === undefined ? undefined : this.selector(p.selector, [...path, "selector"]);
    const ingress = this.traffic(p.ingress, [...path, "ingress"]);
    const egress = this.traffic(p.egress, [...path, "egress"]);
    const { name, namespace, labels, annotations } = p;
    if (this.errorCount > errors || this.malformed(path)) {
      // Some part failed: still check the policy's own fields (name, namespace, placement), so that every
      // problem is reported at once.
      const own = (key: string) => !this.malformed([...path, key]);
      this.attempt(
        path,
        () =>
          new NetworkPolicy({
            ...(name !== undefined && own("name") ? { name } : {}),
            ...(namespace !== undefined && own("namespace") ? { namespace } : {}),
            ...(selector ? { selector } : {}),
            ...(labels && own("labels") ? { labels } : {}),
            ...(annotations && own("annotations") ? { annotations } : {}),
          }),
      );
      return undefined;
    }
    return this.produce(path, () => [
      new NetworkPolicy({
        ...(name !== undefined ? { name } : {}),
        ...(namespace !== undefined ? { namespace } : {}),
        ...(selector ? { selector } : {}),
        ...(ingress ? { ingress } : {}),
        ...(egress ? { egress } : {}),
        ...(labels ? { labels } : {}),
        ...(annotations ? { annotations } : {}),
      }),
    ])[0];
  }

  private connection(c: SpecConnection, path: PathSegment[]): NetworkPolicy[] {
    if (!this.ok(path) || !("from" in c && "to" in c)) return [];
    // The workload side is the subject (allowTo from it, or allowFrom into it); the other side is the peer.
    const subjectKey = typeof c.from === "string" ? "from" : typeof c.to === "string" ? "to" : undefined;
    if (!subjectKey) {
      this.diagnostics.push(
        specDiagnostic(this.source, path, {
          code: "connection-subject",
          message: "neither end of the connection is a workload",
          expected: "a workload name in from or to",
          hint: "use a policy with rules for connections between selected pods or addresses",
        }),
      );
      return [];
    }
    const peerKey = subjectKey === "from" ? "to" : "from";
    const errors = this.errorCount;
    const subject = this.workloadRef(c[subjectKey] as string, [...path, subjectKey]);
    const peer = this.peer(c[peerKey], [...path, peerKey]);
    const ports = this.ports(c.ports, [...path, "ports"]);
    if (this.errorCount > errors || this.malformed(path) || !subject || !peer) return [];
    const options: PodConnectionsOptions = {
      ...(ports ? { ports } : {}),
      ...(c.isolation ? { isolation: ISOLATION[c.isolation] } : {}),
    };
    const connect = subjectKey === "from" ? allowTo : allowFrom;
    return this.produce(
      path,
      () => connect(subject, peer, options),
      (rest) => rest.replace(/^(?:peer)(?=[.[]|$)/, peerKey).replace(/^(?:subject|source)(?=[.[]|$)/, subjectKey),
    );
  }
}
