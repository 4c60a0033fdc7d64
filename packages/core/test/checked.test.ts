// Checks run once per frozen value: what passed once and cannot change is not checked again, and nothing else is
// skipped — a mutable config is checked at every use, and a value with warnings reports them at every use.
import { describe, expect, it } from "vitest";
import {
  type INetworkPolicyPeer,
  Namespaces,
  NetpolError,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  type NetworkPolicyPeerConfig,
  Pods,
  Workload,
} from "../src/index.js";

const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });

describe("checked values", () => {
  it("core's selectors and workloads hand out one frozen config", () => {
    for (const v of [web, Pods.select({ labels: { app: "api" } }), Namespaces.select({ names: ["shop"] })]) {
      expect(v.toPodSelectorConfig()).toBe(v.toPodSelectorConfig());
      expect(v.toNetworkPolicyPeerConfig()).toBe(v.toNetworkPolicyPeerConfig());
      expect(Object.isFrozen(v.toPodSelectorConfig())).toBe(true);
      expect(Object.isFrozen(v.toPodSelectorConfig().labelSelector)).toBe(true);
      expect(() => {
        (v.toPodSelectorConfig() as { labelSelector: unknown }).labelSelector = {};
      }).toThrow(TypeError);
    }
  });

  it("workloads and selectors freeze a copy of the caller's labels, never the caller's object", () => {
    const labels: Record<string, string> = { app: "api", tier: "back" };
    const w = Workload.of({ kind: "Deployment", name: "api", labels });
    const pods = Pods.select({ labels });
    labels.app = "changed";
    labels.extra = "x";
    expect(Object.isFrozen(labels)).toBe(false);
    expect(w.labels).toEqual({ app: "api", tier: "back" });
    expect(Object.isFrozen(w.labels)).toBe(true);
    expect(pods.toPodSelectorConfig().labelSelector.labels).toEqual({ app: "api", tier: "back" });
  });

  it("a custom peer whose config changes is checked at every use", () => {
    const cfg = { podSelector: { labelSelector: { labels: { app: "api" } } } } as {
      podSelector: { labelSelector: { labels: Record<string, string> } };
    };
    const peer: INetworkPolicyPeer = { toNetworkPolicyPeerConfig: () => cfg as NetworkPolicyPeerConfig };
    const policy = new NetworkPolicy({ selector: web, egress: { rules: [{ peer }] } });
    cfg.podSelector.labelSelector.labels = { "-bad": "x" };
    expect(() => policy.addEgressRule(peer)).toThrow(NetpolError);
    expect(() => policy.addEgressRule(peer)).toThrow(/invalid label key "-bad"/);
  });

  it("a frozen custom config is checked until it passes, then trusted", () => {
    const bad = Object.freeze({
      podSelector: Object.freeze({ labelSelector: Object.freeze({ labels: Object.freeze({ "-x": "y" }) }) }),
    });
    const peer: INetworkPolicyPeer = { toNetworkPolicyPeerConfig: () => bad };
    for (let i = 0; i < 2; i++)
      expect(() => new NetworkPolicy({ selector: web, egress: { rules: [{ peer }] } })).toThrow(/invalid label key/);
  });

  it("an IP block with host bits warns at every use", () => {
    const block = NetworkPolicyIpBlock.ipv4("10.0.0.1/8");
    const a = new NetworkPolicy({ selector: web, egress: { rules: [{ peer: block }] } });
    const b = new NetworkPolicy({ selector: web, egress: { rules: [{ peer: block }] } });
    expect(a.warnings.map((w) => w.code)).toEqual(b.warnings.map((w) => w.code));
    expect(a.warnings.length).toBeGreaterThan(0);
  });

  it("Pods over a caller's namespace selector stay mutable-safe: its config is checked at each use", () => {
    const names = ["shop"];
    const pods = Pods.select({ labels: { app: "api" }, namespaces: { toNamespaceSelectorConfig: () => ({ names }) } });
    expect(Object.isFrozen(pods)).toBe(false);
    new NetworkPolicy({ selector: web, ingress: { rules: [{ peer: pods }] } });
    names[0] = "Not_A_Namespace";
    expect(() => new NetworkPolicy({ selector: web, ingress: { rules: [{ peer: pods }] } })).toThrow(
      /invalid namespace name/,
    );
  });
});
