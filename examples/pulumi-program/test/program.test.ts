// Runs the example program under Pulumi's mocks and checks every NetworkPolicy it registers.
import { lint } from "@netpol/core/analysis";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
// biome-ignore lint/suspicious/noExplicitAny: engine inputs are untyped JSON
const registered: { type: string; name: string; inputs: any }[] = [];
// biome-ignore lint/suspicious/noExplicitAny: by object name
let byName: Record<string, any> = {};

/** An Output's value, failing instead of hanging when it never resolves. */
function settle<T>(output: pulumi.Output<T>, ms = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`output did not settle within ${ms} ms`)), ms);
    output.apply((v) => {
      clearTimeout(timer);
      resolve(v);
      return v;
    });
  });
}

beforeAll(async () => {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "netpol-example",
    "test",
  );
  // The program creates resources when it loads, so it is imported only now.
  const program = await import("../src/index.js");
  const names = await settle(pulumi.all(program.networkPolicies));
  expect(names).toHaveLength(11);
  byName = Object.fromEntries(
    registered
      .filter((r) => r.type === NETWORK_POLICY)
      .map((r) => [`${r.inputs.metadata.namespace}/${r.inputs.metadata.name}`, r.inputs]),
  );
});

const inNamespace = (name: string) => ({ matchLabels: { "kubernetes.io/metadata.name": name } });
const app = (name: string) => ({ matchLabels: { app: name } });
const tcp = (port: number) => ({ protocol: "TCP", port });

describe("the example program", () => {
  it("registers eleven policies", () => {
    expect(Object.keys(byName).sort()).toEqual([
      "data/allow-dns",
      "data/default-deny",
      "data/postgres-allow-ingress-from-api",
      "data/redis-allow-ingress-from-api",
      "web/allow-dns",
      "web/api-allow-egress-to-postgres",
      "web/api-allow-egress-to-redis",
      "web/api-allow-ingress-from-frontend",
      "web/default-deny",
      "web/frontend-allow-egress-to-api",
      "web/frontend-allow-http",
    ]);
  });

  it("denies everything by default in both namespaces", () => {
    for (const ns of ["web", "data"]) {
      expect(byName[`${ns}/default-deny`]).toEqual({
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "default-deny", namespace: ns },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      });
    }
  });

  it("allows DNS to kube-dns on UDP and TCP 53", () => {
    for (const ns of ["web", "data"]) {
      expect(byName[`${ns}/allow-dns`].spec).toEqual({
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [
              {
                namespaceSelector: inNamespace("kube-system"),
                podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
              },
            ],
            ports: [tcp(53), { protocol: "UDP", port: 53 }],
          },
        ],
      });
    }
  });

  it("lets anyone reach the frontend on 8080, and the frontend reach the api", () => {
    expect(byName["web/frontend-allow-http"].spec).toEqual({
      podSelector: app("frontend"),
      policyTypes: ["Ingress"],
      ingress: [{ ports: [tcp(8080)] }],
    });
    expect(byName["web/frontend-allow-egress-to-api"].spec).toEqual({
      podSelector: app("frontend"),
      policyTypes: ["Egress"],
      egress: [{ to: [{ namespaceSelector: inNamespace("web"), podSelector: app("api") }], ports: [tcp(8080)] }],
    });
    expect(byName["web/api-allow-ingress-from-frontend"].spec).toEqual({
      podSelector: app("api"),
      policyTypes: ["Ingress"],
      ingress: [
        { from: [{ namespaceSelector: inNamespace("web"), podSelector: app("frontend") }], ports: [tcp(8080)] },
      ],
    });
  });

  it("lets the api reach postgres and redis across namespaces, on their container ports", () => {
    for (const [db, port] of [
      ["postgres", 5432],
      ["redis", 6379],
    ] as const) {
      expect(byName[`web/api-allow-egress-to-${db}`].spec).toEqual({
        podSelector: app("api"),
        policyTypes: ["Egress"],
        egress: [{ to: [{ namespaceSelector: inNamespace("data"), podSelector: app(db) }], ports: [tcp(port)] }],
      });
      expect(byName[`data/${db}-allow-ingress-from-api`].spec).toEqual({
        podSelector: app(db),
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ namespaceSelector: inNamespace("web"), podSelector: app("api") }], ports: [tcp(port)] }],
      });
    }
  });

  it("parents every policy object to its netpol component", () => {
    const components = registered.filter((r) => r.type === "netpol:index:NetworkPolicy").map((r) => r.name);
    expect(components).toHaveLength(11);
    expect(components).toEqual(
      expect.arrayContaining(["web-default-deny", "data-allow-dns", "api-allow-egress-to-redis"]),
    );
  });

  it("is lint-clean with the workloads and namespaces it registers: not even an info finding", () => {
    const objects = registered.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.inputs);
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(["Deployment", "Namespace", "NetworkPolicy"]));
    expect(lint(objects).findings).toEqual([]);
  });
});
