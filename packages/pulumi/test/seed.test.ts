// The seed's NetworkPolicy examples with Pulumi workloads, under Pulumi's mock runtime: what the semantics cases
// (packages/core/testdata, cases.test.ts) cannot say, as rules added after construction, allowFrom, isolation,
// other resource kinds, Inputs and Outputs, errors.

import type * as K8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { readCase } from "../../../test-support/cases.js";
import type * as Netpol from "../src/index.js";
import { deployment, inNamespace, pod } from "./fixtures.js";
import { installMocks, policies, type Registered, settle } from "./harness.js";

let registered: Registered[];
let np: typeof Netpol;
let k8s: typeof K8s;

beforeAll(async () => {
  registered = installMocks();
  // Modules that create resources must load after the mocks are installed.
  np = await import("../src/index.js");
  k8s = await import("@pulumi/kubernetes");
});

/** The exact inputs a NetworkPolicy child is registered with. */
const manifest = (name: string, namespace: string | undefined, spec: object) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec,
});

const app = (name: string) => ({ matchLabels: { app: name } });

describe("selector", () => {
  it("StatefulSet, DaemonSet, Job, CronJob and Namespace resources are understood", async () => {
    const tpl = (labels: Record<string, string>) => ({
      metadata: { labels },
      spec: { containers: [{ name: "c", image: "c" }] },
    });
    const sts = new k8s.apps.v1.StatefulSet("kinds-sts", {
      metadata: { name: "db", namespace: "data" },
      spec: { serviceName: "db", selector: { matchLabels: { app: "db" } }, template: tpl({ app: "db", v: "1" }) },
    });
    const ds = new k8s.apps.v1.DaemonSet("kinds-ds", {
      metadata: { name: "agent", namespace: "data" },
      spec: { selector: { matchLabels: { app: "agent" } }, template: tpl({ app: "agent" }) },
    });
    const job = new k8s.batch.v1.Job("kinds-job", {
      metadata: { name: "migrate", namespace: "data" },
      spec: { template: { ...tpl({ app: "migrate" }), spec: { containers: [], restartPolicy: "Never" } } },
    });
    const cron = new k8s.batch.v1.CronJob("kinds-cron", {
      metadata: { name: "backup", namespace: "data" },
      spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: tpl({ app: "backup" }) } } },
    });
    const ops = new k8s.core.v1.Namespace("kinds-ops", { metadata: { name: "ops" } });
    const policy = new np.NetworkPolicy("kinds-policy", {
      selector: sts,
      ingress: { rules: [{ peers: [ds, job, cron] }, { peer: ops }] },
    });
    const got = await policies(registered, [policy.policy]);
    expect(got["kinds-policy"]).toEqual(
      manifest("kinds-policy", "data", {
        podSelector: app("db"),
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [
              { namespaceSelector: inNamespace("data"), podSelector: app("agent") },
              { namespaceSelector: inNamespace("data"), podSelector: app("backup") },
              { namespaceSelector: inNamespace("data"), podSelector: app("migrate") },
              { namespaceSelector: inNamespace("ops"), podSelector: {} },
            ],
          },
        ],
      }),
    );
  });

  it("a resource that runs no pods is refused with a NetpolError", () => {
    const cm = new k8s.core.v1.ConfigMap("not-pods", { data: { a: "b" } });
    expect(() => new np.NetworkPolicy("not-pods-policy", { selector: cm as never })).toThrow(/cannot select the pods/);
  });
});

