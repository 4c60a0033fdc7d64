import { describe, expect, it } from "vitest";
import {
  type INetworkPolicyPeer,
  Namespaces,
  NetpolError,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  NetworkPolicyTrafficDefault,
  Pods,
  Workload,
} from "../src/index.js";

const web = Pods.select({ labels: { app: "web" } });
const api = Pods.select({ labels: { app: "api" } });

describe("namespace placement", () => {
  it("takes the namespace of the selected pods", () => {
    const p = new NetworkPolicy({
      selector: Pods.select({ labels: { app: "x" }, namespaces: Namespaces.select({ names: ["shop"] }) }),
    });
    expect(p.namespace).toBe("shop");
    expect(p.toManifest().spec.podSelector).toEqual({ matchLabels: { app: "x" } });
  });
  it("accepts an explicit namespace that agrees, or when the selector has none", () => {
    expect(new NetworkPolicy({ namespace: "a", selector: web }).namespace).toBe("a");
    const w = Workload.of({ kind: "Deployment", name: "w", namespace: "a", labels: { app: "w" } });
    expect(new NetworkPolicy({ namespace: "a", selector: w }).namespace).toBe("a");
  });
  it("rejects an explicit namespace that contradicts the selector", () => {
    const w = Workload.of({ kind: "Deployment", name: "w", namespace: "a", labels: { app: "w" } });
    expect(() => new NetworkPolicy({ namespace: "b", selector: w })).toThrow(
      /namespace "b" contradicts the selector.*"a"/s,
    );
  });
  it("rejects a selector spanning several namespaces, or namespaces chosen by labels", () => {
    const several = Pods.select({ labels: { a: "b" }, namespaces: Namespaces.select({ names: ["x", "y"] }) });
    expect(() => new NetworkPolicy({ selector: several })).toThrow(/several namespaces \(x, y\)/);
    const byLabels = Pods.all({ namespaces: Namespaces.select({ labels: { team: "a" } }) });
    expect(() => new NetworkPolicy({ selector: byLabels })).toThrow(/namespaces by labels/);
    expect(() => new NetworkPolicy({ selector: Pods.all({ namespaces: Namespaces.all() }) })).toThrow(
      /every namespace/,
    );
  });
});

describe("rendering", () => {
  it("rules without ports omit ports; multi-peer rules keep every peer", () => {
    const p = new NetworkPolicy({
      name: "p",
      selector: web,
      ingress: { rules: [{ peers: [api, NetworkPolicyIpBlock.ipv4("10.0.0.0/8")] }] },
    });
    expect(p.toManifest().spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { app: "api" } } }, { ipBlock: { cidr: "10.0.0.0/8" } }] },
    ]);
  });

  it("merges identical peers and ports", () => {
    const p = new NetworkPolicy({ name: "p", selector: web });
    p.addEgressRule(api, [NetworkPolicyPort.tcp(80), NetworkPolicyPort.tcp(80)]);
    p.addEgressRule(api, [NetworkPolicyPort.tcp(80)]);
    expect(p.toManifest().spec.egress).toEqual([
      { to: [{ podSelector: { matchLabels: { app: "api" } } }], ports: [{ protocol: "TCP", port: 80 }] },
    ]);
  });

  it("keeps the ALLOW default's empty rule beside other rules", () => {
    const p = new NetworkPolicy({
      name: "p",
      ingress: {
        default: NetworkPolicyTrafficDefault.ALLOW,
        rules: [{ peer: api, ports: [NetworkPolicyPort.udp(53)] }],
      },
    });
    expect(p.toManifest().spec.ingress).toEqual([
      {},
      { from: [{ podSelector: { matchLabels: { app: "api" } } }], ports: [{ protocol: "UDP", port: 53 }] },
    ]);
  });

  it("a rule with no peer allows any peer on its ports", () => {
    const p = new NetworkPolicy({ name: "p", ingress: { rules: [{ ports: [NetworkPolicyPort.tcp(443)] }] } });
    expect(p.toManifest().spec.ingress).toEqual([{ ports: [{ protocol: "TCP", port: 443 }] }]);
  });

  it("DENY beside rules changes nothing but states intent", () => {
    const a = new NetworkPolicy({
      name: "p",
      ingress: { default: NetworkPolicyTrafficDefault.DENY, rules: [{ peer: api }] },
    });
    const b = new NetworkPolicy({ name: "p", ingress: { rules: [{ peer: api }] } });
    expect(a.toManifest()).toEqual(b.toManifest());
  });

  it("lists both policy types, Ingress first", () => {
    const p = new NetworkPolicy({
      name: "p",
      egress: { default: NetworkPolicyTrafficDefault.DENY },
      ingress: { rules: [{ peer: api }] },
    });
    expect(p.toManifest().spec.policyTypes).toEqual(["Ingress", "Egress"]);
  });

  it("orders metadata labels and annotations", () => {
    const p = new NetworkPolicy({ name: "p", labels: { z: "1", a: "2" }, annotations: { "y/b": "x", "a/b": "y" } });
    expect(Object.keys(p.toManifest().metadata.labels ?? {})).toEqual(["a", "z"]);
    expect(Object.keys(p.toManifest().metadata.annotations ?? {})).toEqual(["a/b", "y/b"]);
  });

  it("derives readable names, never `undefined`", () => {
    expect(new NetworkPolicy({ selector: web, ingress: { rules: [{ peer: api }] } }).name).toBe("web-ingress");
    expect(new NetworkPolicy({ egress: { default: NetworkPolicyTrafficDefault.DENY } }).name).toBe(
      "all-pods-deny-egress",
    );
    expect(new NetworkPolicy({ ingress: { default: NetworkPolicyTrafficDefault.ALLOW } }).name).toBe(
      "all-pods-allow-ingress",
    );
  });
});

