// Reading existing NetworkPolicy objects: strict validation with paths, and import that keeps the meaning.
import { describe, expect, it } from "vitest";
import { formatPath } from "../src/index.js";
import { parseNetworkPolicyManifest, policyFromManifest } from "../src/manifests/index.js";

const policy = (spec: object, metadata: object = { name: "p", namespace: "ns" }) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata,
  spec,
});

const errors = (value: unknown) =>
  parseNetworkPolicyManifest(value)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${formatPath(d.path)}: ${d.message}`);

describe("parseNetworkPolicyManifest", () => {
  it("accepts a valid policy and returns it", () => {
    const m = policy({ podSelector: {}, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 80 }] }] });
    expect(parseNetworkPolicyManifest(m)).toEqual({ policy: m, diagnostics: [] });
  });

  it("rejects cdk8s-plus's allTcp output (port: 0) with the field's path", () => {
    const m = policy({ podSelector: {}, egress: [{ ports: [{ port: 0, endPort: 65535, protocol: "TCP" }] }] });
    expect(errors(m)).toEqual(["spec.egress[0].ports[0].port: port 0 is out of range"]);
    // The advice is in manifest terms: a YAML author has no NetworkPolicyPort.allTcp().
    const [d] = parseNetworkPolicyManifest(m).diagnostics;
    expect(d?.hint).toBe("To allow every port of a protocol, leave out port and keep protocol");
  });

  it("rejects a lone endPort, bad protocols and named ranges", () => {
    const m = policy({
      podSelector: {},
      ingress: [{ ports: [{ endPort: 10 }, { port: 80, protocol: "ICMP" }, { port: "http", endPort: 90 }] }],
    });
    expect(errors(m)).toEqual([
      "spec.ingress[0].ports[0].endPort: endPort needs a port",
      'spec.ingress[0].ports[1].protocol: unknown protocol "ICMP"',
      "spec.ingress[0].ports[2].endPort: endPort cannot follow a named port",
    ]);
  });

  it("rejects peers mixing ipBlock with selectors, empty peers, bad CIDRs and except outside", () => {
    const m = policy({
      podSelector: {},
      egress: [
        {
          to: [
            { ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} },
            {},
            { ipBlock: { cidr: "10.0.0.0/33" } },
            { ipBlock: { cidr: "10.0.0.0/8", except: ["192.168.0.0/16"] } },
          ],
        },
      ],
    });
    expect(errors(m)).toEqual([
      "spec.egress[0].to[0]: a peer cannot combine ipBlock with a pod or namespace selector",
      "spec.egress[0].to[1]: an empty peer selects nothing",
      'spec.egress[0].to[2].ipBlock.cidr: invalid CIDR "10.0.0.0/33"',
      'spec.egress[0].to[3].ipBlock.except[0]: except "192.168.0.0/16" is not strictly inside "10.0.0.0/8"',
    ]);
  });

  it("rejects unknown fields, bad policy types, names and selectors", () => {
    const m = policy(
      { podSelector: { matchLabels: { app: "-x" } }, policyTypes: ["Ingress", "Sideways"], ingres: [] },
      { name: "Bad Name" },
    );
    expect(errors(m)).toEqual([
      'spec.ingres: unknown key "ingres"',
      'metadata.name: invalid name "Bad Name"',
      'spec.podSelector.matchLabels.app: invalid label value "-x"',
      'spec.policyTypes[1]: unknown policy type "Sideways"',
    ]);
  });

  it("rejects selector expressions the API server rejects", () => {
    const m = policy({
      podSelector: {
        matchExpressions: [
          { key: "a", operator: "In", values: [] },
          { key: "b", operator: "Exists", values: ["x"] },
          { key: "c", operator: "Like", values: ["x"] },
        ],
      },
    });
    expect(errors(m)).toHaveLength(3);
  });

  it("warns, without failing, about CIDRs with host bits", () => {
    const r = parseNetworkPolicyManifest(
      policy({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: "10.0.1.1/4" } }] }] }),
    );
    expect(r.policy).toBeDefined();
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([["warning", "cidr-host-bits"]]);
  });
});

describe("policyFromManifest", () => {
  const roundTrip = (m: unknown) => policyFromManifest(m).policy.toManifest();

  it("makes inferred policyTypes explicit: Ingress always, Egress only with egress rules", () => {
    expect(roundTrip(policy({ podSelector: {} })).spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
    expect(roundTrip(policy({ podSelector: {}, egress: [] })).spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress"],
    });
    expect(roundTrip(policy({ podSelector: {}, egress: [{}] })).spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      egress: [{}],
    });
  });

  it("keeps `ingress: [{}]` (allow all) distinct from `ingress: []` (deny all)", () => {
    const allow = roundTrip(policy({ podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] }));
    const deny = roundTrip(policy({ podSelector: {}, policyTypes: ["Ingress"], ingress: [] }));
    expect(allow.spec.ingress).toEqual([{}]);
    expect(deny.spec).not.toHaveProperty("ingress");
    expect(deny.spec.policyTypes).toEqual(["Ingress"]);
  });

  it("reads YAML nulls (`- ` items, `from: null`) as Kubernetes does", () => {
    const m = policy({ podSelector: null, ingress: [null, { from: null, ports: null }] });
    expect(roundTrip(m).spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] });
  });

  it("drops rules of a direction policyTypes leaves out, with a warning", () => {
    const { policy: p, warnings } = policyFromManifest(
      policy({ podSelector: {}, policyTypes: ["Egress"], ingress: [{}], egress: [{}] }),
    );
    expect(p.toManifest().spec).toEqual({ podSelector: {}, policyTypes: ["Egress"], egress: [{}] });
    expect(warnings.map((w) => [w.code, formatPath(w.path)])).toEqual([["ignored-rules", "spec.ingress"]]);
  });

  it("keeps namespace selection by name, by labels, both, and all namespaces", () => {
    const peers = [
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "a" } }, podSelector: {} },
      {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "b", env: "prod" } },
        podSelector: { matchLabels: { x: "y" } },
      },
      { namespaceSelector: { matchExpressions: [{ key: "team", operator: "Exists" }] } },
      { namespaceSelector: {} },
      { podSelector: { matchLabels: { app: "web" } } },
      { ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } },
    ];
    const out = roundTrip(policy({ podSelector: {}, ingress: [{ from: peers }] }));
    // Canonical order: selectors (by content), then IP blocks.
    expect(out.spec.ingress?.[0]?.from).toEqual([
      { namespaceSelector: { matchExpressions: [{ key: "team", operator: "Exists" }] }, podSelector: {} },
      {
        namespaceSelector: { matchLabels: { env: "prod", "kubernetes.io/metadata.name": "b" } },
        podSelector: { matchLabels: { x: "y" } },
      },
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "a" } }, podSelector: {} },
      { namespaceSelector: {}, podSelector: {} },
      { podSelector: { matchLabels: { app: "web" } } },
      { ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } },
    ]);
  });

  it("keeps a name label that is no valid namespace name as a label", () => {
    const peer = { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "Not.A_Namespace" } } };
    const out = roundTrip(policy({ podSelector: {}, ingress: [{ from: [peer] }] }));
    expect(out.spec.ingress?.[0]?.from?.[0]?.namespaceSelector).toEqual(peer.namespaceSelector);
  });

  it("makes protocols explicit and keeps ranges and named ports", () => {
    const out = roundTrip(
      policy({
        podSelector: {},
        ingress: [{ ports: [{ port: 80 }, { port: "http" }, { protocol: "UDP" }, { port: 1, endPort: 9 }] }],
      }),
    );
    expect(out.spec.ingress?.[0]?.ports).toEqual([
      { protocol: "TCP", port: 1, endPort: 9 },
      { protocol: "TCP", port: 80 },
      { protocol: "TCP", port: "http" },
      { protocol: "UDP" },
    ]);
  });

  it("throws one NetpolError listing every problem of an invalid manifest", () => {
    expect(() =>
      policyFromManifest(policy({ podSelector: {}, ingress: [{ ports: [{ port: 0 }, { port: 70000 }] }] })),
    ).toThrow(/ports\[0\]\.port.*\n.*ports\[1\]\.port/);
  });
});

describe("policy metadata", () => {
  it("keeps labels and annotations through import", () => {
    const m = policy(
      { podSelector: {} },
      { name: "p", labels: { team: "a" }, annotations: { "example.com/owner": "ops" } },
    );
    expect(policyFromManifest(m).policy.toManifest().metadata).toEqual({
      name: "p",
      labels: { team: "a" },
      annotations: { "example.com/owner": "ops" },
    });
  });

  it("rejects annotations that are not strings", () => {
    expect(errors(policy({ podSelector: {} }, { name: "p", annotations: { n: 1 } }))).toEqual([
      "metadata.annotations.n: found the number 1",
    ]);
  });

  it("exposes its parts as plain data", () => {
    const { policy: p } = policyFromManifest(
      policy({
        podSelector: { matchLabels: { app: "db" } },
        ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 5432 }] }],
      }),
    );
    const c = p.toConfig();
    expect(c.selector.labelSelector).toEqual({ labels: { app: "db" } });
    expect(c.ingress.rules).toHaveLength(1);
    expect(c.ingress.rules[0]?.ports?.map((x) => x.toManifest())).toEqual([{ protocol: "TCP", port: 5432 }]);
    expect(c.egress).toEqual({ default: undefined, rules: [] });
  });
});

describe("policyTypes: []", () => {
  it("counts as absent, as the API server defaults it: Ingress, and Egress only with egress rules", () => {
    const m = policy({ podSelector: {}, policyTypes: [], egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] });
    expect(policyFromManifest(m).policy.toManifest().spec.policyTypes).toEqual(["Ingress", "Egress"]);
  });
});
