// Where cdk8s-plus-33 is wrong, both libraries run the same code and the test asserts OUR correct output,
// with cdk8s-plus' output recorded next to it. Each difference is listed in the README.
import * as np from "@netpol/cdk8s";
import { Chart, Testing } from "cdk8s";
import * as kplus from "cdk8s-plus-33";
import { describe, expect, it } from "vitest";
import { networkPolicyProblems } from "../../../test-support/schema.js";
import { both, policies, synth } from "./harness.js";

const pod = (c: Chart, id: string, portNumber?: number, namespace?: string) =>
  new kplus.Pod(c, id, {
    containers: [{ image: id.toLowerCase(), ...(portNumber ? { portNumber } : {}) }],
    ...(namespace ? { metadata: { namespace } } : {}),
  });

describe("differences from cdk8s-plus", () => {
  it("allTcp()/allUdp(): cdk8s-plus writes port 0 (rejected by the API server), we write the protocol alone", () => {
    const r = both(
      (c) => pod(c, "Web"),
      (c, web) =>
        new kplus.NetworkPolicy(c, "P", { selector: web }).addEgressRule(kplus.NetworkPolicyIpBlock.anyIpv4(c, "Any"), [
          kplus.NetworkPolicyPort.allTcp(),
          kplus.NetworkPolicyPort.allUdp(),
        ]),
      (c, web) =>
        new np.NetworkPolicy(c, "P", { selector: web }).addEgressRule(np.NetworkPolicyIpBlock.anyIpv4(), [
          np.NetworkPolicyPort.allTcp(),
          np.NetworkPolicyPort.allUdp(),
        ]),
    );
    expect(r.plus[0]?.egress).toEqual(["ip 0.0.0.0/0 | TCP 0-65535", "ip 0.0.0.0/0 | UDP 0-65535"]);
    expect(networkPolicyProblems(policies(r.plusObjects)[0])).toContain("port 0 out of range");
    expect(r.ours[0]?.egress).toEqual(["ip 0.0.0.0/0 | TCP *", "ip 0.0.0.0/0 | UDP *"]);
    expect(networkPolicyProblems(policies(r.oursObjects)[0])).toEqual([]);
  });

  it("of({ port: 0, endPort }): cdk8s-plus writes a lone endPort (rejected), we refuse it with a hint", () => {
    expect(kplus.NetworkPolicyPort.of({ port: 0, endPort: 10 })._toKube()).toEqual({
      port: undefined,
      endPort: 10,
      protocol: undefined,
    });
    expect(() => np.NetworkPolicyPort.of({ port: 0, endPort: 10 })).toThrowError(/port 0 is out of range/);
  });

  it("allowTo's default ports: cdk8s-plus turns UDP container ports into TCP, we keep the real protocol", () => {
    const r = both(
      (c) => ({
        web: pod(c, "Web", undefined, "web"),
        dns: new kplus.Deployment(c, "Dns", {
          containers: [{ image: "coredns", ports: [{ number: 53, protocol: kplus.Protocol.UDP }, { number: 53 }] }],
          metadata: { namespace: "dns" },
        }),
      }),
      (_c, { web, dns }) => web.connections.allowTo(dns),
      (_c, { web, dns }) => np.connections(web).allowTo(dns),
    );
    for (const m of r.plus) expect([...m.ingress, ...m.egress].map((a) => a.split(" | ")[1])).toEqual(["TCP 53"]);
    for (const m of r.ours)
      expect([...m.ingress, ...m.egress].map((a) => a.split(" | ")[1])).toEqual(["TCP 53", "UDP 53"]);
  });

  it("a source without namespace to a peer in n2: cdk8s-plus admits pods of n2 instead of the source; we refuse", () => {
    const plus = both(
      (c) => ({ web: pod(c, "Web"), redis: pod(c, "Redis", 6379, "n2") }),
      (_c, { web, redis }) => web.connections.allowTo(redis),
      () => undefined,
    ).plus;
    const ingress = plus.find((m) => m.namespace === "n2");
    // The peer has no namespaceSelector, so it means "web's label in n2": a pod that does not exist there.
    expect(ingress?.ingress[0]).toMatch(/in namespaces \{kubernetes\.io\/metadata\.name=n2\} \| TCP 6379$/);
    expect(() =>
      synth(
        (c) => ({ web: pod(c, "Web"), redis: pod(c, "Redis", 6379, "n2") }),
        (_c, { web, redis }) => np.connections(web).allowTo(redis),
      ),
    ).toThrowError(/has no namespace, so the policy in "n2" cannot select it/);
  });

  it("generated names: cdk8s-plus puts the literal `undefined` in them, ours never does", () => {
    const r = both(
      (c) => ({ web: pod(c, "Web"), db: pod(c, "Db", 5432) }),
      (_c, { web, db }) => web.connections.allowTo(db),
      (_c, { web, db }) => np.connections(web).allowTo(db),
    );
    expect(r.ours).toEqual(r.plus);
    const names = (objects: Record<string, unknown>[]) =>
      policies(objects).map((p) => (p.metadata as { name: string }).name);
    expect(names(r.plusObjects).some((n) => n.includes("undefined"))).toBe(true);
    expect(names(r.oursObjects).some((n) => n.includes("undefined"))).toBe(false);
    for (const p of policies(r.oursObjects)) expect(networkPolicyProblems(p)).toEqual([]);
  });

  it("calling allowTo twice for the same peer: cdk8s-plus throws a duplicate-id error, ours adds nothing new", () => {
    const app = Testing.app();
    const chart = new Chart(app, "Chart");
    const web = pod(chart, "Web", undefined, "a");
    const db = pod(chart, "Db", 5432, "b");
    web.connections.allowTo(db);
    expect(() => web.connections.allowTo(db)).toThrowError(/There is already a Construct with name/);

    const ours = synth(
      (c) => ({ web: pod(c, "Web", undefined, "a"), db: pod(c, "Db", 5432, "b") }),
      (_c, { web, db }) => {
        const first = np.connections(web).allowTo(db);
        const second = np.connections(web).allowTo(db);
        expect(second).toEqual(first);
        // Other options for the same peer add a rule to web's policy.
        const third = np.connections(web).allowTo(db, {
          ports: [np.NetworkPolicyPort.tcp(5433)],
          isolation: np.PodConnectionsIsolation.POD,
        });
        expect(third).toEqual([first[0]]);
      },
    );
    // One policy per selected pods: web's (egress) and db's (ingress).
    expect(policies(ours)).toHaveLength(2);
    expect(policies(ours)[0]?.spec).toMatchObject({ egress: [{}, {}] });
  });

  it("explicit namespace contradicting the selector: cdk8s-plus silently selects pods of the wrong namespace, we refuse", () => {
    const plus = both(
      () => undefined,
      (c) =>
        new kplus.NetworkPolicy(c, "P", {
          selector: kplus.Pods.all(c, "All", { namespaces: kplus.Namespaces.select(c, "Ns", { names: ["a"] }) }),
          metadata: { namespace: "b" },
          ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
        }),
      () => undefined,
    ).plus;
    // cdk8s-plus: the policy lands in "b" and isolates every pod of "b", not the pods of "a" it was given.
    expect(plus[0]).toMatchObject({ namespace: "b", podSelector: "{}" });
    expect(() =>
      synth(
        () => undefined,
        (c) =>
          new np.NetworkPolicy(c, "P", {
            selector: np.Pods.all(c, "All", { namespaces: np.Namespaces.select(c, "Ns", { names: ["a"] }) }),
            metadata: { namespace: "b" },
          }),
      ),
    ).toThrowError(/namespace "b" contradicts the selector, which selects pods in "a"/);
  });

  it("Namespaces.select({ names }) as the selector: cdk8s-plus crashes, ours places the policy in that namespace", () => {
    const app = Testing.app();
    const chart = new Chart(app, "Chart");
    expect(
      () =>
        new kplus.NetworkPolicy(chart, "P", {
          selector: kplus.Namespaces.select(chart, "Ns", { names: ["data"] }) as unknown as kplus.IPodSelector,
        }),
    ).toThrowError(/toPodSelectorConfig is not a function/);
    const ours = synth(
      () => undefined,
      (c) =>
        new np.NetworkPolicy(c, "P", {
          selector: np.Namespaces.select(c, "Ns", { names: ["data"] }),
          ingress: { default: np.NetworkPolicyTrafficDefault.DENY },
        }),
    );
    expect(policies(ours)[0]).toMatchObject({
      metadata: { namespace: "data" },
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
    });
    // Several names cannot be one policy's namespace: both refuse, we say why and what to do.
    expect(() =>
      synth(
        () => undefined,
        (c) => new np.NetworkPolicy(c, "P", { selector: np.Namespaces.select(c, "Ns", { names: ["a", "b"] }) }),
      ),
    ).toThrowError(/several namespaces \(a, b\).*create one policy per namespace/);
  });

  it("IP blocks: cdk8s-plus checks a regex (999.1.1.1/99 passes), we check the address and the except ranges", () => {
    const app = Testing.app();
    const chart = new Chart(app, "Chart");
    expect(kplus.NetworkPolicyIpBlock.ipv4(chart, "Bad", "999.1.1.1/99").cidr).toBe("999.1.1.1/99");
    expect(() => np.NetworkPolicyIpBlock.ipv4("999.1.1.1/99")).toThrowError(/invalid CIDR/);
    expect(() => np.NetworkPolicyIpBlock.ipv4("10.0.0.0/8", ["192.168.0.0/16"])).toThrowError(/not strictly inside/);
    expect(() => np.NetworkPolicyIpBlock.ipv4(chart, "Bad2", "999.1.1.1/99")).toThrowError(/invalid CIDR/);
    // Uppercase hex is a valid IPv6 address: cdk8s-plus' lowercase-only regex rejects it.
    expect(() => kplus.NetworkPolicyIpBlock.ipv6(chart, "Upper", "2001:DB8::/32")).toThrowError(/Invalid IPv6 CIDR/);
    expect(np.NetworkPolicyIpBlock.ipv6("2001:DB8::/32").cidr).toBe("2001:DB8::/32");
  });

  it("a policy with no rules and no defaults: cdk8s-plus writes no policyTypes (deny-all ingress, silently); we write it and warn", () => {
    const r = both(
      (c) => pod(c, "Web"),
      (c, web) => new kplus.NetworkPolicy(c, "P", { selector: web }),
      (c, web) => {
        const p = new np.NetworkPolicy(c, "P", { selector: web });
        expect(p.warnings.map((w) => w.code)).toEqual(["empty-policy"]);
      },
    );
    expect(r.ours).toEqual(r.plus);
    expect(policies(r.oursObjects)[0]?.spec).toMatchObject({ policyTypes: ["Ingress"] });
  });
});
