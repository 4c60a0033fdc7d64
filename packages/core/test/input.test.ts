// What callers hand in is read once, own data only, and every bad value is one NetpolError, never a TypeError.

import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { analyzeConnectivity } from "../src/analysis.js";
import {
  type INetworkPolicyPeer,
  isNetpolError,
  Namespaces,
  type NetpolError,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  type NetworkPolicyPeerConfig,
  NetworkPolicyPort,
  NetworkPolicyTrafficDefault,
  Pods,
  toYaml,
  Workload,
} from "../src/index.js";

const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
const db = Workload.of({
  kind: "StatefulSet",
  name: "db",
  namespace: "shop",
  labels: { app: "db" },
  ports: [{ number: 5432 }],
});

/** The diagnostics of the NetpolError `f` throws (it must throw one). */
function problems(f: () => unknown): NetpolError["diagnostics"] {
  try {
    f();
  } catch (e) {
    if (isNetpolError(e)) return e.diagnostics;
    throw new Error(`expected a NetpolError, got ${String(e)}`);
  }
  throw new Error("expected a NetpolError, nothing was thrown");
}

describe("own data only", () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).default;
    delete (Object.prototype as Record<string, unknown>).rules;
  });

  it("ignores options inherited through the prototype chain (Object.prototype.default = ALLOW)", () => {
    (Object.prototype as Record<string, unknown>).default = NetworkPolicyTrafficDefault.ALLOW;
    const policy = new NetworkPolicy({ selector: web, ingress: { rules: [{ peer: db }] } });
    const manifest = policy.toManifest();
    expect(manifest.spec.ingress).toHaveLength(1);
    expect(manifest.spec.ingress?.[0]).toHaveProperty("from");
    expect(manifest.spec.egress).toBeUndefined();
    expect(manifest.spec.policyTypes).toEqual(["Ingress"]);
  });

  it("refuses labels given as a Map, saying how to pass them", () => {
    const [d] = problems(() => Pods.select({ labels: new Map([["app", "web"]]) as never }));
    expect(d).toMatchObject({
      code: "labels-map",
      path: ["Pods.select", "labels"],
      hint: "Pass Object.fromEntries(map)",
    });
  });

  it("reads a getter once: the value checked is the value rendered", () => {
    let reads = 0;
    const labels = {
      get app() {
        reads++;
        return reads === 1 ? "web" : "Not Valid!";
      },
    };
    const pods = Pods.select({ labels });
    expect(reads).toBe(1);
    const policy = new NetworkPolicy({ namespace: "shop", selector: pods });
    expect(policy.toManifest().spec.podSelector).toEqual({ matchLabels: { app: "web" } });
    expect(reads).toBe(1);
  });

  it("copies the caller's labels, frozen, and never freezes the caller's object", () => {
    const labels: Record<string, string> = { app: "api", tier: "back" };
    const w = Workload.of({ kind: "Deployment", name: "api", labels });
    const pods = Pods.select({ labels });
    labels.app = "changed";
    expect(Object.isFrozen(labels)).toBe(false);
    expect(w.labels).toEqual({ app: "api", tier: "back" });
    expect(Object.isFrozen(w.labels)).toBe(true);
    expect(pods.toPodSelectorConfig().labelSelector.labels).toEqual({ app: "api", tier: "back" });
  });

  it("reads a custom peer at each use: a config changed since is checked again", () => {
    const cfg = { podSelector: { labelSelector: { labels: { app: "api" } as Record<string, string> } } };
    const peer: INetworkPolicyPeer = { toNetworkPolicyPeerConfig: () => cfg as NetworkPolicyPeerConfig };
    const policy = new NetworkPolicy({ selector: web, egress: { rules: [{ peer }] } });
    cfg.podSelector.labelSelector.labels = { "-bad": "x" };
    expect(() => policy.addEgressRule(peer)).toThrow(/invalid label key "-bad"/);
  });

  it("reads a caller's namespace selector once, when the pods are selected", () => {
    const names = ["shop"];
    const pods = Pods.select({ labels: { app: "api" }, namespaces: { toNamespaceSelectorConfig: () => ({ names }) } });
    names[0] = "Not_A_Namespace";
    const policy = new NetworkPolicy({ selector: web, ingress: { rules: [{ peer: pods }] } });
    expect(policy.toManifest().spec.ingress?.[0]?.from?.[0]?.namespaceSelector).toEqual({
      matchLabels: { "kubernetes.io/metadata.name": "shop" },
    });
  });

  it("an IP block with host bits warns in every policy that uses it", () => {
    const block = NetworkPolicyIpBlock.ipv4("10.0.0.1/8");
    const a = new NetworkPolicy({ selector: web, egress: { rules: [{ peer: block }] } });
    const b = new NetworkPolicy({ selector: web, egress: { rules: [{ peer: block }] } });
    expect(a.warnings.map((w) => w.code)).toEqual(["cidr-host-bits"]);
    expect(b.warnings.map((w) => w.code)).toEqual(["cidr-host-bits"]);
  });
});

