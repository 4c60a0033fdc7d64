// Named-port warnings on netpol-analyzer's conditions: a destination of the rule lacks the name; egress toward addresses.
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/engine/analyze.js";

const deployment = (name: string, ports: object[]) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "shop" },
  spec: {
    template: { metadata: { labels: { app: name, tier: "all" } }, spec: { containers: [{ name: "c", ports }] } },
  },
});
const policy = (spec: object) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name: "p", namespace: "shop" },
  spec,
});
const workloads = [
  deployment("web", [{ name: "http", containerPort: 8080 }]),
  deployment("db", [{ name: "http", containerPort: 8080, protocol: "UDP" }]),
  deployment("job", []),
];

/** The named-port warnings of an analysis: code, path and message. */
function warnings(spec: object): string[] {
  return analyzeConnectivity({ objects: [...workloads, policy(spec)] })
    .diagnostics.filter((d) => d.code.startsWith("named-port"))
    .map((d) => `${d.code} ${d.path.join(".")}: ${d.message}`);
}

describe("named-port warnings", () => {
  it("name the destinations of a rule that do not define the port on its protocol", () => {
    expect(
      warnings({ podSelector: { matchLabels: { tier: "all" } }, ingress: [{ ports: [{ port: "http" }] }] }),
    ).toEqual([
      "named-port-undefined spec.ingress.0.ports.0.port: named port TCP http of policy shop/p is defined by no shop/db[Deployment], shop/job[Deployment], so it allows nothing there",
    ]);
  });

  it("say nothing of an ingress rule that admits no source of the input", () => {
    const from = [{ podSelector: { matchLabels: { app: "nobody" } } }];
    expect(warnings({ podSelector: {}, ingress: [{ from, ports: [{ port: "nope" }] }] })).toEqual([]);
  });

  it("warn about an egress named port toward an ipBlock, besides the pods it does not resolve on", () => {
    const to = [{ ipBlock: { cidr: "10.0.0.0/8" } }, { podSelector: { matchLabels: { app: "web" } } }];
    expect(warnings({ podSelector: {}, egress: [{ to, ports: [{ port: "http" }] }], policyTypes: ["Egress"] })).toEqual(
      [
        "named-port-ipblock spec.egress.0.ports.0.port: named port TCP http cannot match the addresses of ipBlock 10.0.0.0/8: only pods have named ports, so the rule allows those addresses nothing on it",
      ],
    );
  });

  it("warn about an egress named port of a rule with no `to` (it reaches addresses too)", () => {
    expect(
      warnings({ podSelector: {}, egress: [{ ports: [{ port: "http", protocol: "UDP" }] }], policyTypes: ["Egress"] }),
    ).toEqual([
      'named-port-no-to spec.egress.0.ports.0.port: named port UDP http of a rule with no "to" allows nothing toward addresses outside the cluster: only pods have named ports',
      "named-port-undefined spec.egress.0.ports.0.port: named port UDP http of policy shop/p is defined by no shop/job[Deployment], shop/web[Deployment], so it allows nothing there",
    ]);
  });
});
