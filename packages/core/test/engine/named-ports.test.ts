// Analysis warnings about named ports toward addresses: a named port resolves against pods, never addresses.
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/analysis.js";
import { formatDiagnostic } from "../../src/index.js";

const web = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c" }] } } },
};

const policy = (egress: object[]) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name: "named", namespace: "shop" },
  spec: { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Egress"], egress },
});

const warningsOf = (egress: object[]) =>
  analyzeConnectivity({ objects: [web, policy(egress)] }).diagnostics.filter((d) => d.code === "named-port-ip-block");

describe("named ports toward ipBlock peers", () => {
  it("warns that a named port of an egress rule allows nothing toward its ipBlock peers", () => {
    const warnings = warningsOf([{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: "http" }] }]);
    expect(warnings.map((d) => [d.severity, d.path, formatDiagnostic(d)])).toEqual([
      [
        "warning",
        ["spec", "egress", 0, "ports", 0, "port"],
        'warning: NetworkPolicy shop/named: spec.egress[0].ports[0].port: named port "http" toward an ipBlock peer allows nothing there: addresses outside the cluster have no named ports. Give the port number for traffic to addresses, in a rule of its own',
      ],
    ]);
  });

  it("says nothing of named ports toward pods or any peer, nor of port numbers toward addresses", () => {
    expect(warningsOf([{ to: [{ podSelector: {} }], ports: [{ port: "http" }] }])).toEqual([]);
    expect(warningsOf([{ ports: [{ port: "http" }] }])).toEqual([]);
    expect(warningsOf([{ to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: 80 }] }])).toEqual([]);
  });
});
