// connectionRules / connectionPolicy / addConnectionRule: what front ends use to merge connections into one
// policy per selected pods. Laws on random workloads: merging the rules writes what merging allowTo's policies
// (absorb) writes, and a policy built from one rule is the policy allowTo writes for it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addConnectionRule,
  allowTo,
  type ConnectionRule,
  connectionPolicy,
  connectionRules,
  NetpolError,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  Pods,
  Workload,
} from "../src/index.js";

const workload = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/),
    app: fc.constantFrom("a", "b", "c", "d"),
    ports: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 2 }),
  })
  .map(({ name, app, ports }) =>
    Workload.of({
      kind: "Deployment",
      name,
      namespace: "shop",
      labels: { app },
      ports: ports.map((number) => ({ number })),
    }),
  );

/** Policies merged per selectionKey, in first-seen order. */
function merge<T>(
  items: readonly T[],
  key: (t: T) => string,
  start: (t: T) => NetworkPolicy,
  add: (p: NetworkPolicy, t: T) => void,
) {
  const out = new Map<string, NetworkPolicy>();
  for (const item of items) {
    const existing = out.get(key(item));
    if (existing) add(existing, item);
    else out.set(key(item), start(item));
  }
  return [...out.values()].map((p) => ({ ...p.toManifest(), metadata: {} }));
}

describe("connection rules", () => {
  it("merged with addConnectionRule, they write what absorbing allowTo's policies writes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(workload, workload), { minLength: 1, maxLength: 6 }), (pairs) => {
        const rules = pairs.flatMap(([a, b]) => connectionRules("to", a, b));
        const policies = pairs.flatMap(([a, b]) => allowTo(a, b));
        const viaRules = merge(
          rules,
          (r) => r.selectionKey,
          connectionPolicy,
          (p, r) => addConnectionRule(p, r),
        );
        const viaAbsorb = merge(
          policies,
          (p) => p.selectionKey,
          (p) => p,
          (p, q) => p.absorb(q),
        );
        expect(viaRules).toEqual(viaAbsorb);
      }),
      { numRuns: 300 },
    );
  });

  it("each rule's policy is the policy allowTo writes, with the rule's name and selectionKey", () => {
    fc.assert(
      fc.property(workload, workload, (a, b) => {
        const rules = connectionRules("to", a, b);
        const policies = allowTo(a, b);
        expect(rules.map((r) => connectionPolicy(r).toManifest())).toEqual(policies.map((p) => p.toManifest()));
        expect(rules.map((r) => r.name)).toEqual(policies.map((p) => p.name));
        expect(rules.map((r) => r.selectionKey)).toEqual(policies.map((p) => p.selectionKey));
      }),
      { numRuns: 300 },
    );
  });

  it("a rule written by hand goes through the same checks as any policy", () => {
    const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
    const api = Pods.select({ labels: { app: "api" } });
    const [rule] = connectionRules("to", web, api) as [ConnectionRule];
    const forged: ConnectionRule = { ...rule, rule: { peer: api, ports: [NetworkPolicyPort.tcp(8080)] } };
    const policy = connectionPolicy(forged);
    expect(policy.toManifest().spec.egress?.[0]?.ports).toEqual([{ protocol: "TCP", port: 8080 }]);
    const bad = { ...rule, rule: { peer: {} } } as unknown as ConnectionRule;
    expect(() => connectionPolicy(bad)).toThrow(NetpolError);
  });

  it("addConnectionRule refuses a rule for other pods", () => {
    const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
    const api = Workload.of({ kind: "Deployment", name: "api", namespace: "shop", labels: { app: "api" } });
    const [egress, ingress] = connectionRules("to", web, api) as [ConnectionRule, ConnectionRule];
    const policy = connectionPolicy(egress);
    expect(() => addConnectionRule(policy, ingress)).toThrow(/other pods/);
    expect(policy.toManifest().spec.ingress).toBeUndefined();
  });

  it("an IP block peer yields only the subject's rule", () => {
    const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
    const rules = connectionRules("to", web, NetworkPolicyIpBlock.ipv4("203.0.113.0/24"));
    expect(rules.map((r) => [r.direction, r.namespace])).toEqual([["egress", "shop"]]);
    expect(new NetworkPolicy({ selector: rules[0]?.selector as Workload }).selectionKey).toBe(rules[0]?.selectionKey);
  });
});
