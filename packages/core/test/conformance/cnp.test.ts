// The ClusterNetworkPolicy conformance suite of kubernetes-sigs/network-policy-api, as data (../shared/conformance/cnp):
// for each test and each of its steps, the cluster of model.yaml (nodes, namespaces with the step's labels, pods with
// their IPs, named ports and hostNetwork) and the step's policies; every probe's verdict must be the engine's.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import { conformanceDir, hasConformance } from "./paths.js";

const root = join(conformanceDir, "cnp");
const tests = hasConformance
  ? readdirSync(root)
      .filter((d) => /^\d/.test(d))
      .sort()
  : [];

interface Model {
  nodes: { name: string; ip: string; labels: Record<string, string> }[];
  namespaces: { name: string; labels: Record<string, string> }[];
  pods: {
    namespace: string;
    name: string;
    labels: Record<string, string>;
    hostNetwork: boolean;
    node: string;
    ip: string;
    containers: { name: string; ports: { name: string; containerPort: number; protocol: string }[] }[];
  }[];
}

interface Expected {
  steps: { index: number; policies: string; namespaceLabels: Record<string, Record<string, string>> }[];
  probes: {
    from: string;
    to: string;
    port: number;
    protocol: "TCP" | "UDP" | "SCTP";
    allowed: boolean;
    step: number;
  }[];
}

const model = hasConformance ? (parseYaml(readFileSync(join(root, "model.yaml"), "utf8")) as Model) : undefined;

/** The model's objects, with a step's namespace labels in place of the model's. */
function clusterObjects(labels: Expected["steps"][number]["namespaceLabels"]): unknown[] {
  const m = model as Model;
  return [
    ...m.nodes.map((n) => ({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: n.name, labels: n.labels },
      status: { addresses: [{ type: "InternalIP", address: n.ip }] },
    })),
    ...m.namespaces.map((n) => ({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: n.name, labels: labels[n.name] ?? n.labels },
    })),
    ...m.pods.map((p) => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: {
        nodeName: p.node,
        hostNetwork: p.hostNetwork,
        containers: p.containers.map((c) => ({ name: c.name, image: "agnhost", ports: c.ports })),
      },
      status: { podIP: p.ip },
    })),
  ];
}

describe.skipIf(!hasConformance)("ClusterNetworkPolicy conformance (cnp)", () => {
  it.each(tests)("%s: every probe of every step", (test) => {
    const expected = JSON.parse(readFileSync(join(root, test, "expected.json"), "utf8")) as Expected;
    expect(expected.probes.length).toBeGreaterThan(0);
    for (const step of expected.steps) {
      const text = readFileSync(join(root, test, step.policies), "utf8");
      const policies = parseAllDocuments(text, { version: "1.1" })
        .map((d) => d.toJS() as unknown)
        .filter((o) => o !== null);
      const map = analyzeConnectivity({ objects: [...clusterObjects(step.namespaceLabels), ...policies] });
      expect(map.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const probes = expected.probes.filter((p) => p.step === step.index);
      const verdicts = probes.map((p) => ({
        ...p,
        allowed: map.canReach(p.from, p.to, { port: p.port, protocol: p.protocol }),
      }));
      expect(verdicts, `${test} step ${step.index}`).toEqual(probes);
    }
  });
});
