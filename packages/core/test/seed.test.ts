// The seed's examples (cdk8s-plus docs), written with @netpol/core, and the exact objects they render.
import { describe, expect, it } from "vitest";
import { networkPolicyProblems } from "../../../test-support/schema.js";
import {
  allowFrom,
  allowTo,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  NetworkPolicyTrafficDefault,
  Pods,
  Workload,
} from "../src/index.js";

const web = Workload.of({ kind: "Pod", name: "web", labels: { app: "web" } });
const cache = Workload.of({ kind: "Pod", name: "cache", labels: { app: "cache" }, ports: [{ number: 6379 }] });
const db = Workload.of({ kind: "Pod", name: "db", labels: { app: "db" }, ports: [{ number: 6378 }] });

function render(p: NetworkPolicy) {
  const m = p.toManifest();
  expect(networkPolicyProblems(m)).toEqual([]);
  return m;
}

describe("seed: selecting the pods a policy applies to", () => {
  it("managed pod: selects the pod by its own labels, and warns that no rules means deny-all ingress", () => {
    const p = new NetworkPolicy({ name: "policy", selector: web });
    expect(render(p)).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "policy" },
      spec: { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"] },
    });
    expect(p.warnings.map((w) => w.code)).toEqual(["empty-policy"]);
  });

  it("managed workload: a Deployment is selected the same way", () => {
    const deployment = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
    const m = render(
      new NetworkPolicy({
        name: "policy",
        selector: deployment,
        ingress: { default: NetworkPolicyTrafficDefault.DENY },
      }),
    );
    expect(m.metadata).toEqual({ name: "policy", namespace: "shop" });
    expect(m.spec).toEqual({ podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"] });
  });

  it("selected pods: Pods.select by labels", () => {
    const m = render(new NetworkPolicy({ name: "policy", selector: Pods.select({ labels: { app: "web" } }) }));
    expect(m.spec.podSelector).toEqual({ matchLabels: { app: "web" } });
  });
});

describe("seed: IP blocks", () => {
  it("ipv4, ipv6, anyIpv4, anyIpv6", () => {
    expect(NetworkPolicyIpBlock.ipv4("172.17.0.0/16").toNetworkPolicyPeerConfig()).toEqual({
      ipBlock: { cidr: "172.17.0.0/16" },
    });
    const v6 = NetworkPolicyIpBlock.ipv6("2002::1234:abcd:ffff:c0a8:101/64");
    expect(v6.cidr).toBe("2002::1234:abcd:ffff:c0a8:101/64");
    // The seed's own example sets host bits: accepted, rendered as written, and reported.
    expect(v6.warnings.map((w) => w.code)).toEqual(["cidr-host-bits"]);
    expect(NetworkPolicyIpBlock.anyIpv4().cidr).toBe("0.0.0.0/0");
    expect(NetworkPolicyIpBlock.anyIpv6().cidr).toBe("::/0");
  });
});

describe("seed: rules", () => {
  it("egress rule at construction and after", () => {
    const webPolicy = new NetworkPolicy({
      name: "policy",
      selector: web,
      egress: { rules: [{ peer: cache, ports: [NetworkPolicyPort.tcp(6379)] }] },
    });
    webPolicy.addEgressRule(db, [NetworkPolicyPort.tcp(6378)]);
    expect(render(webPolicy).spec).toEqual({
      podSelector: { matchLabels: { app: "web" } },
      policyTypes: ["Egress"],
      egress: [
        { to: [{ podSelector: { matchLabels: { app: "cache" } } }], ports: [{ protocol: "TCP", port: 6379 }] },
        { to: [{ podSelector: { matchLabels: { app: "db" } } }], ports: [{ protocol: "TCP", port: 6378 }] },
      ],
    });
  });

  it("ingress rule at construction and after (the seed's `rule:` misprint is `rules:`)", () => {
    const dbPolicy = new NetworkPolicy({
      name: "policy",
      selector: db,
      ingress: { rules: [{ peer: web, ports: [NetworkPolicyPort.tcp(6379)] }] },
    });
    dbPolicy.addIngressRule(cache, [NetworkPolicyPort.tcp(6379)]);
    // Same ports: one rule with both peers.
    expect(render(dbPolicy).spec).toEqual({
      podSelector: { matchLabels: { app: "db" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { app: "cache" } } }, { podSelector: { matchLabels: { app: "web" } } }],
          ports: [{ protocol: "TCP", port: 6379 }],
        },
      ],
    });
  });

  it("the misprinted `rule:` key is an error, not silently ignored", () => {
    expect(() => new NetworkPolicy({ selector: db, ingress: { rule: [] } as never })).toThrow(
      /unknown key "rule".*Did you mean "rules"/s,
    );
  });
});

