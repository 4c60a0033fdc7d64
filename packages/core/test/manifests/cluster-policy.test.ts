// Reading existing cluster-wide policy objects strictly: what the CRDs refuse is an error with its path in the object.
import { describe, expect, it } from "vitest";
import {
  clusterPolicyFromManifest,
  parseClusterPolicyManifest,
  readManifestText,
  readObjects,
  readPolicies,
} from "../../src/manifests/index.js";

const cnp = (spec: Record<string, unknown>, name = "p") => ({
  apiVersion: "policy.networking.k8s.io/v1alpha2",
  kind: "ClusterNetworkPolicy",
  metadata: { name },
  spec: { tier: "Admin", priority: 10, subject: { namespaces: {} }, ...spec },
});
const anp = (spec: Record<string, unknown>) => ({
  apiVersion: "policy.networking.k8s.io/v1alpha1",
  kind: "AdminNetworkPolicy",
  metadata: { name: "a" },
  spec: { priority: 10, subject: { namespaces: {} }, ...spec },
});
const banp = (spec: Record<string, unknown>, name = "default") => ({
  apiVersion: "policy.networking.k8s.io/v1alpha1",
  kind: "BaselineAdminNetworkPolicy",
  metadata: { name },
  spec: { subject: { namespaces: {} }, ...spec },
});
const problems = (value: unknown) =>
  parseClusterPolicyManifest(value).diagnostics.map((d) => [d.severity, d.code, d.path.join(".")]);

describe("reading a ClusterNetworkPolicy", () => {
  it("takes a valid policy with every kind of peer and protocol", () => {
    const value = cnp({
      ingress: [
        {
          name: "from-pods",
          action: "Pass",
          from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: "a" } } } }],
          protocols: [
            { tcp: { destinationPort: { number: 80 } } },
            { udp: { destinationPort: { range: { start: 1, end: 9 } } } },
          ],
        },
      ],
      egress: [{ name: "out", action: "Deny", to: [{ networks: ["10.0.0.0/8"] }] }],
    });
    expect(problems(value)).toEqual([]);
    const { policy } = clusterPolicyFromManifest(value);
    expect(policy.kind).toBe("ClusterNetworkPolicy");
    expect(policy.toManifest()).toMatchObject({ spec: { tier: "Admin", priority: 10 } });
  });

  it("refuses an unknown field, a wrong tier, a priority out of range and an Allow (the v1alpha1 word)", () => {
    expect(
      problems(
        cnp({ tier: "admin", priority: 1001, ingres: [], egress: [{ action: "Allow", to: [{ namespaces: {} }] }] }),
      ),
    ).toEqual([
      ["error", "unknown-key", "spec.ingres"],
      ["error", "cluster-tier", "spec.tier"],
      ["error", "cluster-priority", "spec.priority"],
      ["error", "cluster-action", "spec.egress.0.action"],
    ]);
    const [, , , action] = parseClusterPolicyManifest(
      cnp({ tier: "admin", priority: 1001, ingres: [], egress: [{ action: "Allow", to: [{ namespaces: {} }] }] }),
    ).diagnostics;
    expect(action?.hint).toBe("In v1alpha2 the action is Accept (v1alpha1 called it Allow)");
  });

  it("refuses a missing subject, a subject with both fields, an empty peer and a port range ending at its start", () => {
    const { subject: _, ...spec } = cnp({}).spec;
    expect(problems({ ...cnp({}), spec })).toEqual([["error", "missing-key", "spec"]]);
    expect(
      problems(
        cnp({
          subject: { namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } },
          ingress: [
            { action: "Deny", from: [{}], protocols: [{ tcp: { destinationPort: { range: { start: 5, end: 5 } } } }] },
          ],
        }),
      ),
    ).toEqual([
      ["error", "exclusive-keys", "spec.subject"],
      ["error", "cluster-peer-shape", "spec.ingress.0.from.0"],
      ["error", "port-range-order", "spec.ingress.0.protocols.0.tcp.destinationPort.range.end"],
    ]);
  });

  it("refuses networks in an ingress rule, as the CRD does (they are not an ingress peer field)", () => {
    expect(problems(cnp({ ingress: [{ action: "Deny", from: [{ networks: ["10.0.0.0/8"] }] }] }))).toContainEqual([
      "error",
      "unknown-key",
      "spec.ingress.0.from.0.networks",
    ]);
  });

  it("reads a missing podSelector as {} with a warning, as the Go types decode it", () => {
    const value = cnp({ subject: { pods: { namespaceSelector: {} } } });
    expect(problems(value)).toEqual([["warning", "cluster-selector-missing", "spec.subject.pods"]]);
  });
});

