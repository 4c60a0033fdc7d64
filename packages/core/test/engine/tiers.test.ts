// The tiers of cluster-wide policies in the engine, case by case: order, Pass, per-port decisions, the subtleties of
// API-NOTES.md (hostNetwork pods, networks matching pod IPs, nodes), and the explanations in every format.
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import { formatConnectionSet } from "../../src/engine/connection-set.js";
import { FORMATTERS } from "../../src/format/index.js";

const pod = (name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "shop", labels },
  spec: {
    containers: [
      {
        name: "c",
        ports: [
          { name: "web", containerPort: 8080 },
          { name: "dns", containerPort: 53, protocol: "UDP" },
        ],
      },
    ],
    ...(extra.hostNetwork ? { hostNetwork: true } : {}),
  },
  ...(extra.ip ? { status: { podIP: extra.ip } } : {}),
});
const cnp = (name: string, tier: "Admin" | "Baseline", priority: number, spec: Record<string, unknown>) => ({
  apiVersion: "policy.networking.k8s.io/v1alpha2",
  kind: "ClusterNetworkPolicy",
  metadata: { name },
  spec: { tier, priority, subject: { namespaces: {} }, ...spec },
});
const podsOf = (app: string) => ({ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app } } } });
const tcp = (number: number) => ({ tcp: { destinationPort: { number } } });
const allow = (a: ReturnType<typeof analyzeConnectivity>, src: string, dst: string) =>
  formatConnectionSet(a.allowed(src, dst));

const A = pod("a", { app: "a" }, { ip: "10.0.0.1" });
const B = pod("b", { app: "b" }, { ip: "10.0.0.2" });

describe("the Admin tier", () => {
  it("decides per port in priority order: the first matching rule wins, a later policy cannot undo it", () => {
    const map = analyzeConnectivity({
      objects: [
        A,
        B,
        cnp("later", "Admin", 20, { egress: [{ name: "accept-all", action: "Accept", to: [podsOf("b")] }] }),
        cnp("first", "Admin", 10, {
          egress: [
            { name: "deny-80", action: "Deny", to: [podsOf("b")], protocols: [tcp(80)] },
            {
              name: "deny-tcp",
              action: "Deny",
              to: [podsOf("b")],
              protocols: [{ tcp: { destinationPort: { range: { start: 1, end: 79 } } } }],
            },
          ],
        }),
      ],
    });
    expect(allow(map, "shop/a", "shop/b")).toBe("SCTP 1-65535,TCP 81-65535,UDP 1-65535");
    expect(allow(map, "shop/b", "shop/a")).toBe("All Connections");
  });

  it("Pass hands the traffic to the NetworkPolicies, which then decide; without one, to the Baseline tier", () => {
    const np = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "b", namespace: "shop" },
      spec: { podSelector: { matchLabels: { app: "b" } }, ingress: [{ ports: [{ port: 8080 }] }] },
    };
    const policies = [
      cnp("pass", "Admin", 1, { ingress: [{ name: "pass-a", action: "Pass", from: [podsOf("a")] }] }),
      cnp("deny", "Admin", 2, { ingress: [{ name: "deny-a", action: "Deny", from: [podsOf("a")] }] }),
      cnp("baseline", "Baseline", 1, {
        ingress: [{ name: "base-deny", action: "Deny", from: [podsOf("a")], protocols: [tcp(22)] }],
      }),
    ];
    expect(allow(analyzeConnectivity({ objects: [A, B, np, ...policies] }), "shop/a", "shop/b")).toBe("TCP 8080");
    expect(allow(analyzeConnectivity({ objects: [A, B, ...policies] }), "shop/a", "shop/b")).toBe(
      "SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535",
    );
  });

  it("an egress Accept does not override the destination's ingress rules", () => {
    const map = analyzeConnectivity({
      objects: [
        A,
        B,
        cnp("out", "Admin", 1, { egress: [{ action: "Accept", to: [podsOf("b")] }] }),
        cnp("in", "Admin", 2, { ingress: [{ action: "Deny", from: [podsOf("a")], protocols: [tcp(8080)] }] }),
      ],
    });
    expect(allow(map, "shop/a", "shop/b")).toBe("SCTP 1-65535,TCP 1-8079,8081-65535,UDP 1-65535");
  });

  it("resolves named ports against the destination's container ports, with their own protocols", () => {
    const map = analyzeConnectivity({
      objects: [
        A,
        B,
        cnp("named", "Admin", 1, {
          egress: [
            { action: "Accept", to: [podsOf("b")], protocols: [{ destinationNamedPort: "dns" }] },
            { action: "Deny", to: [podsOf("b")] },
          ],
        }),
      ],
    });
    expect(allow(map, "shop/a", "shop/b")).toBe("UDP 53");
  });
});

