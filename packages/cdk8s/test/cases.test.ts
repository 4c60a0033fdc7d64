// The semantics cases (packages/core/testdata/<case>/, see its README) as cdk8s apps: one chart per case, its
// workloads as ApiObjects of their kind (read by @netpol/cdk8s as any imported KubeDeployment would be), its policies
// as @netpol/cdk8s NetworkPolicy constructs named as in the model, its connections through `connections(w, chart)`.
// What is compared with the expected files, after real synthesis (`Testing.synth`):
//   - the policies of `policies:` equal the expected ones as objects (ordered by namespace/name): cdk8s orders keys
//     its own way, byte equality is the CLI's promise;
//   - the policies of `connections:` mean what the expected ones mean (normalize.ts), not object for object: a cdk8s
//     chart keeps one policy per selected pods for all their connections (as cdk8s-plus' `pod.connections` does),
//     named by cdk8s from the construct id core gives it (`case-api-connections-in-shop-c85cac09`), where the CLI
//     writes one policy per side of each connection (`api-allow-egress-to-postgres`, `api-allow-egress-to-redis`);
//   - the connectivity map of everything synthesized (namespaces, workloads, policies) equals expected.map.txt;
//   - the constructs' warnings, worded for spec files, equal expected.warnings.txt without positions.
// The subset of the spec understood (anything else fails the case): namespaces with labels; workloads (Pod,
// Deployment, StatefulSet) with namespace, labels and container ports; named policies with namespace, selector
// (workload or { pods }), ingress/egress defaults and rules; connections from or to a workload, with ports and
// isolation; peers: workloads, { pods }, { namespaces } by names/labels, { ipv4|ipv6: cidr | any, except }; ports:
// number, name, "from-to" or all. Not understood: label expressions, `all` pods or namespaces, `isolate`, policy
// labels and annotations (no case uses them).
import { formatDiagnostic, restate } from "@netpol/core";
import { analyzeConnectivity, FORMATTERS } from "@netpol/core/analysis";
import { ApiObject, Chart, Testing } from "cdk8s";
import { describe, expect, it } from "vitest";
import {
  byKey,
  type CaseConnection,
  type CaseNamespaces,
  type CasePeer,
  type CasePods,
  type CasePolicy,
  type CasePort,
  type CaseRule,
  type CaseSpec,
  type CaseTraffic,
  caseExpectations,
  objectKey,
  only,
  portEntry,
  readCases,
  warningTexts,
  workloadManifest,
} from "../../../test-support/cases.js";
import * as np from "../src/index.js";
import { meanings } from "./normalize.js";

/** One case's chart: the workloads by name, and the policy constructs of `policies:`. */
interface App {
  readonly chart: Chart;
  readonly workloads: Map<string, ApiObject>;
  readonly declared: np.NetworkPolicy[];
  /** A fresh construct id (Pods and Namespaces are constructs here). */
  readonly id: (prefix: string) => string;
}

function app(spec: CaseSpec): App {
  only(spec, ["namespaces", "workloads", "policies", "connections", "expect"], "spec");
  const chart = new Chart(Testing.app(), "Case");
  let n = 0;
  const a: App = { chart, workloads: new Map(), declared: [], id: (prefix) => `${prefix}${++n}` };
  for (const [name, ns] of Object.entries(spec.namespaces ?? {})) namespace(name, ns, a);
  for (const [name, w] of Object.entries(spec.workloads ?? {}))
    a.workloads.set(name, new ApiObject(chart, `workload-${name}`, workloadManifest(name, w)));
  for (const section of Object.keys(spec)) {
    if (section === "policies") a.declared.push(...(spec.policies ?? []).map((p) => policy(p, a)));
    if (section === "connections") for (const c of spec.connections ?? []) connection(c, a);
  }
  return a;
}

function namespace(name: string, ns: { labels?: Record<string, string> }, a: App): void {
  only(ns, ["labels"], `namespaces.${name}`);
  new ApiObject(a.chart, `namespace-${name}`, { apiVersion: "v1", kind: "Namespace", metadata: { name, ...ns } });
}

function workloadNamed(name: string, a: App): ApiObject {
  const w = a.workloads.get(name);
  if (!w) throw new Error(`no workload named ${name}`);
  return w;
}

function namespaces(ns: CaseNamespaces, a: App): np.Namespaces {
  only(ns, ["names", "labels"], "namespaces");
  return np.Namespaces.select(a.chart, a.id("Namespaces"), ns);
}

function pods(p: CasePods, a: App): np.Pods {
  only(p, ["labels", "namespaces"], "pods");
  const { namespaces: ns, ...labels } = p;
  return np.Pods.select(a.chart, a.id("Pods"), { ...labels, ...(ns ? { namespaces: namespaces(ns, a) } : {}) });
}

function peer(p: CasePeer, a: App): np.PeerInput {
  if (typeof p === "string") return workloadNamed(p, a);
  if ("pods" in p) return pods(p.pods, a);
  if ("namespaces" in p) return namespaces(p.namespaces, a);
  only(p, ["ipv4", "ipv6", "except"], "peer");
  if ("ipv4" in p)
    return p.ipv4 === "any" ? np.NetworkPolicyIpBlock.anyIpv4() : np.NetworkPolicyIpBlock.ipv4(p.ipv4, p.except);
  return p.ipv6 === "any" ? np.NetworkPolicyIpBlock.anyIpv6() : np.NetworkPolicyIpBlock.ipv6(p.ipv6, p.except);
}

