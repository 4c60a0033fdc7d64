// The semantics cases (packages/core/testdata/<case>/, see its README) as Pulumi programs under Pulumi's mock runtime:
// workloads as k8s.core.v1.Pod / k8s.apps.v1.Deployment / StatefulSet resources named as in the model, namespaces as
// k8s.core.v1.Namespace, policies as @netpol/pulumi NetworkPolicy components, connections through
// `connections(resource)`. What is compared, from what the program registers with the engine:
//   - the NetworkPolicy inputs equal expected.k8s.yaml's objects (ordered by namespace/name). Component names are
//     Pulumi's own: a program needs them unique, and the model's policy names are not (shop has `default-deny` in two
//     namespaces), so a policy of `policies:` is the component `policies[i]` with `metadata.name` set to its name;
//     connection components are named by core from the resources' names, which are the model's workload names, so
//     their policies get the names the CLI gives (`web-allow-egress-to-redis`);
//   - the connectivity map of the registered namespaces, workloads and policies equals expected.map.txt;
//   - the warnings the components log equal expected.warnings.txt without positions and without hints: Pulumi logs
//     them with the hint worded for TypeScript (`NetworkPolicyTrafficDefault.DENY`), the spec file for YAML.
// Each case is a program of its own; they share the mock runtime's one stack, which does not check that resource
// names are unique across programs.
// The subset of the spec understood (anything else fails the case): namespaces with labels; workloads (Pod,
// Deployment, StatefulSet) with namespace, labels and container ports; named policies with namespace, selector
// (workload or { pods }), ingress/egress defaults and rules; connections from or to a workload, with ports and
// isolation; peers: workloads, { pods }, { namespaces } by names/labels, { ipv4|ipv6: cidr | any, except }; ports:
// number, name, "from-to" or all. Not understood: label expressions, `all` pods or namespaces, `isolate`, policy
// labels and annotations (no case uses them).

import { analyzeConnectivity, FORMATTERS } from "@netpol/core/analysis";
import type * as K8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it, vi } from "vitest";
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
  type CaseWorkload,
  caseExpectations,
  only,
  portEntry,
  readCases,
  warningTexts,
  workloadManifest,
} from "../../../test-support/cases.js";
import type * as Netpol from "../src/index.js";
import { installMocks, K8S_NETWORK_POLICY, type Registered, settle } from "./harness.js";

let registered: Registered[];
let np: typeof Netpol;
let k8s: typeof K8s;

beforeAll(async () => {
  registered = installMocks();
  // Modules that create resources must load after the mocks are installed.
  np = await import("../src/index.js");
  k8s = await import("@pulumi/kubernetes");
});

/** One case's program: its workload resources by name, and every resource it created. */
interface Program {
  readonly workloads: Map<string, Netpol.WorkloadResource>;
  readonly resources: pulumi.Resource[];
}

function program(spec: CaseSpec): Program {
  only(spec, ["namespaces", "workloads", "policies", "connections", "expect"], "spec");
  const p: Program = { workloads: new Map(), resources: [] };
  for (const [name, ns] of Object.entries(spec.namespaces ?? {})) p.resources.push(namespace(name, ns));
  for (const [name, w] of Object.entries(spec.workloads ?? {})) p.workloads.set(name, workload(name, w));
  p.resources.push(...p.workloads.values());
  for (const section of Object.keys(spec)) {
    if (section === "policies") (spec.policies ?? []).forEach((x, i) => p.resources.push(policy(x, i, p).policy));
    if (section === "connections")
      for (const c of spec.connections ?? []) p.resources.push(...connection(c, p).map((x) => x.policy));
  }
  return p;
}

function namespace(name: string, ns: { labels?: Record<string, string> }): K8s.core.v1.Namespace {
  only(ns, ["labels"], `namespaces.${name}`);
  return new k8s.core.v1.Namespace(name, { metadata: { name, ...ns } });
}

function workload(name: string, w: CaseWorkload): Netpol.WorkloadResource {
  const { metadata, spec } = workloadManifest(name, w);
  const args = { metadata, spec } as never;
  if (w.kind === "Pod") return new k8s.core.v1.Pod(name, args);
  return w.kind === "Deployment" ? new k8s.apps.v1.Deployment(name, args) : new k8s.apps.v1.StatefulSet(name, args);
}

function workloadNamed(name: string, p: Program): Netpol.WorkloadResource {
  const w = p.workloads.get(name);
  if (!w) throw new Error(`no workload named ${name}`);
  return w;
}

function namespaces(ns: CaseNamespaces): Netpol.Namespaces {
  only(ns, ["names", "labels"], "namespaces");
  return np.Namespaces.select(ns);
}

function pods(x: CasePods): Netpol.Pods {
  only(x, ["labels", "namespaces"], "pods");
  const { namespaces: ns, ...labels } = x;
  return np.Pods.select({ ...labels, ...(ns ? { namespaces: namespaces(ns) } : {}) });
}

function peer(x: CasePeer, p: Program): Netpol.PeerInput {
  if (typeof x === "string") return workloadNamed(x, p);
  if ("pods" in x) return pods(x.pods);
  if ("namespaces" in x) return namespaces(x.namespaces);
  only(x, ["ipv4", "ipv6", "except"], "peer");
  if ("ipv4" in x)
    return x.ipv4 === "any" ? np.NetworkPolicyIpBlock.anyIpv4() : np.NetworkPolicyIpBlock.ipv4(x.ipv4, x.except);
  return x.ipv6 === "any" ? np.NetworkPolicyIpBlock.anyIpv6() : np.NetworkPolicyIpBlock.ipv6(x.ipv6, x.except);
}