describe("rules", () => {
  // The seed adds rules after construction; the cases' specs write every rule at construction.
  it("05 egress rule: addEgressRule before the program yields renders the case's policy", async () => {
    const web = pod(k8s, "web", { id: "eg-web" });
    const cache = pod(k8s, "cache", { id: "eg-cache", ports: [6379] });
    const db = pod(k8s, "db", { id: "eg-db", ports: [6378] });
    const webPolicy = new np.NetworkPolicy("eg-policy", {
      metadata: { name: "policy" },
      selector: web,
      egress: { rules: [{ peer: cache, ports: [np.NetworkPolicyPort.tcp(6379)] }] },
    });
    webPolicy.addEgressRule(db, [np.NetworkPolicyPort.tcp(6378)]);
    const got = await policies(registered, [webPolicy.policy]);
    expect([got["eg-policy"]]).toEqual(readCase("05-egress-rule").expectedManifests);
  });

  it("06 ingress rule: addIngressRule before the program yields joins the rule of the same ports", async () => {
    const web = pod(k8s, "web", { id: "in-web" });
    const cache = pod(k8s, "cache", { id: "in-cache", ports: [6379] });
    const db = pod(k8s, "db", { id: "in-db", ports: [6378] });
    const dbPolicy = new np.NetworkPolicy("in-policy", {
      metadata: { name: "policy" },
      selector: db,
      ingress: { rules: [{ peer: web, ports: [np.NetworkPolicyPort.tcp(6379)] }] },
    });
    dbPolicy.addIngressRule(cache, [np.NetworkPolicyPort.tcp(6379)]);
    const got = await policies(registered, [dbPolicy.policy]);
    expect([got["in-policy"]]).toEqual(readCase("06-ingress-rule").expectedManifests);
  });

  it("ip blocks as peers", async () => {
    const policy = new np.NetworkPolicy("ip-policy", {
      selector: np.Pods.select({ labels: { app: "web" } }),
      egress: {
        rules: [
          {
            peer: np.NetworkPolicyIpBlock.ipv4("172.17.0.0/16", ["172.17.1.0/24"]),
            ports: [np.NetworkPolicyPort.tcp(443)],
          },
          { peer: np.NetworkPolicyIpBlock.ipv6("2002::1234:abcd:ffff:c0a8:101/64") },
        ],
      },
    });
    policy.addEgressRule(np.NetworkPolicyIpBlock.anyIpv4(), [np.NetworkPolicyPort.udp(53)]);
    const got = await policies(registered, [policy.policy]);
    expect(got["ip-policy"]).toEqual(
      manifest("ip-policy", undefined, {
        podSelector: app("web"),
        policyTypes: ["Egress"],
        egress: [
          { to: [{ ipBlock: { cidr: "2002::1234:abcd:ffff:c0a8:101/64" } }] },
          { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "UDP", port: 53 }] },
          {
            to: [{ ipBlock: { cidr: "172.17.0.0/16", except: ["172.17.1.0/24"] } }],
            ports: [{ protocol: "TCP", port: 443 }],
          },
        ],
      }),
    );
  });

  it("calling addIngressRule after the spec was emitted throws instead of losing the rule", async () => {
    const policy = new np.NetworkPolicy("late-policy", { selector: np.Pods.select({ labels: { app: "late" } }) });
    await settle(policy.manifest);
    let error: unknown;
    try {
      policy.addIngressRule(np.Pods.all(), [np.NetworkPolicyPort.tcp(80)]);
    } catch (e) {
      error = e;
    }
    expect(np.isNetpolError(error)).toBe(true);
    expect((error as Netpol.NetpolError).diagnostics[0]).toMatchObject({
      code: "policy-emitted",
      path: ["ingress"],
    });
    expect(String(error)).toMatch(/addIngressRule was called after NetworkPolicy "late-policy" was emitted/);
    expect(() => policy.addEgressRule(np.Pods.all())).toThrow(/addEgressRule/);
  });

  it("a component name that is not a DNS-1123 subdomain is refused unless metadata.name is set", async () => {
    expect(() => new np.NetworkPolicy("WebPolicy", {})).toThrow(/"WebPolicy" is not a valid NetworkPolicy name/);
    const named = new np.NetworkPolicy("NamedPolicy", { metadata: { name: "named-policy" } });
    const got = await policies(registered, [named.policy]);
    expect(got.NamedPolicy.metadata).toEqual({ name: "named-policy" });
  });

  it("problems in known inputs are reported when the component is created", () => {
    expect(
      () =>
        new np.NetworkPolicy("bad-policy", {
          // biome-ignore lint/suspicious/noExplicitAny: a misspelled key, as plain JavaScript would pass it
          ingress: { rule: [] } as any,
        }),
    ).toThrow(/unknown key "rule"/);
  });
});