describe("seed: bi-directional rules across namespaces", () => {
  const nsWeb = Workload.of({ kind: "Pod", name: "web", namespace: "n1", labels: { app: "web" } });
  const nsRedis = Workload.of({
    kind: "Pod",
    name: "redis",
    namespace: "n2",
    labels: { app: "redis" },
    ports: [{ number: 6379 }],
  });
  const egress = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "web-allow-egress-to-redis", namespace: "n1" },
    spec: {
      podSelector: { matchLabels: { app: "web" } },
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "n2" } },
              podSelector: { matchLabels: { app: "redis" } },
            },
          ],
          ports: [{ protocol: "TCP", port: 6379 }],
        },
      ],
    },
  };
  const ingress = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "redis-allow-ingress-from-web", namespace: "n2" },
    spec: {
      podSelector: { matchLabels: { app: "redis" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "n1" } },
              podSelector: { matchLabels: { app: "web" } },
            },
          ],
          ports: [{ protocol: "TCP", port: 6379 }],
        },
      ],
    },
  };

  it("by hand: one policy per side, each in its pods' namespace", () => {
    const webPolicy = new NetworkPolicy({ name: "web-allow-egress-to-redis", selector: nsWeb });
    const redisPolicy = new NetworkPolicy({ name: "redis-allow-ingress-from-web", selector: nsRedis });
    webPolicy.addEgressRule(nsRedis, [NetworkPolicyPort.tcp(6379)]);
    redisPolicy.addIngressRule(nsWeb, [NetworkPolicyPort.tcp(6379)]);
    expect([render(webPolicy), render(redisPolicy)]).toEqual([egress, ingress]);
  });

  it("allowTo writes both sides, ports from the destination's containers", () => {
    expect(allowTo(nsWeb, nsRedis).map(render)).toEqual([egress, ingress]);
  });

  it("allowFrom writes the same two policies", () => {
    const policies = allowFrom(nsRedis, nsWeb).map(render);
    expect(policies.map((p) => p.spec)).toEqual([ingress.spec, egress.spec]);
    expect(policies.map((p) => p.metadata)).toEqual([
      { name: "redis-allow-ingress-from-web", namespace: "n2" },
      { name: "web-allow-egress-to-redis", namespace: "n1" },
    ]);
  });
});

describe("seed: default policies", () => {
  const cases = [
    ["deny all ingress", { ingress: { default: NetworkPolicyTrafficDefault.DENY } }, { policyTypes: ["Ingress"] }],
    [
      "allow all ingress",
      { ingress: { default: NetworkPolicyTrafficDefault.ALLOW } },
      { policyTypes: ["Ingress"], ingress: [{}] },
    ],
    ["deny all egress", { egress: { default: NetworkPolicyTrafficDefault.DENY } }, { policyTypes: ["Egress"] }],
    [
      "allow all egress",
      { egress: { default: NetworkPolicyTrafficDefault.ALLOW } },
      { policyTypes: ["Egress"], egress: [{}] },
    ],
  ] as const;
  for (const [title, props, spec] of cases) {
    it(title, () => {
      const p = new NetworkPolicy({ name: "policy", ...props });
      expect(render(p).spec).toEqual({ podSelector: {}, ...spec });
      expect(p.warnings).toEqual([]);
    });
  }
});