describe("bad input", () => {
  it("reports every problem of the props in one error", () => {
    try {
      new NetworkPolicy({
        name: "Bad_Name",
        namespace: "Bad",
        ingress: { default: "Maybe" as never, rule: [] } as never,
      });
      expect.unreachable();
    } catch (e) {
      expect((e as NetpolError).diagnostics.map((d) => d.path)).toEqual([
        ["namespace"],
        ["name"],
        ["ingress", "rule"],
        ["ingress", "default"],
      ]);
    }
  });

  it("rejects peer and peers together, and an empty peers list", () => {
    expect(() => new NetworkPolicy({ ingress: { rules: [{ peer: api, peers: [web] }] } })).toThrow(
      /peer or peers, not both/,
    );
    expect(() => new NetworkPolicy({ ingress: { rules: [{ peers: [] }] } })).toThrow(
      /non-empty list.*Omit peer and peers/s,
    );
  });

  it("rejects things that are not peers or ports", () => {
    expect(() => new NetworkPolicy({ ingress: { rules: [{ peer: { name: "x" } as never }] } })).toThrow(/not a peer/);
    expect(() => new NetworkPolicy({ ingress: { rules: [{ ports: [6379 as never] }] } })).toThrow(
      /not a NetworkPolicyPort/,
    );
  });

  it("adding a bad rule later throws and leaves the policy unchanged", () => {
    const p = new NetworkPolicy({ name: "p", selector: web, ingress: { rules: [{ peer: api }] } });
    const before = p.toManifest();
    expect(() => p.addIngressRule({ toNetworkPolicyPeerConfig: () => ({}) })).toThrow(
      /needs an IP block or a pod selector/,
    );
    expect(p.toManifest()).toEqual(before);
  });
});

describe("custom peers", () => {
  it("a user-implemented peer renders like a built-in one", () => {
    const monitoring: INetworkPolicyPeer = {
      toNetworkPolicyPeerConfig: () => ({
        podSelector: { labelSelector: { labels: { app: "prometheus" } }, namespaces: { names: ["monitoring"] } },
      }),
    };
    const p = new NetworkPolicy({
      name: "p",
      ingress: { rules: [{ peer: monitoring, ports: [NetworkPolicyPort.tcp("metrics")] }] },
    });
    expect(p.toManifest().spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
            podSelector: { matchLabels: { app: "prometheus" } },
          },
        ],
        ports: [{ protocol: "TCP", port: "metrics" }],
      },
    ]);
  });

  it("a custom peer with both an IP block and a selector is rejected", () => {
    const bad: INetworkPolicyPeer = {
      toNetworkPolicyPeerConfig: () => ({ ipBlock: { cidr: "10.0.0.0/8" }, podSelector: { labelSelector: {} } }),
    };
    expect(() => new NetworkPolicy({ ingress: { rules: [{ peer: bad }] } })).toThrow(
      /both an IP block and a pod selector/,
    );
  });

  it("a custom peer's invalid labels are reported", () => {
    const bad: INetworkPolicyPeer = {
      toNetworkPolicyPeerConfig: () => ({ podSelector: { labelSelector: { labels: { app: "-x" } } } }),
    };
    expect(() => new NetworkPolicy({ ingress: { rules: [{ peer: bad }] } })).toThrow(NetpolError);
  });
});
