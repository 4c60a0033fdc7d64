// Spec document → core values. Translation only: core decides what is valid and what a policy means; its
// diagnostics carry paths that are placed at the spec's lines and columns here, and worded in spec syntax.
import {
  allowFrom,
  allowTo,
  ClusterNetworkPolicy,
  type ClusterNetworkPolicyEgressPeer,
  type ClusterNetworkPolicyEgressRule,
  type ClusterNetworkPolicyIngressRule,
  type ClusterNetworkPolicyProtocolInput,
  type ContainerPort,
  type Diagnostic,
  type DiagnosticArgs,
  type DiagnosticCode,
  type DiagnosticPath,
  DomainNames,
  didYouMean,
  formatPath,
  type INetworkPolicyPeer,
  type IPodSelector,
  isDns1123Label,
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
  Networks,
  Nodes,
  PodConnectionsIsolation,
  type PodConnectionsOptions,
  Pods,
  type Severity,
  Workload,
} from "@netpol/core";
import type { Expectation, ExpectedPort } from "@netpol/core/analysis";
import { positionOf } from "@netpol/core/manifests";
import { specSchema } from "./schema.js";
import { placed, type SpecSource, specDiagnostic, specPath } from "./source.js";
import type {
  SpecClusterPeer,
  SpecClusterPolicy,
  SpecClusterPort,
  SpecClusterRule,
  SpecConnection,
  SpecDocument,
  SpecExpectation,
  SpecExpectedPorts,
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
import { type SchemaProblem, SchemaValidator } from "./validate.js";

/** What one spec document stands for. */
export interface ReadSpecResult {
  /** The policies, in the order the document declares them, with the spec path each comes from. */
  readonly policies: NetworkPolicy[];
  /** Where each policy was declared in the document. */
  readonly policyPaths: Map<NetworkPolicy, DiagnosticPath>;
  /** The workloads by name. */
  readonly workloads: Map<string, Workload>;
  /** Where each workload was declared. */
  readonly workloadPaths: Map<string, DiagnosticPath>;
  /** The declared namespaces and their labels. */
  readonly namespaces: Map<string, Labels>;
  /** The cluster-wide policies, in document order, with where each was declared. */
  readonly clusterPolicies: { readonly policy: ClusterNetworkPolicy; readonly path: DiagnosticPath }[];
  /** The expectations of `expect:` as core checks them, each with where it was declared. */
  readonly expectations: { readonly expectation: Expectation; readonly path: DiagnosticPath }[];
  /** Every error and warning, located in the spec. */
  readonly diagnostics: Diagnostic[];
}

const validator = new SchemaValidator(specSchema);

// The calls whose name leads the paths of their diagnostics: the spec node of the call stands for the name.
const CALL_ROOTS = new Set([
  "Pods.select",
  "Pods.all",
  "Namespaces.select",
  "ipBlock",
  "port",
  "expression",
  "Networks.of",
  "Nodes.select",
  "DomainNames.of",
]);

const TIERS = { admin: "Admin", baseline: "Baseline" } as const;
const ACTIONS = { accept: "Accept", deny: "Deny", pass: "Pass" } as const;

// Core names a cluster-wide rule's peers and ports as the API does; the spec calls them peers and ports.
const clusterNames: Rename = (rest) =>
  rest.map((k, i) =>
    i === 2 && (rest[0] === "ingress" || rest[0] === "egress")
      ? k === "from" || k === "to"
        ? "peers"
        : k === "protocols"
          ? "ports"
          : k
      : k,
  );

const PROTOCOLS = { tcp: "TCP", udp: "UDP", sctp: "SCTP" } as const;

// A port range as the spec writes it: `8000-8080`.
const PORT_RANGE = /^(\d+)-(\d+)$/;

// Schema problems after which a value cannot be walked into.
const SHAPE_CODES = new Set<DiagnosticCode>(["type", "value", "empty-list"]);

const DEFAULTS = { deny: NetworkPolicyTrafficDefault.DENY, allow: NetworkPolicyTrafficDefault.ALLOW } as const;
const ISOLATION = { pod: PodConnectionsIsolation.POD, peer: PodConnectionsIsolation.PEER } as const;

/** Reads one parsed spec document: schema first, then every part through core, collecting every problem. */
export function readSpec(source: SpecSource): ReadSpecResult {
  return new Reader(source, validator.validate(source.value)).read(source.value);
}

type Rename = (rest: DiagnosticPath) => DiagnosticPath;

class Reader {
  private readonly diagnostics: Diagnostic[] = [];
  private errors = 0;
  private readonly workloads = new Map<string, Workload>();
  private readonly workloadPaths = new Map<string, DiagnosticPath>();
  private readonly declared = new Set<string>();
  /** Where each `namespace/name` was first produced. */
  private readonly produced = new Map<string, DiagnosticPath>();
  private readonly policyPaths = new Map<NetworkPolicy, DiagnosticPath>();
  /** Every path at or above a schema problem, formatted: a lookup tells whether a part is malformed. */
  private readonly problemPrefixes = new Set<string>();
  private readonly wrongShape = new Set<string>();

  constructor(
    private readonly source: SpecSource,
    problems: readonly SchemaProblem[],
  ) {
    for (const p of problems) {
      for (let i = 0; i <= p.path.length; i++) this.problemPrefixes.add(formatPath(p.path.slice(0, i)));
      if (SHAPE_CODES.has(p.code)) this.wrongShape.add(formatPath(p.path));
      this.add(specDiagnostic(source, p.path, p.code, p.args as never, { ...(p.onKey ? { onKey: true } : {}) }));
    }
  }

  read(value: unknown): ReadSpecResult {
    const policies: NetworkPolicy[] = [];
    const namespaces = new Map<string, Labels>();
    const clusterPolicies: { policy: ClusterNetworkPolicy; path: DiagnosticPath }[] = [];
    const expectations: ReadSpecResult["expectations"] = [];
    const result = () => ({
      policies,
      clusterPolicies,
      expectations,
      policyPaths: this.policyPaths,
      workloads: this.workloads,
      workloadPaths: this.workloadPaths,
      namespaces,
      diagnostics: this.diagnostics,
    });
    if (typeof value !== "object" || value === null || Array.isArray(value)) return result();
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
          const path = ["workloads", name, "isolate"];
          if (workload && w?.isolate === true) policies.push(...this.produce(path, () => isolate(workload)));
        }
      } else if (section === "policies" && this.ok(["policies"])) {
        (doc.policies ?? []).forEach((p, i) => {
          const policy = this.policy(p, ["policies", i]);
          if (policy) policies.push(policy);
        });
      } else if (section === "clusterPolicies" && this.ok(["clusterPolicies"])) {
        (doc.clusterPolicies ?? []).forEach((p, i) => {
          const policy = this.clusterPolicy(p, ["clusterPolicies", i]);
          if (policy) clusterPolicies.push({ policy, path: ["clusterPolicies", i] });
        });
      } else if (section === "connections" && this.ok(["connections"])) {
        (doc.connections ?? []).forEach((c, i) => {
          policies.push(...this.connection(c, ["connections", i]));
        });
      } else if (section === "expect" && this.ok(["expect"])) {
        (doc.expect ?? []).forEach((e, i) => {
          const expectation = this.expectation(e, ["expect", i]);
          if (expectation) expectations.push({ expectation, path: ["expect", i] });
        });
      }
    }
    return result();
  }

  private add(d: Diagnostic): void {
    this.diagnostics.push(d);
    if (d.severity === "error") this.errors++;
  }

  private say<C extends DiagnosticCode>(
    path: DiagnosticPath,
    code: C,
    args: DiagnosticArgs<C>,
    options: { severity?: Severity; onKey?: boolean } = {},
  ): void {
    this.add(specDiagnostic(this.source, path, code, args, options));
  }

  /** True when the value at `path` has the type the schema wants, so its known keys can be read. */
  private ok(path: DiagnosticPath): boolean {
    return !this.wrongShape.has(formatPath(path));
  }

  /** True when the schema found a problem at or inside `path`: its value cannot be translated. */
  private malformed(path: DiagnosticPath): boolean {
    return this.problemPrefixes.has(formatPath(path));
  }

  /** Reports a core diagnostic at `path`, followed as deep into the spec as its own path leads. */
  private report(path: DiagnosticPath, d: Diagnostic, rename?: Rename): void {
    const root = d.path[0];
    let rest =
      typeof root === "string" && (CALL_ROOTS.has(root) || root.startsWith("workload")) ? d.path.slice(1) : d.path;
    if (rename) rest = rename(rest);
    // The spec position says which part of the document is meant: the object core names is not needed.
    const { subject: _, ...plain } = d;
    this.add(placed({ ...plain, path: specPath(this.source, path, rest) }, this.source));
  }

  /** Runs a core call; a NetpolError becomes diagnostics at `path` and the result is undefined. */
  private attempt<T>(path: DiagnosticPath, fn: () => T, rename?: Rename): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!isNetpolError(e)) throw e;
      for (const d of e.diagnostics) this.report(path, d, rename);
      return undefined;
    }
  }

  /** Runs a core call that makes policies and reports their warnings at `path`. */
  private produce(path: DiagnosticPath, fn: () => NetworkPolicy[], rename?: Rename): NetworkPolicy[] {
    const policies = this.attempt(path, fn, rename) ?? [];
    for (const p of policies) {
      for (const w of p.warnings) this.report(path, w, rename);
      this.checkUnique(p, path);
      this.policyPaths.set(p, path);
    }
    return policies;
  }

  /** A second policy of the same name would replace the first when applied: refuse it. */
  private checkUnique(p: NetworkPolicy, path: DiagnosticPath): void {
    const name = p.namespace === undefined ? p.name : `${p.namespace}/${p.name}`;
    const first = this.produced.get(name);
    if (!first) {
      this.produced.set(name, path);
      return;
    }
    this.say(path, "duplicate-policy", { name, firstLine: positionOf(this.source, first).line });
  }

  private namespace(name: string, ns: { labels?: Labels } | null, path: DiagnosticPath): Labels | undefined {
    if (this.malformed(path)) return undefined;
    const errors = this.errors;
    if (!isDns1123Label(name)) this.say(path, "namespace-name", { name }, { onKey: true });
    const labels = ns?.labels ?? {};
    this.attempt(path, () => Namespaces.select({ labels }));
    return this.errors === errors ? labels : undefined;
  }

  private workload(name: string, w: SpecWorkload | null, path: DiagnosticPath): void {
    this.declared.add(name);
    if (w === null || this.malformed(path)) return;
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
    if (workload) {
      this.workloads.set(name, workload);
      this.workloadPaths.set(name, path);
    }
  }

  private workloadRef(name: string, path: DiagnosticPath): Workload | undefined {
    const w = this.workloads.get(name);
    if (w) return w;
    // A declared workload that failed to read was reported already.
    if (this.declared.has(name)) return undefined;
    const known = [...this.declared];
    this.say(path, "unknown-workload", { name, known, suggestion: didYouMean(name, known) });
    return undefined;
  }

  private namespaces(ns: SpecNamespaces, path: DiagnosticPath): Namespaces | undefined {
    if (this.malformed(path)) return undefined;
    if (ns === "all") return Namespaces.all();
    return this.attempt(path, () => Namespaces.select(ns));
  }

  private pods(p: SpecPods, path: DiagnosticPath): Pods | undefined {
    if (this.malformed(path)) return undefined;
    if (p === "all") return Pods.all();
    const { namespaces: nsSpec, ...labels } = p;
    const namespaces = nsSpec === undefined ? undefined : this.namespaces(nsSpec, [...path, "namespaces"]);
    if (nsSpec !== undefined && !namespaces) return undefined;
    return this.attempt(path, () => Pods.select({ ...labels, ...(namespaces ? { namespaces } : {}) }));
  }

  private selector(s: SpecSelector, path: DiagnosticPath): IPodSelector | undefined {
    if (this.malformed(path)) return undefined;
    if (typeof s === "string") return this.workloadRef(s, path);
    if ("pods" in s) return this.pods(s.pods, [...path, "pods"]);
    return this.namespaces(s.namespaces, [...path, "namespaces"]);
  }

  private peer(p: SpecPeer, path: DiagnosticPath): INetworkPolicyPeer | undefined {
    if (this.malformed(path)) return undefined;
    if (typeof p === "string") return this.workloadRef(p, path);
    if ("pods" in p) return this.pods(p.pods, [...path, "pods"]);
    if ("namespaces" in p) return this.namespaces(p.namespaces, [...path, "namespaces"]);
    const [family, cidr] = "ipv4" in p ? (["ipv4", p.ipv4] as const) : (["ipv6", p.ipv6] as const);
    if (cidr === "any") {
      if (p.except === undefined)
        return family === "ipv4" ? NetworkPolicyIpBlock.anyIpv4() : NetworkPolicyIpBlock.anyIpv6();
      this.say([...path, "except"], "any-except", { family });
      return undefined;
    }
    return this.attempt(path, () =>
      family === "ipv4" ? NetworkPolicyIpBlock.ipv4(cidr, p.except) : NetworkPolicyIpBlock.ipv6(cidr, p.except),
    );
  }

  private port(p: SpecPort, path: DiagnosticPath): NetworkPolicyPort | undefined {
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

  private ports(list: readonly SpecPort[] | undefined, path: DiagnosticPath): NetworkPolicyPort[] | undefined {
    if (list === undefined || !this.ok(path)) return undefined;
    return list.flatMap((p, i) => this.port(p, [...path, i]) ?? []);
  }

  private rule(r: SpecRule, path: DiagnosticPath): NetworkPolicyRule {
    if (!this.ok(path)) return {};
    const ports = this.ports(r.ports, [...path, "ports"]);
    const peer = r.peer === undefined ? undefined : this.peer(r.peer, [...path, "peer"]);
    const peers = (this.ok([...path, "peers"]) ? r.peers : undefined)?.flatMap(
      (p, i) => this.peer(p, [...path, "peers", i]) ?? [],
    );
    return { ...(peer ? { peer } : {}), ...(peers ? { peers } : {}), ...(ports ? { ports } : {}) };
  }

  private traffic(t: SpecTraffic | undefined, path: DiagnosticPath): NetworkPolicyTraffic | undefined {
    if (t === undefined || !this.ok(path)) return undefined;
    const rules = (this.ok([...path, "rules"]) ? t.rules : undefined)?.map((r, i) =>
      this.rule(r, [...path, "rules", i]),
    );
    return { ...(t.default ? { default: DEFAULTS[t.default] } : {}), ...(rules ? { rules } : {}) };
  }

  private policy(p: SpecPolicy, path: DiagnosticPath): NetworkPolicy | undefined {
    if (!this.ok(path)) return undefined;
    const errors = this.errors;
    const selector = p.selector === undefined ? undefined : this.selector(p.selector, [...path, "selector"]);
    const ingress = this.traffic(p.ingress, [...path, "ingress"]);
    const egress = this.traffic(p.egress, [...path, "egress"]);
    const { name, namespace, labels, annotations } = p;
    const own = (key: string) => !this.malformed([...path, key]);
    const props = {
      ...(name !== undefined && own("name") ? { name } : {}),
      ...(namespace !== undefined && own("namespace") ? { namespace } : {}),
      ...(selector ? { selector } : {}),
      ...(labels && own("labels") ? { labels } : {}),
      ...(annotations && own("annotations") ? { annotations } : {}),
    };
    if (this.errors > errors || this.malformed(path)) {
      // Some part failed: still check the policy's own fields (name, namespace, placement), so that every
      // problem is reported at once.
      this.attempt(path, () => new NetworkPolicy(props));
      return undefined;
    }
    return this.produce(path, () => [
      new NetworkPolicy({ ...props, ...(ingress ? { ingress } : {}), ...(egress ? { egress } : {}) }),
    ])[0];
  }

  private clusterPeer(p: SpecClusterPeer, path: DiagnosticPath): ClusterNetworkPolicyEgressPeer | undefined {
    if (this.malformed(path)) return undefined;
    if (typeof p === "object" && "networks" in p) return this.attempt(path, () => Networks.of(...p.networks));
    if (typeof p === "object" && "nodes" in p) return this.attempt([...path, "nodes"], () => Nodes.select(p.nodes));
    if (typeof p === "object" && "domainNames" in p) return this.attempt(path, () => DomainNames.of(...p.domainNames));
    return this.peer(p, path);
  }

  private clusterPort(p: SpecClusterPort, path: DiagnosticPath): ClusterNetworkPolicyProtocolInput | undefined {
    if (this.malformed(path)) return undefined;
    if ("namedPort" in p) return { namedPort: p.namedPort };
    return this.port(p, path);
  }

  private clusterRule(
    r: SpecClusterRule,
    path: DiagnosticPath,
    key: "from" | "to",
  ): ClusterNetworkPolicyIngressRule & ClusterNetworkPolicyEgressRule {
    const peers = (this.ok([...path, "peers"]) ? r.peers : []).flatMap(
      (p, i) => this.clusterPeer(p, [...path, "peers", i]) ?? [],
    );
    const ports =
      r.ports === undefined || !this.ok([...path, "ports"])
        ? undefined
        : r.ports.flatMap((p, i) => this.clusterPort(p, [...path, "ports", i]) ?? []);
    return {
      ...(r.name !== undefined ? { name: r.name } : {}),
      action: ACTIONS[r.action],
      [key]: peers,
      ...(ports ? { protocols: ports } : {}),
    } as unknown as ClusterNetworkPolicyIngressRule & ClusterNetworkPolicyEgressRule;
  }

  private clusterPolicy(p: SpecClusterPolicy, path: DiagnosticPath): ClusterNetworkPolicy | undefined {
    if (!this.ok(path)) return undefined;
    const errors = this.errors;
    const subject = this.selector(p.subject, [...path, "subject"]);
    const rules = (key: "ingress" | "egress") =>
      (this.ok([...path, key]) ? (p[key] ?? []) : []).map((r, i) =>
        this.clusterRule(r, [...path, key, i], key === "ingress" ? "from" : "to"),
      );
    const ingress = rules("ingress");
    const egress = rules("egress");
    if (this.errors > errors || this.malformed(path) || !subject) return undefined;
    const { name, priority, version, labels, annotations } = p;
    const policy = this.attempt(
      path,
      () =>
        new ClusterNetworkPolicy({
          ...(name !== undefined ? { name } : {}),
          tier: TIERS[p.tier],
          ...(priority !== undefined ? { priority } : {}),
          ...(version !== undefined ? { version } : {}),
          subject,
          ...(ingress.length > 0 ? { ingress } : {}),
          ...(egress.length > 0 ? { egress } : {}),
          ...(labels ? { labels } : {}),
          ...(annotations ? { annotations } : {}),
        } as ConstructorParameters<typeof ClusterNetworkPolicy>[0]),
      clusterNames,
    );
    if (policy) for (const w of policy.warnings) this.report(path, w, clusterNames);
    return policy;
  }

  /**
   * An expectation as core checks it: a workload declared here by its full peer name (other names go as written, for
   * the manifests read beside the spec), `{ tcp: 8000 }` ports as NetworkPolicyPorts. Core checks the rest.
   */
  private expectation(e: SpecExpectation, path: DiagnosticPath): Expectation | undefined {
    if (this.malformed(path)) return undefined;
    const peer = (name: string) => {
      const w = this.workloads.get(name);
      return w ? `${w.namespace ?? "default"}/${w.name}[${w.kind}]` : name;
    };
    const ports = (value: SpecExpectedPorts, at: DiagnosticPath): ExpectedPort[] | string | undefined => {
      if (typeof value === "string") return value;
      const list = value.map((p, i) => (typeof p === "string" ? p : this.port(p, [...at, i])));
      return list.every((p) => p !== undefined) ? list : undefined;
    };
    const allow = e.allow === undefined ? undefined : ports(e.allow, [...path, "allow"]);
    const deny = e.deny === undefined ? undefined : ports(e.deny, [...path, "deny"]);
    if ((e.allow !== undefined && allow === undefined) || (e.deny !== undefined && deny === undefined))
      return undefined;
    return {
      from: peer(e.from),
      to: peer(e.to),
      ...(allow !== undefined ? { allow } : {}),
      ...(deny !== undefined ? { deny } : {}),
    };
  }

  private connection(c: SpecConnection, path: DiagnosticPath): NetworkPolicy[] {
    if (!this.ok(path) || !("from" in c && "to" in c)) return [];
    // The workload side is the subject (allowTo from it, or allowFrom into it); the other side is the peer.
    const subjectKey = typeof c.from === "string" ? "from" : typeof c.to === "string" ? "to" : undefined;
    if (!subjectKey) {
      this.say(path, "connection-subject", {});
      return [];
    }
    const peerKey = subjectKey === "from" ? "to" : "from";
    const errors = this.errors;
    const subject = this.workloadRef(c[subjectKey] as string, [...path, subjectKey]);
    const peer = this.peer(c[peerKey], [...path, peerKey]);
    const ports = this.ports(c.ports, [...path, "ports"]);
    if (this.errors > errors || this.malformed(path) || !subject || !peer) return [];
    const options: PodConnectionsOptions = {
      ...(ports ? { ports } : {}),
      ...(c.isolation ? { isolation: ISOLATION[c.isolation] } : {}),
    };
    const connect = subjectKey === "from" ? allowTo : allowFrom;
    // Core speaks of the peer, the subject (or source), and of the rules of the policies it writes.
    const rename: Rename = (rest) => {
      const [head, ...tail] = rest;
      if (head === "peer") return [peerKey, ...tail];
      if (head === "subject" || head === "source") return [subjectKey, ...tail];
      if ((head === "ingress" || head === "egress") && tail[0] === "rules") return tail.slice(2);
      return rest;
    };
    return this.produce(path, () => connect(subject, peer, options), rename);
  }
}
