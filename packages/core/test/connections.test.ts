import { describe, expect, it } from "vitest";
import {
  allowFrom,
  allowTo,
  isolate,
  LabelExpression,
  Namespaces,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  PodConnectionsIsolation,
  Pods,
  Workload,
} from "../src/index.js";

const web = Workload.of({ kind: "Deployment", name: "web", namespace: "front", labels: { app: "web" } });
const dns = Workload.of({
  kind: "Deployment",
  name: "dns",
  namespace: "infra",
  labels: { app: "dns" },
  ports: [
    { number: 53, protocol: "UDP", name: "dns" },
    { number: 53, protocol: "TCP", name: "dns-tcp" },
    { number: 9153, name: "metrics" },
  ],
});

describe("allowTo", () => {
  it("derives ports from the destination's containers with their real protocols", () => {
    const [egress, ingress] = allowTo(web, dns).map((p) => p.toManifest());
    const ports = [
      { protocol: "TCP", port: 53 },
      { protocol: "TCP", port: 9153 },
      { protocol: "UDP", port: 53 },
    ];
    expect(egress?.spec.egress?.[0]?.ports).toEqual(ports);
    expect(ingress?.spec.ingress?.[0]?.ports).toEqual(ports);
  });

  it("explicit ports win over container ports", () => {
    const [egress] = allowTo(web, dns, { ports: [NetworkPolicyPort.udp(53)] }).map((p) => p.toManifest());
    expect(egress?.spec.egress?.[0]?.ports).toEqual([{ protocol: "UDP", port: 53 }]);
  });

  it("a destination without known ports gets every port", () => {
    const [egress] = allowTo(dns, web).map((p) => p.toManifest());
    expect(egress?.spec.egress?.[0]).not.toHaveProperty("ports");
  });

  it("isolation POD writes only the source's egress, PEER only the peer's ingress", () => {
    expect(allowTo(web, dns, { isolation: PodConnectionsIsolation.POD }).map((p) => p.name)).toEqual([
      "web-allow-egress-to-dns",
    ]);
    expect(allowTo(web, dns, { isolation: PodConnectionsIsolation.PEER }).map((p) => p.name)).toEqual([
      "dns-allow-ingress-from-web",
    ]);
  });

  it("an IP block peer gets no policy of its own", () => {
    const policies = allowTo(web, NetworkPolicyIpBlock.ipv4("203.0.113.0/24"));
    expect(policies.map((p) => p.toManifest().spec.egress)).toEqual([
      [{ to: [{ ipBlock: { cidr: "203.0.113.0/24" } }] }],
    ]);
  });

  it("the peer's policy selects the source across namespaces with a namespaceSelector", () => {
    const [, ingress] = allowTo(web, dns).map((p) => p.toManifest());
    expect(ingress?.metadata).toEqual({ name: "dns-allow-ingress-from-web", namespace: "infra" });
    expect(ingress?.spec.ingress?.[0]?.from).toEqual([
      {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "front" } },
        podSelector: { matchLabels: { app: "web" } },
      },
    ]);
  });

  it("when the source's namespace is unknown but needed, says which and how to set it", () => {
    const nowhere = Workload.of({ kind: "Pod", name: "worker", labels: { app: "worker" } });
    expect(() => allowTo(nowhere, dns)).toThrow(
      /"worker" has no namespace, so the policy in "infra" cannot select it.*Set the namespace of "worker"/s,
    );
  });

  it("both without namespaces: one namespace, no namespaceSelector, no `undefined` in names", () => {
    const a = Workload.of({ kind: "Pod", name: "a", labels: { app: "a" } });
    const b = Workload.of({ kind: "Pod", name: "b", labels: { app: "b" } });
    const policies = allowTo(a, b);
    expect(policies.map((p) => p.name)).toEqual(["a-allow-egress-to-b", "b-allow-ingress-from-a"]);
    expect(policies.map((p) => p.toManifest().metadata.namespace)).toEqual([undefined, undefined]);
    expect(policies[1]?.toManifest().spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { app: "a" } } }] },
    ]);
  });

  it("a peer in several named namespaces gets one ingress policy per namespace", () => {
    const pods = Pods.select({ labels: { app: "cache" }, namespaces: Namespaces.select({ names: ["n2", "n1"] }) });
    const policies = allowTo(web, pods);
    expect(policies.map((p) => [p.namespace, p.name])).toEqual([
      ["front", "web-allow-egress-to-cache"],
      ["n1", "cache-allow-ingress-from-web-in-n1"],
      ["n2", "cache-allow-ingress-from-web-in-n2"],
    ]);
  });

  it("a peer whose namespaces are chosen by labels cannot get an ingress policy", () => {
    const pods = Pods.select({ labels: { app: "x" }, namespaces: Namespaces.select({ labels: { team: "a" } }) });
    expect(() => allowTo(web, pods)).toThrow(/selects namespaces by labels/);
    expect(allowTo(web, pods, { isolation: PodConnectionsIsolation.POD })).toHaveLength(1);
  });

  it("names a namespaces peer after its names or label values, not as every namespace", () => {
    const named = (peer: Namespaces) => allowTo(web, peer, { isolation: PodConnectionsIsolation.POD })[0]?.name;
    expect(named(Namespaces.select({ names: ["kube-system"] }))).toBe("web-allow-egress-to-kube-system");
    expect(named(Namespaces.select({ labels: { team: "payments" } }))).toBe("web-allow-egress-to-payments");
    expect(named(Namespaces.select({ expressions: [LabelExpression.exists("team")] }))).toBe(
      "web-allow-egress-to-selected-namespaces",
    );
    expect(named(Namespaces.all())).toBe("web-allow-egress-to-all-namespaces");
    expect(() => allowTo(web, Namespaces.select({ labels: { team: "payments" } }))).toThrow(
      /for peer "payments": it selects namespaces by labels/,
    );
  });

  it("keeps expressions of the peer's selector in its own policy", () => {
    const pods = Pods.select({ expressions: [LabelExpression.in("tier", ["db"])] });
    const [, ingress] = allowTo(web, pods).map((p) => p.toManifest());
    expect(ingress?.metadata.namespace).toBe("front");
    expect(ingress?.spec.podSelector).toEqual({ matchExpressions: [{ key: "tier", operator: "In", values: ["db"] }] });
  });
});

describe("allowFrom", () => {
  it("mirrors allowTo: ingress on the destination, egress on the peer, ports of the destination", () => {
    const policies = allowFrom(dns, web).map((p) => p.toManifest());
    expect(policies.map((p) => [p.metadata.namespace, p.spec.policyTypes])).toEqual([
      ["infra", ["Ingress"]],
      ["front", ["Egress"]],
    ]);
    expect(policies[0]?.spec.ingress?.[0]?.ports).toHaveLength(3);
  });
});

describe("isolate", () => {
  it("denies both directions for the workload", () => {
    expect(isolate(web).map((p) => p.toManifest())).toEqual([
      {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "web-deny-all", namespace: "front" },
        spec: { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress", "Egress"] },
      },
    ]);
  });
});
