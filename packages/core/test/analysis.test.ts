// The model and the engine together, as a user's test of a cdk8s app or Pulumi program would use them.
import { describe, expect, it } from "vitest";
import { analyzeConnectivity, formatConnectionSet } from "../src/analysis.js";
import {
  allowTo,
  isolate,
  Namespaces,
  NetworkPolicy,
  NetworkPolicyPort,
  NetworkPolicyTrafficDefault,
  Pods,
  Workload,
} from "../src/index.js";

const frontend = Workload.of({
  kind: "Deployment",
  name: "frontend",
  namespace: "web",
  labels: { app: "frontend" },
  ports: [{ number: 8080 }],
});
const api = Workload.of({
  kind: "Deployment",
  name: "api",
  namespace: "web",
  labels: { app: "api" },
  ports: [{ number: 8000, name: "http" }],
});
const postgres = Workload.of({
  kind: "StatefulSet",
  name: "postgres",
  namespace: "data",
  labels: { app: "postgres" },
  ports: [{ number: 5432 }],
});
const dns = Workload.of({
  kind: "Deployment",
  name: "coredns",
  namespace: "kube-system",
  labels: { "k8s-app": "kube-dns" },
  ports: [{ number: 53, protocol: "UDP" }, { number: 53 }],
});

function cluster(policies: NetworkPolicy[]) {
  const objects = [
    ...[frontend, api, postgres, dns].map((w) => w.toManifest()),
    ...policies.map((p) => p.toManifest()),
  ];
  return analyzeConnectivity({ objects });
}

describe("model → engine", () => {
  const denyAll = (ns: string) =>
    new NetworkPolicy({
      name: "default-deny",
      namespace: ns,
      ingress: { default: NetworkPolicyTrafficDefault.DENY },
      egress: { default: NetworkPolicyTrafficDefault.DENY },
    });
  const allowDns = (ns: string) =>
    new NetworkPolicy({
      name: "allow-dns",
      namespace: ns,
      egress: {
        rules: [
          {
            peer: Pods.select({
              labels: { "k8s-app": "kube-dns" },
              namespaces: Namespaces.select({ names: ["kube-system"] }),
            }),
            ports: [NetworkPolicyPort.udp(53), NetworkPolicyPort.tcp(53)],
          },
        ],
      },
    });
  const policies = [
    denyAll("web"),
    denyAll("data"),
    allowDns("web"),
    allowDns("data"),
    ...allowTo(frontend, api),
    ...allowTo(api, postgres),
  ];
  const map = cluster(policies);

  it("allows exactly the declared connections, on the destination's ports", () => {
    expect(map.canReach("web/frontend[Deployment]", "web/api[Deployment]", { port: 8000 })).toBe(true);
    expect(map.canReach("web/api[Deployment]", "data/postgres[StatefulSet]", { port: 5432 })).toBe(true);
    expect(map.canReach("web/api[Deployment]", "data/postgres[StatefulSet]", { port: 5433 })).toBe(false);
    expect(map.canReach("web/frontend[Deployment]", "data/postgres[StatefulSet]", { port: 5432 })).toBe(false);
  });

  it("keeps DNS working under default-deny egress", () => {
    expect(
      map.canReach("web/frontend[Deployment]", "kube-system/coredns[Deployment]", { port: 53, protocol: "UDP" }),
    ).toBe(true);
    expect(
      map.canReach("data/postgres[StatefulSet]", "kube-system/coredns[Deployment]", { port: 53, protocol: "TCP" }),
    ).toBe(true);
  });

  it("lists the connections in the conventional text form", () => {
    const lines = map.connections().map((c) => `${c.src} => ${c.dst} : ${formatConnectionSet(c.conn)}`);
    expect(lines).toContain("web/frontend[Deployment] => web/api[Deployment] : TCP 8000");
    expect(lines).toContain("web/api[Deployment] => data/postgres[StatefulSet] : TCP 5432");
    expect(lines).toContain("web/api[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53");
    expect(lines.filter((l) => l.includes("=> data/postgres"))).toEqual([
      "web/api[Deployment] => data/postgres[StatefulSet] : TCP 5432",
    ]);
  });

  it("isolate() cuts a workload off", () => {
    const isolated = cluster([...isolate(api), ...allowTo(frontend, api, { isolation: "POD" })]);
    expect(isolated.canReach("web/frontend[Deployment]", "web/api[Deployment]", { port: 8000 })).toBe(false);
    expect(isolated.canReach("web/frontend[Deployment]", "data/postgres[StatefulSet]", { port: 5432 })).toBe(false);
    expect(isolated.canReach("data/postgres[StatefulSet]", "web/frontend[Deployment]", { port: 8080 })).toBe(true);
  });
});

describe("naming peers", () => {
  const map = analyzeConnectivity({ objects: [frontend, api, postgres].map((w) => w.toManifest()) });
  it("finds workloads by full name, namespace/name or bare name", () => {
    expect(map.workloadsNamed("web/api[Deployment]").map((p) => p.name)).toEqual(["web/api[Deployment]"]);
    expect(map.workloadsNamed("data/postgres").map((p) => p.name)).toEqual(["data/postgres[StatefulSet]"]);
    expect(map.workloadsNamed("frontend").map((p) => p.name)).toEqual(["web/frontend[Deployment]"]);
    expect(map.workloadsNamed("nope")).toEqual([]);
  });
});

describe("an input without workloads", () => {
  it("warns that there is nothing to connect instead of returning a silent empty map", () => {
    const policy = allowTo(frontend, api)[0] as NetworkPolicy;
    const map = analyzeConnectivity({ objects: [policy.toManifest()] });
    expect(map.connections()).toEqual([]);
    expect(map.diagnostics.map((d) => [d.severity, d.code])).toEqual([["warning", "no-workloads"]]);
  });

  it("says nothing of the kind when there are workloads", () => {
    expect(cluster([]).diagnostics.filter((d) => d.code === "no-workloads")).toEqual([]);
  });
});