describe("peers", () => {
  it("networks match pod IPs too (0.0.0.0/0 denies pods with known IPs), and external ranges", () => {
    const c = pod("c", { app: "c" });
    const map = analyzeConnectivity({
      objects: [
        A,
        B,
        c,
        cnp("net", "Admin", 1, {
          subject: podsOf("a"),
          egress: [{ action: "Deny", to: [{ networks: ["0.0.0.0/0"] }] }],
        }),
      ],
    });
    expect(allow(map, "shop/a", "shop/b")).toBe("No Connections");
    // c has no known IP: no network can be said to hold it.
    expect(allow(map, "shop/a", "shop/c")).toBe("All Connections");
    expect(allow(map, "shop/a", "8.8.8.8")).toBe("No Connections");
  });

  it("hostNetwork pods are neither subjects nor matched by pod peers; networks match them by their IP", () => {
    const host = pod("host", { app: "b" }, { ip: "172.18.0.3", hostNetwork: true });
    const map = analyzeConnectivity({
      objects: [
        A,
        B,
        host,
        cnp("deny-b", "Admin", 1, { egress: [{ action: "Deny", to: [podsOf("b")] }] }),
        cnp("deny-nodes", "Admin", 2, {
          subject: podsOf("a"),
          egress: [{ action: "Deny", to: [{ networks: ["172.18.0.0/16"] }], protocols: [tcp(22)] }],
        }),
      ],
    });
    expect(allow(map, "shop/a", "shop/b")).toBe("No Connections");
    expect(allow(map, "shop/a", "shop/host")).toBe("SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535");
    // The hostNetwork pod is no subject: its own egress to b is not denied.
    expect(allow(map, "shop/host", "shop/b")).toBe("All Connections");
  });

  it("nodes match the addresses of Node objects; without any, a warning says the peer matches nothing", () => {
    const host = pod("host", { app: "h" }, { ip: "172.18.0.3", hostNetwork: true });
    const policy = cnp("nodes", "Admin", 1, {
      egress: [{ action: "Deny", to: [{ nodes: { matchLabels: { role: "w" } } }] }],
    });
    const node = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "w1", labels: { role: "w" } },
      status: {
        addresses: [
          { type: "InternalIP", address: "172.18.0.3" },
          { type: "Hostname", address: "w1" },
        ],
      },
    };
    const withNode = analyzeConnectivity({ objects: [A, host, node, policy] });
    expect(allow(withNode, "shop/a", "shop/host")).toBe("No Connections");
    expect(withNode.diagnostics.map((d) => d.code)).toEqual(["cluster-experimental"]);
    const without = analyzeConnectivity({ objects: [A, host, policy] });
    expect(allow(without, "shop/a", "shop/host")).toBe("All Connections");
    expect(without.diagnostics.map((d) => [d.code, d.path.join("."), d.subject])).toEqual([
      ["cluster-experimental", "spec.egress.0.to.0.nodes", "ClusterNetworkPolicy nodes"],
      ["cluster-nodes-unknown", "spec.egress.0.to.0.nodes", "ClusterNetworkPolicy nodes"],
    ]);
  });

  it("domainNames are named in a warning (no manifest says their addresses), and match nothing", () => {
    const map = analyzeConnectivity({
      objects: [A, cnp("dns", "Admin", 1, { egress: [{ action: "Accept", to: [{ domainNames: ["example.com"] }] }] })],
    });
    expect(map.diagnostics.map((d) => [d.code, d.path.join(".")])).toEqual([
      ["cluster-experimental", "spec.egress.0.to.0.domainNames"],
    ]);
    expect(map.diagnostics[0]?.message).toContain("no analysis of manifests can decide what it matches");
  });
});

describe("exposure", () => {
  it("accounts for cluster-wide policies: a denied selector is carved out of the entire-cluster line, no warning", () => {
    const policy = cnp("deny", "Admin", 1, { egress: [{ action: "Deny", to: [podsOf("b")] }] });
    const report = analyzeConnectivity({ objects: [A, B, policy] }).exposure({ workloads: ["shop/a"] });
    expect(report.diagnostics).toEqual([]);
    expect(report.unprotected).toEqual([{ workload: "shop/a[Pod]", direction: "ingress" }]);
    expect(report.egress.map((e) => [e.peer.name, formatConnectionSet(e.conn.conn)])).toEqual([
      ["0.0.0.0-255.255.255.255[External]", "All Connections"],
      ["[all namespaces]/[pod with {app=b}]", "No Connections"],
      ["entire-cluster", "All Connections"],
    ]);
  });
});

