// ConnectionPolicies: one policy per selected pods, holding every connection of those pods. The law on random
// workloads: it writes what merging allowTo's policies by selectionKey (absorb) writes, names aside.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allowFrom,
  allowTo,
  ConnectionPolicies,
  isolate,
  type NetworkPolicy,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  PodConnectionsIsolation,
  type PodSelectorConfig,
  Pods,
  toYaml,
  Workload,
} from "../src/index.js";

const workload = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/),
    namespace: fc.option(fc.constantFrom("shop", "data"), { nil: undefined }),
    app: fc.constantFrom("a", "b", "c", "d"),
    ports: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 2 }),
  })
  .map(({ name, namespace, app, ports }) =>
    Workload.of({
      kind: "Deployment",
      name,
      ...(namespace ? { namespace } : {}),
      labels: { app },
      ports: ports.map((number) => ({ number })),
    }),
  );

const isolation = fc.constantFrom(undefined, PodConnectionsIsolation.POD, PodConnectionsIsolation.PEER);
const connection = fc.record({
  way: fc.constantFrom("to" as const, "from" as const),
  a: workload,
  b: workload,
  isolation,
});

/** Manifests without names, in creation order. */
const unnamed = (policies: readonly NetworkPolicy[]) =>
  policies.map((p) => {
    const { name: _, ...metadata } = p.toManifest().metadata;
    return { ...p.toManifest(), metadata };
  });

/** Calls allowTo/allowFrom, or returns the error it throws (a connection may be impossible, e.g. no namespace). */
function attempt<T>(f: () => T): T | Error {
  try {
    return f();
  } catch (e) {
    return e as Error;
  }
}

const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
const api = Workload.of({
  kind: "Deployment",
  name: "api",
  namespace: "shop",
  labels: { app: "api" },
  ports: [{ number: 8080 }],
});
const db = Workload.of({
  kind: "StatefulSet",
  name: "db",
  namespace: "data",
  labels: { app: "db" },
  ports: [{ number: 5432 }],
});

describe("ConnectionPolicies", () => {
  it("writes what merging each connection's policies by selectionKey writes (names aside)", () => {
    fc.assert(
      fc.property(fc.array(connection, { minLength: 1, maxLength: 6 }), (connections) => {
        const set = new ConnectionPolicies();
        const merged = new Map<string, NetworkPolicy>();
        for (const { way, a, b, isolation } of connections) {
          const options = isolation ? { isolation } : {};
          const viaSet = attempt(() => (way === "to" ? set.allowTo(a, b, options) : set.allowFrom(a, b, options)));
          const alone = attempt(() => (way === "to" ? allowTo(a, b, options) : allowFrom(a, b, options)));
          // The same connections fail, with the same message, and a failed one changes nothing.
          if (alone instanceof Error) {
            expect(viaSet).toBeInstanceOf(Error);
            expect((viaSet as Error).message).toBe(alone.message);
            continue;
          }
          expect(viaSet).not.toBeInstanceOf(Error);
          for (const p of alone) {
            const existing = merged.get(p.selectionKey);
            if (existing) existing.absorb(p);
            else merged.set(p.selectionKey, p);
          }
          // Each call returns the set's policies it wrote to, once each: those selecting the pods of the policies
          // written.
          expect((viaSet as NetworkPolicy[]).map((p) => p.selectionKey)).toEqual([
            ...new Set(alone.map((p) => p.selectionKey)),
          ]);
        }
        expect(unnamed(set.policies)).toEqual(unnamed([...merged.values()]));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps one policy per selected pods, and says which policies each call wrote to", () => {
    const set = new ConnectionPolicies();
    const [webPolicy, apiPolicy] = set.allowTo(web, api);
    const [again, dbPolicy] = set.allowTo(web, db);
    expect(again).toBe(webPolicy);
    expect(set.policies).toEqual([webPolicy, apiPolicy, dbPolicy]);
    // Both connections of web, in its one policy: as allowTo writes each.
    const egress = webPolicy?.toManifest().spec.egress;
    expect(egress).toHaveLength(2);
    for (const to of [api, db]) expect(egress).toContainEqual(allowTo(web, to)[0]?.toManifest().spec.egress?.[0]);
    expect(dbPolicy?.toManifest().metadata).toEqual({ name: "db-connections", namespace: "data" });
  });

  it("the same connection twice adds nothing to the output", () => {
    const once = new ConnectionPolicies();
    once.allowTo(web, api);
    const twice = new ConnectionPolicies();
    twice.allowTo(web, api);
    twice.allowTo(web, api);
    expect(toYaml(twice.policies.map((p) => p.toManifest()))).toBe(toYaml(once.policies.map((p) => p.toManifest())));
  });

  it("names each policy <pods>-connections, numbered when other pods of the namespace have the name", () => {
    const set = new ConnectionPolicies();
    const web2 = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web2" } });
    const elsewhere = Workload.of({ kind: "Deployment", name: "web", namespace: "data", labels: { app: "web3" } });
    set.allowTo(web, api, { isolation: PodConnectionsIsolation.POD });
    set.allowTo(web2, api, { isolation: PodConnectionsIsolation.POD });
    set.allowTo(elsewhere, db, { isolation: PodConnectionsIsolation.POD });
    expect(set.policies.map((p) => `${p.namespace}/${p.name}`)).toEqual([
      "shop/web-connections",
      "shop/web-connections-2",
      "data/web-connections",
    ]);
  });

  it("tells onCreate of each new policy once, in order, with the pods it selects", () => {
    const seen: [string, PodSelectorConfig][] = [];
    const set = new ConnectionPolicies({ onCreate: (p, selector) => seen.push([p.name, selector]) });
    set.allowTo(web, api);
    set.allowFrom(api, web);
    set.isolate(db);
    expect(seen.map(([name]) => name)).toEqual(["web-connections", "api-connections", "db-connections"]);
    expect(seen[2]?.[1]).toEqual(db.toPodSelectorConfig());
  });

  it("isolate joins the pods' policy: deny both ways, plus what connections allow", () => {
    const set = new ConnectionPolicies();
    set.allowTo(web, api, { isolation: PodConnectionsIsolation.POD });
    const [isolated] = set.isolate(web);
    expect(set.policies).toEqual([isolated]);
    const spec = isolated?.toManifest().spec;
    expect(spec?.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(spec?.ingress).toBeUndefined();
    expect(spec?.egress).toHaveLength(1);
    // Alone, it is the policy isolate() writes.
    const alone = new ConnectionPolicies().isolate(api)[0]?.toManifest();
    expect(alone?.spec).toEqual(isolate(api)[0]?.toManifest().spec);
  });

  it("peers that are not workloads: an IP block gets no policy, selected pods get theirs", () => {
    const set = new ConnectionPolicies();
    const out = set.allowTo(web, NetworkPolicyIpBlock.ipv4("203.0.113.0/24"), {
      ports: [NetworkPolicyPort.tcp(443)],
    });
    expect(out).toHaveLength(1);
    set.allowFrom(web, Pods.select({ labels: { app: "probe" } }));
    expect(set.policies.map((p) => p.name)).toEqual(["web-connections", "probe-connections"]);
  });
});