describe("names: [] selects nothing, so it is an error", () => {
  it.each([
    ["alone", { names: [] }],
    ["with labels", { names: [], labels: { team: "a" } }],
  ])("Namespaces.select with names: [] %s", (_, options) => {
    const [d] = problems(() => Namespaces.select(options));
    expect(d).toMatchObject({ code: "names-empty", path: ["Namespaces.select", "names"] });
    expect(d?.message).toBe("names: [] selects no namespace");
  });

  it("inside the namespaces of pods, through a custom namespace selector", () => {
    const [d] = problems(() => Pods.select({ namespaces: { toNamespaceSelectorConfig: () => ({ names: [] }) } }));
    expect(d).toMatchObject({ code: "names-empty", path: ["Pods.select", "namespaces", "names"] });
  });
});

describe("bad values are NetpolErrors, never TypeErrors", () => {
  it.each([
    ["addRule with an unknown direction", () => new NetworkPolicy({ selector: web }).addRule("sideways" as never, db)],
    ["a BigInt port", () => NetworkPolicyPort.tcp(80n as never)],
    ["a BigInt range", () => NetworkPolicyPort.tcpRange(80n as never, 90)],
    ["toYaml(null)", () => toYaml(null as never)],
    ["toYaml of a list holding null", () => toYaml([null as never])],
    ["analyzeConnectivity(null)", () => analyzeConnectivity(null as never)],
    ["analyzeConnectivity of no list", () => analyzeConnectivity({ objects: "x" as never })],
    ["a null policy props", () => new NetworkPolicy(null as never)],
    ["a null workload", () => Workload.of(null as never)],
    ["Pods.select(null)", () => Pods.select(null as never)],
    ["a null rule", () => new NetworkPolicy({ ingress: { rules: [null as never] } })],
    ["a null peer", () => new NetworkPolicy({ ingress: { rules: [{ peer: null as never }] } })],
    ["a null port", () => new NetworkPolicy({ ingress: { rules: [{ ports: [null as never] }] } })],
  ])("%s", (_, f) => {
    expect(problems(f).length).toBeGreaterThan(0);
  });

  it("toYaml refuses a cyclic object", () => {
    const m: Record<string, unknown> = { kind: "x" };
    m.self = m;
    expect(problems(() => toYaml([m]))[0]).toMatchObject({ code: "not-serializable", path: [0, "self"] });
  });
});

describe("names follow what the policy is", () => {
  it("a policy given egress rules after construction is named after egress", () => {
    const policy = new NetworkPolicy({ selector: web }).addEgressRule(db);
    expect(policy.name).toBe("web-egress");
    expect(policy.toManifest().metadata.name).toBe("web-egress");
  });

  it("an empty policy is named after ingress, which Kubernetes isolates", () => {
    expect(new NetworkPolicy({ selector: web }).name).toBe("web-ingress");
  });
});

describe("YAML for YAML 1.1 readers", () => {
  it("escapes the line breaks YAML 1.1 would fold (U+2028, U+0085, U+2029)", () => {
    for (const c of ["\u2028", "\u0085", "\u2029"]) {
      const text = toYaml([{ metadata: { annotations: { note: `a${c}b` } } }]);
      expect(text).not.toContain(c);
      expect(parse(text, { version: "1.1" })).toEqual({ metadata: { annotations: { note: `a${c}b` } } });
    }
  });
});