describe("explanations", () => {
  const objects = [
    A,
    B,
    {
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "AdminNetworkPolicy",
      metadata: { name: "guard" },
      spec: {
        priority: 5,
        subject: { namespaces: {} },
        egress: [
          { name: "allow-web", action: "Allow", to: [podsOf("b")], ports: [{ portNumber: { port: 8080 } }] },
          { name: "deny-rest", action: "Deny", to: [podsOf("b")] },
        ],
      },
    },
  ];

  it("name the deciding rule of each part, by policy kind, name and rule name", () => {
    const e = analyzeConnectivity({ objects }).explain("shop/a", "shop/b");
    expect(formatConnectionSet(e.conn)).toBe("TCP 8080");
    expect(
      (e.egress.clusterRules ?? []).map((r) => [
        r.policy,
        r.tier,
        r.name,
        r.rule,
        r.action,
        formatConnectionSet(r.conn),
      ]),
    ).toEqual([
      ["AdminNetworkPolicy guard", "Admin", "allow-web", 0, "Accept", "TCP 8080"],
      ["AdminNetworkPolicy guard", "Admin", "deny-rest", 1, "Deny", "SCTP 1-65535,TCP 1-8079,8081-65535,UDP 1-65535"],
    ]);
    expect(e.ingress.clusterRules ?? []).toEqual([]);
  });

  it("name what the Admin tier passes, and the NetworkPolicies deciding it; not those it overrides", () => {
    const np = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "b", namespace: "shop" },
      spec: { podSelector: { matchLabels: { app: "b" } }, ingress: [{ ports: [{ port: 8080 }] }] },
    };
    const admin = (action: "Deny" | "Pass") =>
      cnp("admin", "Admin", 1, { ingress: [{ name: "a", action, from: [podsOf("a")] }] });
    const text = (action: "Deny" | "Pass") =>
      FORMATTERS.txt.explanations([
        analyzeConnectivity({ objects: [A, B, np, admin(action)] }).explain("shop/a", "shop/b"),
      ]);
    expect(text("Deny")).toContain(
      [
        "\tDenied TCP, UDP, SCTP due to the following policies and rules:",
        "\t\tEgress (Allowed) due to the system default (Allow all)",
        "\t\tIngress (Denied)",
        "\t\t\tClusterNetworkPolicy 'admin' denies connections by Ingress rule a",
        "",
      ].join("\n"),
    );
    expect(text("Deny")).not.toContain("NetworkPolicy 'shop/b'");
    expect(text("Pass")).toContain(
      [
        "\tAllowed TCP:[8080] due to the following policies and rules:",
        "\t\tEgress (Allowed) due to the system default (Allow all)",
        "\t\tIngress (Allowed)",
        "\t\t\tClusterNetworkPolicy 'admin' passes connections by Ingress rule a",
        "\t\t\tNetworkPolicy 'shop/b' allows connections by Ingress rule #1",
        "",
      ].join("\n"),
    );
  });

  it("are listed by map in every format", () => {
    const map = analyzeConnectivity({ objects });
    const list = map.explainAll().filter((e) => e.src === "shop/a[Pod]" && e.dst === "shop/b[Pod]");
    const accept = "AdminNetworkPolicy 'guard' allows connections by Egress rule allow-web";
    const deny = "AdminNetworkPolicy 'guard' denies connections by Egress rule deny-rest";
    for (const format of ["txt", "csv", "md", "dot"] as const) {
      expect(FORMATTERS[format].explanations(list), format).toContain(accept);
      if (format !== "dot") expect(FORMATTERS[format].explanations(list), format).toContain(deny);
    }
    const json = JSON.parse(FORMATTERS.json.explanations(list)) as { egress: { clusterRules: unknown[] } }[];
    expect(json[0]?.egress.clusterRules).toEqual([
      {
        policy: "AdminNetworkPolicy guard",
        tier: "Admin",
        rule: 0,
        name: "allow-web",
        action: "Accept",
        conn: "TCP 8080",
      },
      {
        policy: "AdminNetworkPolicy guard",
        tier: "Admin",
        rule: 1,
        name: "deny-rest",
        action: "Deny",
        conn: "SCTP 1-65535,TCP 1-8079,8081-65535,UDP 1-65535",
      },
    ]);
  });
});