describe("bi-directional", () => {
  it("07 by hand across two namespaces, the namespace given as the pod's Output, renders the case's", async () => {
    const web = pod(k8s, "web", { id: "bi-web", namespace: "n1" });
    const redis = pod(k8s, "redis", { id: "bi-redis", namespace: "n2", ports: [6379] });
    const webPolicy = new np.NetworkPolicy("bi-web-policy", {
      selector: web,
      metadata: { name: "web-policy", namespace: web.metadata.namespace },
    });
    const redisPolicy = new np.NetworkPolicy("bi-redis-policy", {
      selector: redis,
      metadata: { name: "redis-policy", namespace: redis.metadata.namespace },
    });
    webPolicy.addEgressRule(redis, [np.NetworkPolicyPort.tcp(6379)]);
    redisPolicy.addIngressRule(web, [np.NetworkPolicyPort.tcp(6379)]);
    const got = await policies(registered, [webPolicy.policy, redisPolicy.policy]);
    expect([got["bi-web-policy"], got["bi-redis-policy"]]).toEqual(readCase("07-bidirectional-rule").expectedManifests);
  });

  it("connections(redis).allowFrom(web) writes both sides, ports from redis's named container port", async () => {
    const web = pod(k8s, "front", { namespace: "n1" });
    const redis = pod(k8s, "cache", { namespace: "n2", ports: [{ containerPort: 6379, name: "redis" }] });
    const created = np.connections(redis).allowFrom(web);
    const got = await policies(
      registered,
      created.map((p) => p.policy),
    );
    expect(Object.keys(got)).toEqual(
      expect.arrayContaining(["cache-allow-ingress-from-front", "front-allow-egress-to-cache"]),
    );
    expect(got["front-allow-egress-to-cache"].spec.egress).toEqual([
      {
        to: [{ namespaceSelector: inNamespace("n2"), podSelector: app("cache") }],
        ports: [{ protocol: "TCP", port: 6379 }],
      },
    ]);
    expect(got["cache-allow-ingress-from-front"].metadata).toEqual({
      name: "cache-allow-ingress-from-front",
      namespace: "n2",
    });
  });

  it("isolation POD writes only this side; isolate() denies both directions", async () => {
    const api = deployment(k8s, "iso-api", { namespace: "web", ports: [8080] });
    const only = np.connections(api).allowTo(np.NetworkPolicyIpBlock.ipv4("10.0.0.0/8"), {
      ports: [np.NetworkPolicyPort.tcp(443)],
      isolation: np.PodConnectionsIsolation.POD,
    });
    const deny = np.connections(api).isolate();
    expect([...only, ...deny].map((p) => pulumi.resourceName(p))).toEqual([
      "iso-api-allow-egress-to-10-0-0-0-8",
      "iso-api-deny-all",
    ]);
    const got = await policies(
      registered,
      [...only, ...deny].map((p) => p.policy),
    );
    expect(got["iso-api-deny-all"]).toEqual(
      manifest("iso-api-deny-all", "web", { podSelector: app("iso-api"), policyTypes: ["Ingress", "Egress"] }),
    );
    expect(got["iso-api-allow-egress-to-10-0-0-0-8"].spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ protocol: "TCP", port: 443 }] },
    ]);
  });
});

describe("default policies", () => {
  it("the ALLOW default keeps its one empty rule `{}` (pulumi-kubernetes#2538)", async () => {
    const policy = new np.NetworkPolicy("allow-all-kept", {
      selector: np.Pods.select({ labels: { app: "open" } }),
      ingress: { default: np.NetworkPolicyTrafficDefault.ALLOW },
      egress: { default: np.NetworkPolicyTrafficDefault.DENY },
    });
    const got = await policies(registered, [policy.policy]);
    expect(got["allow-all-kept"].spec.ingress).toEqual([{}]);
    expect(got["allow-all-kept"].spec).not.toHaveProperty("egress");
    expect(await settle(policy.policy.spec.ingress)).toEqual([{}]);
  });
});

