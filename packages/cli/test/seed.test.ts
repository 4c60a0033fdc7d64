// Every seed example, written once as a spec and once with core's API: `netpol generate` must give the bytes core
// gives, so the spec format says exactly what the seed's code says.
import {
  allowTo,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  NetworkPolicyTrafficDefault,
  Pods,
  toYaml,
  Workload,
} from "@netpol/core";
import { describe, expect, it } from "vitest";
import { caseSpec, netpol } from "./helpers.js";

const pod = (name: string, extra: { namespace?: string; port?: number } = {}) =>
  Workload.of({
    kind: "Pod",
    name,
    labels: { app: name },
    ...(extra.namespace ? { namespace: extra.namespace } : {}),
    ...(extra.port ? { ports: [{ number: extra.port, protocol: "TCP" as const }] } : {}),
  });

const seed: Record<string, () => NetworkPolicy[]> = {
  "01-managed-pod": () => [new NetworkPolicy({ name: "policy", selector: pod("web") })],
  "02-managed-workload": () => [
    new NetworkPolicy({
      name: "policy",
      selector: Workload.of({ kind: "Deployment", name: "web", labels: { app: "web" } }),
    }),
  ],
  "03-selected-pods": () => [new NetworkPolicy({ name: "policy", selector: Pods.select({ labels: { app: "web" } }) })],
  "04-ip-blocks": () => [
    new NetworkPolicy({
      name: "ip-blocks",
      selector: Pods.select({ labels: { app: "web" } }),
      egress: {
        rules: [
          { peer: NetworkPolicyIpBlock.ipv4("172.17.0.0/16") },
          { peer: NetworkPolicyIpBlock.ipv6("2002::1234:abcd:ffff:c0a8:101/64") },
          {
            peers: [NetworkPolicyIpBlock.anyIpv4(), NetworkPolicyIpBlock.anyIpv6()],
            ports: [NetworkPolicyPort.tcp(443)],
          },
        ],
      },
    }),
  ],
  "05-egress-rule": () => {
    const web = new NetworkPolicy({
      name: "policy",
      selector: pod("web"),
      egress: { rules: [{ peer: pod("cache", { port: 6379 }), ports: [NetworkPolicyPort.tcp(6379)] }] },
    });
    web.addEgressRule(pod("db", { port: 6378 }), [NetworkPolicyPort.tcp(6378)]);
    return [web];
  },
  "06-ingress-rule": () => {
    const db = new NetworkPolicy({
      name: "policy",
      selector: pod("db", { port: 6378 }),
      ingress: { rules: [{ peer: pod("web"), ports: [NetworkPolicyPort.tcp(6379)] }] },
    });
    db.addIngressRule(pod("cache", { port: 6379 }), [NetworkPolicyPort.tcp(6379)]);
    return [db];
  },
  "07-bidirectional-rule": () => {
    const web = pod("web", { namespace: "n1" });
    const redis = pod("redis", { namespace: "n2", port: 6379 });
    const webPolicy = new NetworkPolicy({ name: "web-policy", namespace: "n1", selector: web });
    const redisPolicy = new NetworkPolicy({ name: "redis-policy", namespace: "n2", selector: redis });
    webPolicy.addEgressRule(redis, [NetworkPolicyPort.tcp(6379)]);
    redisPolicy.addIngressRule(web, [NetworkPolicyPort.tcp(6379)]);
    return [webPolicy, redisPolicy];
  },
  "08-pod-connections": () => allowTo(pod("web", { namespace: "n1" }), pod("redis", { namespace: "n2", port: 6379 })),
  "09-deny-all-ingress": () => [
    new NetworkPolicy({ name: "deny-all-ingress", ingress: { default: NetworkPolicyTrafficDefault.DENY } }),
  ],
  "10-allow-all-ingress": () => [
    new NetworkPolicy({ name: "allow-all-ingress", ingress: { default: NetworkPolicyTrafficDefault.ALLOW } }),
  ],
  "11-deny-all-egress": () => [
    new NetworkPolicy({ name: "deny-all-egress", egress: { default: NetworkPolicyTrafficDefault.DENY } }),
  ],
  "12-allow-all-egress": () => [
    new NetworkPolicy({ name: "allow-all-egress", egress: { default: NetworkPolicyTrafficDefault.ALLOW } }),
  ],
};

describe.each(Object.entries(seed))("seed example %s", (name, build) => {
  it("generates exactly what core's API renders for the seed's code", () => {
    const r = netpol(["generate", caseSpec(name)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(toYaml(build().map((p) => p.toManifest())));
  });
});
