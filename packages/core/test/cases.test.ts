// The semantics cases (packages/core/testdata/<case>/, see its README), built with core's own API by a small
// interpreter of the spec format, and compared with what the CLI prints for the same model:
//   - `toYaml` of the policies equals expected.k8s.yaml byte for byte, and each is a valid NetworkPolicy;
//   - the connectivity map of the workloads', namespaces' and policies' manifests equals expected.map.txt;
//   - the policies' warnings, worded for spec files, equal expected.warnings.txt without positions.
// The subset of the spec understood here (anything else fails the case instead of being skipped):
//   namespaces: { <name>: { labels } }
//   workloads: { <name>: { kind: Pod | Deployment | StatefulSet, namespace, labels,
//                          ports: [{ tcp|udp|sctp: n, name }] } }
//   policies: [{ name, namespace, selector: <workload> | { pods },
//                ingress|egress: { default, rules: [{ peer, peers, ports }] } }]
//   connections: [{ from, to, ports, isolation }] (the workload end is the subject: allowTo from it, allowFrom into it)
//   peers: <workload>, { pods: { labels, namespaces } }, { namespaces: { names, labels } },
//          { ipv4|ipv6: cidr | any, except }
//   ports: { tcp|udp|sctp: number | name | "from-to" | all }
// Not understood: label expressions, `all` as pods or namespaces, `workloads.<name>.isolate`, policy labels and
// annotations, several documents in one file (no case uses them; the CLI suite covers the whole format).
import { describe, expect, it } from "vitest";
import {
  type CaseConnection,
  type CaseNamespaces,
  type CasePeer,
  type CasePods,
  type CasePolicy,
  type CasePort,
  type CaseRule,
  type CaseSpec,
  type CaseTraffic,
  type CaseWorkload,
  caseExpectations,
  only,
  portEntry,
  readCases,
  warningTexts,
} from "../../../test-support/cases.js";
import { networkPolicyProblems } from "../../../test-support/schema.js";
import { analyzeConnectivity, checkExpectations, FORMATTERS } from "../src/analysis.js";
import {
  allowFrom,
  allowTo,
  type Diagnostic,
  formatDiagnostic,
  type INetworkPolicyPeer,
  type IPodSelector,
  Namespaces,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  type NetworkPolicyRule,
  type NetworkPolicyTraffic,
  NetworkPolicyTrafficDefault,
  PodConnectionsIsolation,
  Pods,
  restate,
  toYaml,
  Workload,
} from "../src/index.js";
import { namespaceManifest } from "../src/manifests/index.js";

/** What a model stands for in core: namespace manifests, workloads by name, policies in the document's order. */
interface Model {
  readonly namespaces: unknown[];
  readonly workloads: Map<string, Workload>;
  readonly policies: NetworkPolicy[];
}

function model(spec: CaseSpec): Model {
  only(spec, ["namespaces", "workloads", "policies", "connections", "expect"], "spec");
  const m: Model = {
    namespaces: Object.entries(spec.namespaces ?? {}).map(([name, ns]) => namespace(name, ns)),
    workloads: new Map(Object.entries(spec.workloads ?? {}).map(([name, w]) => [name, workload(name, w)])),
    policies: [],
  };
  // As the CLI, policies come in the order the document lists its sections.
  for (const section of Object.keys(spec)) {
    if (section === "policies") m.policies.push(...(spec.policies ?? []).map((p) => policy(p, m)));
    if (section === "connections") m.policies.push(...(spec.connections ?? []).flatMap((c) => connection(c, m)));
  }
  return m;
}

function namespace(name: string, ns: { labels?: Record<string, string> }): unknown {
  only(ns, ["labels"], `namespaces.${name}`);
  return namespaceManifest(name, ns.labels ?? {});
}

function workload(name: string, w: CaseWorkload): Workload {
  only(w, ["kind", "namespace", "labels", "ports"], `workloads.${name}`);
  const ports = (w.ports ?? []).map((p) => {
    const { protocol, value, name: portName } = portEntry(p);
    return { number: value as number, protocol, ...(portName !== undefined ? { name: portName } : {}) };
  });
  return Workload.of({
    kind: w.kind,
    name,
    ...(w.namespace !== undefined ? { namespace: w.namespace } : {}),
    labels: w.labels,
    ...(ports.length > 0 ? { ports } : {}),
  });
}

function workloadNamed(name: string, m: Model): Workload {
  const w = m.workloads.get(name);
  if (!w) throw new Error(`no workload named ${name}`);
  return w;
}

function namespaces(ns: CaseNamespaces): Namespaces {
  only(ns, ["names", "labels"], "namespaces");
  return Namespaces.select(ns);
}

function pods(p: CasePods): Pods {
  only(p, ["labels", "namespaces"], "pods");
  return Pods.select({
    ...(p.labels ? { labels: p.labels } : {}),
    ...(p.namespaces ? { namespaces: namespaces(p.namespaces) } : {}),
  });
}

