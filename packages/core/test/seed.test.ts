// What the seed's examples (cdk8s-plus docs) say that their semantics cases cannot: the cases
// (packages/core/testdata, cases.test.ts) write every example as a spec, which has no "added later" and no
// allowFrom between two workloads. Here, the seed's own code for those, against the cases' expected files.
import { describe, expect, it } from "vitest";
import { readCase } from "../../../test-support/cases.js";
import { allowFrom, NetworkPolicy, NetworkPolicyPort, toYaml, Workload } from "../src/index.js";

const pod = (name: string, options: { namespace?: string; port?: number } = {}) =>
  Workload.of({
    kind: "Pod",
    name,
    labels: { app: name },
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.port ? { ports: [{ number: options.port }] } : {}),
  });

describe("seed: rules added after construction render as the cases' rules given at construction", () => {
  it("05 egress rule: webPolicy.addEgressRule(db, …)", () => {
    const webPolicy = new NetworkPolicy({
      name: "policy",
      selector: pod("web"),
      egress: { rules: [{ peer: pod("cache", { port: 6379 }), ports: [NetworkPolicyPort.tcp(6379)] }] },
    });
    webPolicy.addEgressRule(pod("db", { port: 6378 }), [NetworkPolicyPort.tcp(6378)]);
    expect(toYaml([webPolicy.toManifest()])).toBe(readCase("05-egress-rule").expectedYaml);
  });

  it("06 ingress rule: dbPolicy.addIngressRule(cache, …) joins the rule of the same ports", () => {
    const dbPolicy = new NetworkPolicy({
      name: "policy",
      selector: pod("db", { port: 6378 }),
      ingress: { rules: [{ peer: pod("web"), ports: [NetworkPolicyPort.tcp(6379)] }] },
    });
    dbPolicy.addIngressRule(pod("cache", { port: 6379 }), [NetworkPolicyPort.tcp(6379)]);
    expect(toYaml([dbPolicy.toManifest()])).toBe(readCase("06-ingress-rule").expectedYaml);
  });

  it("07 bi-directional rule: two policies made empty, then given one rule each", () => {
    const web = pod("web", { namespace: "n1" });
    const redis = pod("redis", { namespace: "n2", port: 6379 });
    const webPolicy = new NetworkPolicy({ name: "web-policy", namespace: "n1", selector: web });
    const redisPolicy = new NetworkPolicy({ name: "redis-policy", namespace: "n2", selector: redis });
    webPolicy.addEgressRule(redis, [NetworkPolicyPort.tcp(6379)]);
    redisPolicy.addIngressRule(web, [NetworkPolicyPort.tcp(6379)]);
    expect(toYaml([webPolicy, redisPolicy].map((p) => p.toManifest()))).toBe(
      readCase("07-bidirectional-rule").expectedYaml,
    );
  });
});

describe("seed: what the spec format does not write", () => {
  it("08 pod connections: redis.connections.allowFrom(web) writes allowTo's two policies, ingress first", () => {
    const web = pod("web", { namespace: "n1" });
    const redis = pod("redis", { namespace: "n2", port: 6379 });
    const policies = allowFrom(redis, web).map((p) => p.toManifest());
    expect(policies.map((p) => p.metadata.name)).toEqual(["redis-allow-ingress-from-web", "web-allow-egress-to-redis"]);
    expect(toYaml(policies.reverse())).toBe(readCase("08-pod-connections").expectedYaml);
  });

  it("06 ingress rule: the seed's misprinted `rule:` key is an error, not silently ignored", () => {
    expect(() => new NetworkPolicy({ selector: pod("db"), ingress: { rule: [] } as never })).toThrow(
      /unknown key "rule".*Did you mean "rules"/s,
    );
  });
});
