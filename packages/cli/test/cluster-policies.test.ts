// Cluster-wide policies in spec files: `generate` writes them (v1alpha2, or v1alpha1 on request), `map` analyses them
// with the rest of the spec, and problems are reported at their line in spec words.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasStackTrace, netpol, tempDir } from "./helpers.js";

const SPEC = `apiVersion: netpol.dev/v1alpha1
kind: NetworkPolicySpec
workloads:
  api: { kind: Deployment, namespace: shop, labels: { app: api }, ports: [{ tcp: 8080, name: http }] }
  db: { kind: StatefulSet, namespace: data, labels: { app: db }, ports: [{ tcp: 5432 }] }
policies:
  - selector: db
    ingress:
      rules:
        - peer: { pods: all }
clusterPolicies:
  - name: protect-data
    tier: admin
    priority: 10
    subject: { namespaces: { names: [data] } }
    ingress:
      - name: api-to-db
        action: accept
        peers: [api]
        ports: [{ tcp: 5432 }]
      - name: nobody-else
        action: deny
        peers: [{ namespaces: all }]
  - name: default
    tier: baseline
    priority: 100
    subject: { namespaces: all }
    egress:
      - name: no-smtp
        action: deny
        peers: [{ networks: [0.0.0.0/0] }]
        ports: [{ tcp: 25 }]
`;

const RENDERED = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: protect-data
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: data
  ingress:
    - name: api-to-db
      action: Accept
      from:
        - pods:
            namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: shop
            podSelector:
              matchLabels:
                app: api
      protocols:
        - tcp:
            destinationPort:
              number: 5432
    - name: nobody-else
      action: Deny
      from:
        - namespaces: {}
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: default
spec:
  tier: Baseline
  priority: 100
  subject:
    namespaces: {}
  egress:
    - name: no-smtp
      action: Deny
      to:
        - networks:
            - 0.0.0.0/0
      protocols:
        - tcp:
            destinationPort:
              number: 25
`;

describe("clusterPolicies in a spec", () => {
  it("generate writes each as a ClusterNetworkPolicy after the NetworkPolicies", () => {
    const r = netpol(["generate", "-"], { input: SPEC });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const docs = r.stdout.split(/^---\n/m);
    expect(docs[0]).toMatch(/^apiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\n/);
    expect(docs.slice(1).join("---\n")).toBe(RENDERED);
  });

  it("generate -o dir writes a cluster-wide policy to <kind>.<name>.yaml", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), SPEC);
    const r = netpol(["generate", "spec.yaml", "-o", "out/"], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "out", "clusternetworkpolicy.default.yaml"), "utf8")).toBe(
      RENDERED.split(/^---\n/m)[1],
    );
  });

  it("writes v1alpha1 AdminNetworkPolicy with version: v1alpha1 (Allow for accept)", () => {
    const spec = SPEC.replace("    priority: 10\n", "    priority: 10\n    version: v1alpha1\n");
    const r = netpol(["generate", "-"], { input: spec });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("kind: AdminNetworkPolicy\nmetadata:\n  name: protect-data\n");
    expect(r.stdout).toContain("      action: Allow\n");
  });

  it("map analyses them with the spec's workloads and policies, and --explain names the deciding rule", () => {
    const r = netpol(["map", "-"], { input: SPEC });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("shop/api[Deployment] => data/db[StatefulSet] : TCP 5432\n");
    // The NetworkPolicy admits every pod of data; the Admin tier leaves only api on 5432.
    expect(r.stdout).not.toContain("[External] => data/db[StatefulSet]");
    const explained = netpol(["map", "-", "--explain", "--focus-workload", "data/db"], { input: SPEC });
    expect(explained.status, explained.stderr).toBe(0);
    expect(explained.stdout).toContain(
      [
        "\tAllowed TCP:[5432] due to the following policies and rules:",
        "\t\tEgress (Allowed) due to the system default (Allow all)",
        "\t\tIngress (Allowed)",
        "\t\t\tClusterNetworkPolicy 'protect-data' allows connections by Ingress rule api-to-db",
      ].join("\n"),
    );
    expect(explained.stdout).toContain(
      "\t\t\tClusterNetworkPolicy 'protect-data' denies connections by Ingress rule nobody-else\n",
    );
  });

  it("reports problems at their line in spec words: an unknown action, a named port with a protocol", () => {
    const bad = SPEC.replace("action: accept", "action: allow").replace(
      "ports: [{ tcp: 25 }]",
      "ports: [{ tcp: smtp }]",
    );
    const r = netpol(["generate", "-"], { input: bad });
    expect(r.status).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const line = (text: string) => bad.split("\n").findIndex((l) => l.includes(text)) + 1;
    expect(r.stderr).toContain(`<stdin>:${line("action: allow")}:`);
    expect(r.stderr).toMatch(/accept, deny or pass|"accept", "deny" or "pass"/);
  });

  it("reports a named port with a protocol with the spec's own hint", () => {
    const bad = SPEC.replace("ports: [{ tcp: 25 }]", "ports: [{ tcp: smtp }]");
    const r = netpol(["generate", "-"], { input: bad });
    expect(r.status).toBe(2);
    const line = bad.split("\n").findIndex((l) => l.includes("tcp: smtp")) + 1;
    expect(r.stderr).toContain(`<stdin>:${line}:`);
    expect(r.stderr).toContain("{ namedPort: smtp }");
  });
});