function selector(s: string | { pods: CasePods }, a: App): np.PodSelectorInput {
  if (typeof s === "string") return workloadNamed(s, a);
  only(s, ["pods"], "selector");
  return pods(s.pods, a);
}

function port(p: CasePort): np.NetworkPolicyPort {
  const { protocol, value } = portEntry(p);
  const range = typeof value === "string" ? /^(\d+)-(\d+)$/.exec(value) : null;
  if (value === "all") return np.NetworkPolicyPort.of({ protocol });
  if (range) return np.NetworkPolicyPort.of({ protocol, port: Number(range[1]), endPort: Number(range[2]) });
  return np.NetworkPolicyPort.of({ protocol, port: value });
}

function rule(r: CaseRule, a: App): np.NetworkPolicyRule {
  only(r, ["peer", "peers", "ports"], "rule");
  return {
    ...(r.peer !== undefined ? { peer: peer(r.peer, a) } : {}),
    ...(r.peers ? { peers: r.peers.map((p) => peer(p, a)) } : {}),
    ...(r.ports ? { ports: r.ports.map(port) } : {}),
  };
}

function traffic(t: CaseTraffic, a: App): np.NetworkPolicyTraffic {
  only(t, ["default", "rules"], "traffic");
  const defaults = { deny: np.NetworkPolicyTrafficDefault.DENY, allow: np.NetworkPolicyTrafficDefault.ALLOW };
  return {
    ...(t.default ? { default: defaults[t.default] } : {}),
    ...(t.rules ? { rules: t.rules.map((r) => rule(r, a)) } : {}),
  };
}

function policy(p: CasePolicy, a: App): np.NetworkPolicy {
  only(p, ["name", "namespace", "selector", "ingress", "egress"], `policy ${p.name}`);
  return new np.NetworkPolicy(a.chart, a.id("Policy"), {
    metadata: { name: p.name, ...(p.namespace !== undefined ? { namespace: p.namespace } : {}) },
    ...(p.selector !== undefined ? { selector: selector(p.selector, a) } : {}),
    ...(p.ingress ? { ingress: traffic(p.ingress, a) } : {}),
    ...(p.egress ? { egress: traffic(p.egress, a) } : {}),
  });
}

function connection(c: CaseConnection, a: App): void {
  only(c, ["from", "to", "ports", "isolation"], "connection");
  const isolation = { pod: np.PodConnectionsIsolation.POD, peer: np.PodConnectionsIsolation.PEER };
  const options = {
    ...(c.ports ? { ports: c.ports.map(port) } : {}),
    ...(c.isolation ? { isolation: isolation[c.isolation] } : {}),
  };
  if (typeof c.from === "string") np.connections(workloadNamed(c.from, a), a.chart).allowTo(peer(c.to, a), options);
  else if (typeof c.to === "string")
    np.connections(workloadNamed(c.to, a), a.chart).allowFrom(peer(c.from, a), options);
  else throw new Error("a connection needs a workload at one end");
}

describe.each(readCases())("case $name", (c) => {
  const a = app(c.spec);
  const objects = Testing.synth(a.chart) as Record<string, unknown>[];
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  const declared = new Set(
    a.declared.map((p) => objectKey({ metadata: { name: p.name, namespace: p.metadata.namespace } })),
  );
  const isDeclared = (o: unknown) => declared.has(objectKey(o));

  it("synthesizes the policies of `policies:` as expected.k8s.yaml has them", () => {
    const expected = c.expectedManifests.filter(isDeclared);
    expect(expected).toHaveLength(a.declared.length);
    expect(byKey(policies.filter(isDeclared))).toEqual(byKey(expected));
  });

  it("synthesizes policies for `connections:` that mean what expected.k8s.yaml's mean", () => {
    const connected = (list: readonly Record<string, unknown>[]) => list.filter((o) => !isDeclared(o));
    expect(meanings(connected(policies))).toEqual(meanings(connected(c.expectedManifests)));
  });

  it("has the connectivity of expected.map.txt", () => {
    expect(FORMATTERS.txt.connections(analyzeConnectivity({ objects }).connections())).toBe(c.expectedMap);
  });

  it("holds the expectations of `expect:`, asserted on the chart's constructs", () => {
    const expectations = caseExpectations(c.spec);
    expect(expectations.length > 0).toBe(c.spec.expect !== undefined);
    const shop = np.expectConnectivity(a.chart);
    for (const e of expectations) {
      const pair = shop.from(a.workloads.get(e.from) ?? e.from).to(a.workloads.get(e.to) ?? e.to);
      expect((e.verdict === "allow" ? pair.allows(...e.ports) : pair.denies(...e.ports)).ok).toBe(true);
    }
  });

  it("warns as expected.warnings.txt says", () => {
    const constructs = a.chart.node.findAll().filter(np.NetworkPolicy.isNetworkPolicy);
    const texts = constructs.flatMap((p) =>
      p.warnings.map((w) => {
        const { subject: _s, ...plain } = restate(w, "spec");
        return formatDiagnostic({ ...plain, path: [] });
      }),
    );
    expect(texts.sort()).toEqual(warningTexts(c.expectedWarnings));
  });
});