describe("Inputs", () => {
  it("labels given as Outputs: workload labels, policy labels, a selector Output, a namespace Output", async () => {
    const tier = new k8s.core.v1.ConfigMap("inputs-config", { metadata: { name: "tier" }, data: { tier: "backend" } });
    const label = tier.data.apply((d) => d.tier ?? "");
    const api = deployment(k8s, "inputs-api", { namespace: "web", labels: { app: "api", tier: label } });
    const policy = new np.NetworkPolicy("inputs-policy", {
      selector: api,
      metadata: { labels: { team: pulumi.output("payments") }, annotations: pulumi.output({ owner: "me" }) },
      ingress: {
        rules: [
          {
            peer: label.apply((t) => np.Pods.select({ labels: { tier: t, role: "client" } })),
            ports: [np.NetworkPolicyPort.tcp(80)],
          },
        ],
      },
    });
    policy.addEgressRule(
      Promise.resolve(np.Namespaces.select({ names: ["data"] })),
      pulumi.output([np.NetworkPolicyPort.tcp(5432)]),
    );
    const got = await policies(registered, [policy.policy]);
    expect(got["inputs-policy"]).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "inputs-policy", namespace: "web", labels: { team: "payments" }, annotations: { owner: "me" } },
      spec: {
        podSelector: { matchLabels: { app: "api", tier: "backend" } },
        policyTypes: ["Ingress", "Egress"],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { role: "client", tier: "backend" } } }],
            ports: [{ protocol: "TCP", port: 80 }],
          },
        ],
        egress: [
          {
            to: [{ namespaceSelector: inNamespace("data"), podSelector: {} }],
            ports: [{ protocol: "TCP", port: 5432 }],
          },
        ],
      },
    });
  });

  it("the child is parented to the component and gets the component's provider", async () => {
    const provider = new k8s.Provider("inputs-cluster", { renderYamlToDirectory: "out" });
    const policy = new np.NetworkPolicy(
      "provider-policy",
      { ingress: { default: np.NetworkPolicyTrafficDefault.DENY } },
      { provider },
    );
    await policies(registered, [policy.policy]);
    const child = registered.find((r) => r.name === "provider-policy" && r.type.startsWith("kubernetes:"));
    const urn = await settle(provider.urn);
    expect(child?.provider).toMatch(new RegExp(`^${String(urn).replace(/[$]/g, "\\$")}::`));
    const childUrn = await settle(policy.policy.urn);
    expect(childUrn).toContain(
      "netpol:index:NetworkPolicy$kubernetes:networking.k8s.io/v1:NetworkPolicy::provider-policy",
    );
  });
});

describe("early errors", () => {
  it("a rule known now is checked when added, even if the policy waits for a workload's outputs", () => {
    const policy = new np.NetworkPolicy("early-policy", { selector: deployment(k8s, "early-api") });
    expect(() => policy.addIngressRule(undefined as never)).toThrow(/not a peer: empty/);
    expect(() => policy.addEgressRule(np.Pods.all(), ["443" as never])).toThrow(/not a NetworkPolicyPort/);
  });
});

describe("more Inputs", () => {
  it("a selector given as an Output of core pods, and metadata given as one Output", async () => {
    const app = pulumi.output("billing");
    const policy = new np.NetworkPolicy("more-selector", {
      selector: app.apply((a) => np.Pods.select({ labels: { app: a } })),
      metadata: pulumi.output({ name: "billing-ingress", namespace: "pay" }),
      ingress: { default: np.NetworkPolicyTrafficDefault.DENY },
    });
    const got = await policies(registered, [policy.policy]);
    expect(got["more-selector"]).toEqual(
      manifest("billing-ingress", "pay", {
        podSelector: { matchLabels: { app: "billing" } },
        policyTypes: ["Ingress"],
      }),
    );
  });

  it("connections need the subject and peer themselves, not Outputs of them, to name their policies", () => {
    const later = pulumi.output(np.Pods.select({ labels: { app: "x" } }));
    expect(() => np.connections(later as never).isolate()).toThrow(/cannot be named yet/);
  });

  it("connections from a Namespace resource name their policies after it", async () => {
    const ns = new k8s.core.v1.Namespace("more-ns", { metadata: { name: "more-ns" } });
    const created = np.connections(ns).allowTo(np.NetworkPolicyIpBlock.ipv4("192.168.0.0/16"), {
      ports: [np.NetworkPolicyPort.tcp(22)],
    });
    expect(created.map((p) => pulumi.resourceName(p))).toEqual(["more-ns-allow-egress-to-192-168-0-0-16"]);
    const got = await policies(
      registered,
      created.map((p) => p.policy),
    );
    expect(got["more-ns-allow-egress-to-192-168-0-0-16"]).toEqual(
      manifest("more-ns-allow-egress-to-192-168-0-0-16", "more-ns", {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [{ to: [{ ipBlock: { cidr: "192.168.0.0/16" } }], ports: [{ protocol: "TCP", port: 22 }] }],
      }),
    );
  });
});