describe("reading v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy", () => {
  it("reads Allow as Accept and a port's missing protocol as TCP", () => {
    const value = anp({
      ingress: [
        { name: "r", action: "Allow", from: [{ namespaces: {} }], ports: [{ portNumber: { port: 80 } }] },
        { name: "s", action: "Pass", from: [{ namespaces: {} }] },
      ],
    });
    expect(problems(value)).toEqual([]);
    const rendered = clusterPolicyFromManifest(value).policy.toManifest() as { spec: Record<string, unknown> };
    expect(rendered.spec.ingress).toEqual([
      {
        name: "r",
        action: "Allow",
        from: [{ namespaces: {} }],
        ports: [{ portNumber: { protocol: "TCP", port: 80 } }],
      },
      { name: "s", action: "Pass", from: [{ namespaces: {} }] },
    ]);
  });

  it("refuses Accept in v1alpha1, with the hint that v1alpha1 says Allow", () => {
    const d = parseClusterPolicyManifest(anp({ egress: [{ action: "Accept", to: [{ namespaces: {} }] }] })).diagnostics;
    expect(d.map((x) => [x.code, x.path.join("."), x.hint])).toEqual([
      ["cluster-action", "spec.egress.0.action", "In v1alpha1 the action is Allow (v1alpha2 calls it Accept)"],
    ]);
  });

  it("refuses a Baseline policy with a priority, another name, or a Pass rule", () => {
    expect(problems(banp({ priority: 3, ingress: [{ action: "Pass", from: [{ namespaces: {} }] }] }, "b"))).toEqual([
      ["error", "v1alpha1-unsupported", "metadata.name"],
      ["error", "v1alpha1-unsupported", "spec.priority"],
      ["error", "v1alpha1-unsupported", "spec.ingress.0.action"],
    ]);
  });

  it("refuses a v1alpha1 port range that ends before it starts, and takes a one-port range", () => {
    const range = (start: number, end: number) =>
      anp({
        ingress: [{ action: "Deny", from: [{ namespaces: {} }], ports: [{ portRange: { start, end } }] }],
      });
    expect(problems(range(9, 8))).toEqual([["error", "port-range-order", "spec.ingress.0.ports.0.portRange.end"]]);
    expect(problems(range(8, 8))).toEqual([]);
  });
});

describe("cluster-wide policies among other objects", () => {
  const text = (docs: readonly unknown[]) => docs.map((d) => JSON.stringify(d)).join("\n---\n");

  it("keeps policies of different kinds with one name apart, and warns about a shared tier and priority", () => {
    const read = readManifestText(text([cnp({}, "same"), anp({}), cnp({}, "other")]), "in.yaml");
    const objects = readObjects(read.objects, { sources: read.sources });
    expect(objects.objects.map((o) => o.kind)).toEqual([
      "ClusterNetworkPolicy",
      "AdminNetworkPolicy",
      "ClusterNetworkPolicy",
    ]);
    expect(objects.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      [
        "cluster-priority-shared",
        5,
        "ClusterNetworkPolicy same has the same tier and priority (Admin 10): where both match a connection, an implementation may apply either",
      ],
    ]);
  });

  it("are read into models by readPolicies, beside NetworkPolicies, and kept for an analysis without a warning", () => {
    const read = readManifestText(text([cnp({}), banp({})]), "in.yaml");
    const found = readPolicies(read);
    expect(found.clusterPolicies.map((p) => p.policy.kind)).toEqual([
      "ClusterNetworkPolicy",
      "BaselineAdminNetworkPolicy",
    ]);
    expect(found.diagnostics).toEqual([]);
    const analysed = readObjects(read.objects, { sources: read.sources, analysis: true });
    expect(analysed.objects.map((o) => o.category)).toEqual(["cluster-policy", "cluster-policy"]);
    expect(analysed.diagnostics).toEqual([]);
  });

  it("leaves out a policy with an error, positioned at the bad value", () => {
    const read = readManifestText(`${text([cnp({})])}\n---\n${text([cnp({ priority: -1 }, "bad")])}`, "in.yaml");
    const found = readPolicies(read);
    expect(found.clusterPolicies.map((p) => p.policy.name)).toEqual(["p"]);
    expect(found.diagnostics.map((d) => [d.severity, d.code, d.subject])).toEqual([
      ["error", "cluster-priority", "ClusterNetworkPolicy bad"],
    ]);
  });
});
