// Parity with cdk8s-plus-33 on every example of the seed: both libraries in the same test, same workloads,
// and the synthesized NetworkPolicies must mean the same (see normalize.ts). The exact objects each example gives
// are its semantics case's (packages/core/testdata, cases.test.ts); this file keeps what cdk8s-plus does.
import * as np from "@netpol/cdk8s";
import type { Chart } from "cdk8s";
import * as kplus from "cdk8s-plus-33";
import { describe, expect, it } from "vitest";
import { both, policies } from "./harness.js";

const pod = (chart: Chart, id: string, portNumber?: number, namespace?: string) =>
  new kplus.Pod(chart, id, {
    containers: [{ image: id.toLowerCase(), ...(portNumber ? { portNumber } : {}) }],
    ...(namespace ? { metadata: { namespace } } : {}),
  });

describe("seed: the selector", () => {
  it("managed pod", () => {
    const r = both(
      (c) => pod(c, "Web"),
      (c, web) => new kplus.NetworkPolicy(c, "Policy", { selector: web }),
      (c, web) => new np.NetworkPolicy(c, "Policy", { selector: web }),
    );
    expect(r.ours).toEqual(r.plus);
    // cdk8s-plus leaves policyTypes out (Kubernetes then infers Ingress); we write it, and warn.
    expect(policies(r.plusObjects)[0]?.spec).not.toHaveProperty("policyTypes");
    expect(policies(r.oursObjects)[0]?.spec).toMatchObject({ policyTypes: ["Ingress"] });
  });

  it("managed workload", () => {
    const r = both(
      (c) => new kplus.Deployment(c, "Web", { containers: [{ image: "web" }] }),
      (c, web) => new kplus.NetworkPolicy(c, "Policy", { selector: web }),
      (c, web) => new np.NetworkPolicy(c, "Policy", { selector: web }),
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours[0]?.podSelector).toMatch(/^\{cdk8s\.io\/metadata\.addr=Chart-Web-c8[0-9a-f]{6}\}$/);
  });

  it("selected pods", () => {
    const r = both(
      () => undefined,
      (c) =>
        new kplus.NetworkPolicy(c, "Policy", { selector: kplus.Pods.select(c, "Web", { labels: { app: "web" } }) }),
      (c) => new np.NetworkPolicy(c, "Policy", { selector: np.Pods.select(c, "Web", { labels: { app: "web" } }) }),
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours[0]?.podSelector).toBe("{app=web}");
  });
});

describe("seed: IP blocks as peers", () => {
  it("ipv4, ipv6, anyIpv4, anyIpv6 (ours also without a scope, as the seed writes them)", () => {
    const r = both(
      (c) => pod(c, "Web"),
      (c, web) => {
        const p = new kplus.NetworkPolicy(c, "Policy", { selector: web });
        p.addEgressRule(kplus.NetworkPolicyIpBlock.ipv4(c, "V4", "172.17.0.0/16"));
        p.addEgressRule(kplus.NetworkPolicyIpBlock.ipv6(c, "V6", "2002::1234:abcd:ffff:c0a8:101/64"));
        p.addEgressRule(kplus.NetworkPolicyIpBlock.anyIpv4(c, "Any4"));
        p.addEgressRule(kplus.NetworkPolicyIpBlock.anyIpv6(c, "Any6"));
      },
      (c, web) => {
        const p = new np.NetworkPolicy(c, "Policy", { selector: web });
        p.addEgressRule(np.NetworkPolicyIpBlock.ipv4("172.17.0.0/16"));
        p.addEgressRule(np.NetworkPolicyIpBlock.ipv6(c, "V6", "2002::1234:abcd:ffff:c0a8:101/64"));
        p.addEgressRule(np.NetworkPolicyIpBlock.anyIpv4());
        p.addEgressRule(np.NetworkPolicyIpBlock.anyIpv6(c, "Any6"));
      },
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours[0]?.egress).toHaveLength(4);
  });
});