function peer(p: CasePeer, m: Model): INetworkPolicyPeer {
  if (typeof p === "string") return workloadNamed(p, m);
  if ("pods" in p) return pods(p.pods);
  if ("namespaces" in p) return namespaces(p.namespaces);
  only(p, ["ipv4", "ipv6", "except"], "peer");
  if ("ipv4" in p)
    return p.ipv4 === "any" ? NetworkPolicyIpBlock.anyIpv4() : NetworkPolicyIpBlock.ipv4(p.ipv4, p.except);
  return p.ipv6 === "any" ? NetworkPolicyIpBlock.anyIpv6() : NetworkPolicyIpBlock.ipv6(p.ipv6, p.except);
}

function selector(s: string | { pods: CasePods }, m: Model): IPodSelector {
  if (typeof s === "string") return workloadNamed(s, m);
  only(s, ["pods"], "selector");
  return pods(s.pods);
}

function port(p: CasePort): NetworkPolicyPort {
  const { protocol, value } = portEntry(p);
  const range = typeof value === "string" ? /^(\d+)-(\d+)$/.exec(value) : null;
  if (value === "all") return NetworkPolicyPort.of({ protocol });
  if (range) return NetworkPolicyPort.of({ protocol, port: Number(range[1]), endPort: Number(range[2]) });
  return NetworkPolicyPort.of({ protocol, port: value });
}

function rule(r: CaseRule, m: Model): NetworkPolicyRule {
  only(r, ["peer", "peers", "ports"], "rule");
  return {
    ...(r.peer !== undefined ? { peer: peer(r.peer, m) } : {}),
    ...(r.peers ? { peers: r.peers.map((p) => peer(p, m)) } : {}),
    ...(r.ports ? { ports: r.ports.map(port) } : {}),
  };
}

function traffic(t: CaseTraffic, m: Model): NetworkPolicyTraffic {
  only(t, ["default", "rules"], "traffic");
  const defaults = { deny: NetworkPolicyTrafficDefault.DENY, allow: NetworkPolicyTrafficDefault.ALLOW };
  return {
    ...(t.default ? { default: defaults[t.default] } : {}),
    ...(t.rules ? { rules: t.rules.map((r) => rule(r, m)) } : {}),
  };
}

function policy(p: CasePolicy, m: Model): NetworkPolicy {
  only(p, ["name", "namespace", "selector", "ingress", "egress"], `policy ${p.name}`);
  return new NetworkPolicy({
    name: p.name,
    ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
    ...(p.selector !== undefined ? { selector: selector(p.selector, m) } : {}),
    ...(p.ingress ? { ingress: traffic(p.ingress, m) } : {}),
    ...(p.egress ? { egress: traffic(p.egress, m) } : {}),
  });
}

function connection(c: CaseConnection, m: Model): NetworkPolicy[] {
  only(c, ["from", "to", "ports", "isolation"], "connection");
  const options = {
    ...(c.ports ? { ports: c.ports.map(port) } : {}),
    ...(c.isolation
      ? { isolation: c.isolation === "pod" ? PodConnectionsIsolation.POD : PodConnectionsIsolation.PEER }
      : {}),
  };
  if (typeof c.from === "string") return allowTo(workloadNamed(c.from, m), peer(c.to, m), options);
  if (typeof c.to === "string") return allowFrom(workloadNamed(c.to, m), peer(c.from, m), options);
  throw new Error("a connection needs a workload at one end");
}

/** A warning as the CLI prints it for a spec file, without the position: `warning: what — expected. Hint`. */
function warningText(d: Diagnostic): string {
  const { subject: _s, file: _f, line: _l, column: _c, ...plain } = restate(d, "spec");
  return formatDiagnostic({ ...plain, path: [] });
}

describe.each(readCases())("case $name", (c) => {
  const m = model(c.spec);
  const manifests = m.policies.map((p) => p.toManifest());

  it("renders expected.k8s.yaml byte for byte, valid NetworkPolicies", () => {
    expect(toYaml(manifests)).toBe(c.expectedYaml);
    for (const manifest of manifests) expect(networkPolicyProblems(manifest)).toEqual([]);
  });

  it("has the connectivity of expected.map.txt", () => {
    const objects = [...m.namespaces, ...[...m.workloads.values()].map((w) => w.toManifest()), ...manifests];
    const map = analyzeConnectivity({ objects });
    expect(FORMATTERS.txt.connections(map.connections())).toBe(c.expectedMap);
  });

  it("warns as expected.warnings.txt says", () => {
    expect(m.policies.flatMap((p) => p.warnings.map(warningText)).sort()).toEqual(warningTexts(c.expectedWarnings));
  });

  it("holds the expectations of `expect:`", () => {
    const objects = [...m.namespaces, ...[...m.workloads.values()].map((w) => w.toManifest()), ...manifests];
    const name = (n: string) => {
      const w = m.workloads.get(n);
      return w ? `${w.namespace ?? "default"}/${w.name}[${w.kind}]` : n;
    };
    const expectations = caseExpectations(c.spec).map((e) => ({
      from: name(e.from),
      to: name(e.to),
      [e.verdict]: e.ports.length === 0 ? "all" : e.ports,
    }));
    expect(expectations.length > 0).toBe(c.spec.expect !== undefined);
    const report = checkExpectations(analyzeConnectivity({ objects }), expectations);
    expect(report.diagnostics).toEqual([]);
    expect(report.results.map((r) => [r.index, r.ok])).toEqual(expectations.map((_, i) => [i, true]));
  });
});