function selector(s: string | { pods: CasePods }, p: Program): Netpol.PodSelectorInput {
  if (typeof s === "string") return workloadNamed(s, p);
  only(s, ["pods"], "selector");
  return pods(s.pods);
}

function port(x: CasePort): Netpol.NetworkPolicyPort {
  const { protocol, value } = portEntry(x);
  const range = typeof value === "string" ? /^(\d+)-(\d+)$/.exec(value) : null;
  if (value === "all") return np.NetworkPolicyPort.of({ protocol });
  if (range) return np.NetworkPolicyPort.of({ protocol, port: Number(range[1]), endPort: Number(range[2]) });
  return np.NetworkPolicyPort.of({ protocol, port: value });
}

function rule(r: CaseRule, p: Program): Netpol.NetworkPolicyRuleArgs {
  only(r, ["peer", "peers", "ports"], "rule");
  return {
    ...(r.peer !== undefined ? { peer: peer(r.peer, p) } : {}),
    ...(r.peers ? { peers: r.peers.map((x) => peer(x, p)) } : {}),
    ...(r.ports ? { ports: r.ports.map(port) } : {}),
  };
}

function traffic(t: CaseTraffic, p: Program): Netpol.NetworkPolicyTrafficArgs {
  only(t, ["default", "rules"], "traffic");
  const defaults = { deny: np.NetworkPolicyTrafficDefault.DENY, allow: np.NetworkPolicyTrafficDefault.ALLOW };
  return {
    ...(t.default ? { default: defaults[t.default] } : {}),
    ...(t.rules ? { rules: t.rules.map((r) => rule(r, p)) } : {}),
  };
}

function policy(x: CasePolicy, i: number, p: Program): Netpol.NetworkPolicy {
  only(x, ["name", "namespace", "selector", "ingress", "egress"], `policy ${x.name}`);
  return new np.NetworkPolicy(`policies[${i}]`, {
    metadata: { name: x.name, ...(x.namespace !== undefined ? { namespace: x.namespace } : {}) },
    ...(x.selector !== undefined ? { selector: selector(x.selector, p) } : {}),
    ...(x.ingress ? { ingress: traffic(x.ingress, p) } : {}),
    ...(x.egress ? { egress: traffic(x.egress, p) } : {}),
  });
}

function connection(c: CaseConnection, p: Program): Netpol.NetworkPolicy[] {
  only(c, ["from", "to", "ports", "isolation"], "connection");
  const isolation = { pod: np.PodConnectionsIsolation.POD, peer: np.PodConnectionsIsolation.PEER };
  const options = {
    ...(c.ports ? { ports: c.ports.map(port) } : {}),
    ...(c.isolation ? { isolation: isolation[c.isolation] } : {}),
  };
  if (typeof c.from === "string") return np.connections(workloadNamed(c.from, p)).allowTo(peer(c.to, p), options);
  if (typeof c.to === "string") return np.connections(workloadNamed(c.to, p)).allowFrom(peer(c.from, p), options);
  throw new Error("a connection needs a workload at one end");
}

/** Runs a case's program to completion: what it registered, and the warnings it logged (without where). */
async function run(spec: CaseSpec): Promise<{ registered: Registered[]; warnings: string[]; program: Program }> {
  const start = registered.length;
  const warnings: string[] = [];
  const warn = vi.spyOn(pulumi.log, "warn").mockImplementation(async (message) => {
    // `NetworkPolicy policy: ingress.rules[0].ports[0]: what…` (Pulumi shows the level): the policy and path go.
    expect(message).not.toMatch(/^warning:/);
    warnings.push(message.replace(/^NetworkPolicy \S+: (?:\S+: )?/, "warning: "));
  });
  let made: Program | undefined;
  try {
    made = program(spec);
    await Promise.all(made.resources.map((r) => settle(r.urn)));
  } finally {
    warn.mockRestore();
  }
  return { registered: registered.slice(start), warnings, program: made };
}

/** A warning without its hint (the text from the first `. X` on): Pulumi words hints for TypeScript. */
const withoutHint = (text: string) => text.replace(/\. [A-Z].*$/, "");

describe.each(readCases())("case $name", (c) => {
  let result: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    result = await run(c.spec);
  });

  it("registers the NetworkPolicies of expected.k8s.yaml", () => {
    const policies = result.registered.filter((r) => r.type === K8S_NETWORK_POLICY).map((r) => r.inputs);
    expect(byKey(policies)).toEqual(byKey(c.expectedManifests));
  });

  it("has the connectivity of expected.map.txt", () => {
    const objects = result.registered.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.inputs);
    expect(FORMATTERS.txt.connections(analyzeConnectivity({ objects }).connections())).toBe(c.expectedMap);
  });

  it("holds the expectations of `expect:`, asserted on the program's resources", async () => {
    const expectations = caseExpectations(c.spec);
    expect(expectations.length > 0).toBe(c.spec.expect !== undefined);
    const { resources, workloads } = result.program;
    for (const e of expectations) {
      const pair = np
        .expectConnectivity(resources)
        .from(workloads.get(e.from) ?? e.from)
        .to(workloads.get(e.to) ?? e.to);
      expect((await (e.verdict === "allow" ? pair.allows(...e.ports) : pair.denies(...e.ports))).ok).toBe(true);
    }
  });

  it("logs the warnings of expected.warnings.txt", () => {
    expect(result.warnings.map(withoutHint).sort()).toEqual(warningTexts(c.expectedWarnings).map(withoutHint));
  });
});