describe("seed: rules", () => {
  const setup = (c: Chart) => ({ web: pod(c, "Web"), cache: pod(c, "Cache", 6379), db: pod(c, "DB", 6378) });

  it("egress rule at construction and after", () => {
    const r = both(
      setup,
      (c, { web, cache, db }) => {
        const webPolicy = new kplus.NetworkPolicy(c, "Policy", {
          selector: web,
          egress: { rules: [{ peer: cache, ports: [kplus.NetworkPolicyPort.tcp(6379)] }] },
        });
        webPolicy.addEgressRule(db, [kplus.NetworkPolicyPort.tcp(6378)]);
      },
      (c, { web, cache, db }) => {
        const webPolicy = new np.NetworkPolicy(c, "Policy", {
          selector: web,
          egress: { rules: [{ peer: cache, ports: [np.NetworkPolicyPort.tcp(6379)] }] },
        });
        webPolicy.addEgressRule(db, [np.NetworkPolicyPort.tcp(6378)]);
      },
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours[0]?.egress).toHaveLength(2);
  });

  it("ingress rule at construction and after (the seed's `rule:` and `redis.` misprints fixed)", () => {
    const r = both(
      setup,
      (c, { web, cache, db }) => {
        const dbPolicy = new kplus.NetworkPolicy(c, "Policy", {
          selector: db,
          ingress: { rules: [{ peer: web, ports: [kplus.NetworkPolicyPort.tcp(6379)] }] },
        });
        dbPolicy.addIngressRule(cache, [kplus.NetworkPolicyPort.tcp(6379)]);
      },
      (c, { web, cache, db }) => {
        const dbPolicy = new np.NetworkPolicy(c, "Policy", {
          selector: db,
          ingress: { rules: [{ peer: web, ports: [np.NetworkPolicyPort.tcp(6379)] }] },
        });
        dbPolicy.addIngressRule(cache, [np.NetworkPolicyPort.tcp(6379)]);
      },
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours[0]?.ingress).toHaveLength(2);
  });

  it("the seed's misspelled `rule:` is silently ignored by cdk8s-plus and rejected by us", () => {
    const plus = both(
      setup,
      (c, { web, db }) =>
        new kplus.NetworkPolicy(c, "Policy", {
          selector: db,
          // biome-ignore lint/suspicious/noExplicitAny: the misprint, as plain JavaScript would pass it
          ingress: { rule: [{ peer: web, ports: [kplus.NetworkPolicyPort.tcp(6379)] }] } as any,
        }),
      () => undefined,
    ).plus;
    // cdk8s-plus: no rule at all, and no policyTypes: an unnoticed deny-all-ingress policy.
    expect(plus).toEqual([
      { namespace: "", podSelector: plus[0]?.podSelector, policyTypes: ["Ingress"], ingress: [], egress: [] },
    ]);
    expect(() =>
      both(
        setup,
        () => undefined,
        (c, { web, db }) =>
          new np.NetworkPolicy(c, "Policy", {
            selector: db,
            // biome-ignore lint/suspicious/noExplicitAny: the misprint, as plain JavaScript would pass it
            ingress: { rule: [{ peer: web, ports: [np.NetworkPolicyPort.tcp(6379)] }] } as any,
          }),
      ),
    ).toThrowError(/ingress\.rule: unknown key "rule".*Did you mean "rules"\?/);
  });
});

describe("seed: bi-directional rules across namespaces", () => {
  const setup = (c: Chart) => ({ web: pod(c, "Web", undefined, "n1"), redis: pod(c, "Redis", 6379, "n2") });

  it("two explicit policies (the seed's `redis.addIngressRule` is `redisPolicy.addIngressRule`)", () => {
    const r = both(
      setup,
      (c, { web, redis }) => {
        const webPolicy = new kplus.NetworkPolicy(c, "WebPolicy", {
          selector: web,
          metadata: { namespace: web.metadata.namespace as string },
        });
        const redisPolicy = new kplus.NetworkPolicy(c, "RedisPolicy", {
          selector: redis,
          metadata: { namespace: redis.metadata.namespace as string },
        });
        webPolicy.addEgressRule(redis, [kplus.NetworkPolicyPort.tcp(6379)]);
        redisPolicy.addIngressRule(web, [kplus.NetworkPolicyPort.tcp(6379)]);
      },
      (c, { web, redis }) => {
        const webPolicy = new np.NetworkPolicy(c, "WebPolicy", {
          selector: web,
          metadata: { namespace: web.metadata.namespace },
        });
        const redisPolicy = new np.NetworkPolicy(c, "RedisPolicy", {
          selector: redis,
          metadata: { namespace: redis.metadata.namespace },
        });
        webPolicy.addEgressRule(redis, [np.NetworkPolicyPort.tcp(6379)]);
        redisPolicy.addIngressRule(web, [np.NetworkPolicyPort.tcp(6379)]);
      },
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours.map((m) => m.namespace).sort()).toEqual(["n1", "n2"]);
  });

  it("web.connections.allowTo(redis) is connections(web).allowTo(redis)", () => {
    const r = both(
      setup,
      (_c, { web, redis }) => web.connections.allowTo(redis),
      (_c, { web, redis }) => np.connections(web).allowTo(redis),
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours).toHaveLength(2);
  });

  it("redis.connections.allowFrom(web) is connections(redis).allowFrom(web)", () => {
    const r = both(
      setup,
      (_c, { web, redis }) => redis.connections.allowFrom(web),
      (_c, { web, redis }) => np.connections(redis).allowFrom(web),
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours).toHaveLength(2);
  });
});

describe("seed: default policies", () => {
  for (const direction of ["ingress", "egress"] as const) {
    for (const mode of ["DENY", "ALLOW"] as const) {
      it(`${mode.toLowerCase()} all ${direction}`, () => {
        const r = both(
          () => undefined,
          (c) =>
            new kplus.NetworkPolicy(c, "Policy", { [direction]: { default: kplus.NetworkPolicyTrafficDefault[mode] } }),
          (c) => new np.NetworkPolicy(c, "Policy", { [direction]: { default: np.NetworkPolicyTrafficDefault[mode] } }),
        );
        expect(r.ours).toEqual(r.plus);
        expect(r.ours[0]?.podSelector).toBe("{}");
        expect(r.ours[0]?.[direction]).toEqual(mode === "ALLOW" ? ["* | *"] : []);
      });
    }
  }
});
