// ClusterNetworkPolicy in the model: what it renders (v1alpha2, and v1alpha1's two kinds), and each validation rule
// of the API (kubernetes-sigs/network-policy-api, see ../shared/conformance/cnp/API-NOTES.md §2) as an error or a
// warning with its path.
import { describe, expect, it } from "vitest";
import {
  ClusterNetworkPolicy,
  ClusterNetworkPolicyAction,
  type ClusterNetworkPolicyProps,
  ClusterNetworkPolicyProtocol,
  ClusterNetworkPolicyTier,
  type Diagnostic,
  DomainNames,
  isNetpolError,
  LabelExpression,
  Namespaces,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  Networks,
  Nodes,
  Pods,
  toYaml,
  Workload,
} from "../src/index.js";

const { ACCEPT, DENY, PASS } = ClusterNetworkPolicyAction;
const P = ClusterNetworkPolicyProtocol;
const gryffindor = Namespaces.select({ names: ["gryffindor"] });
const slytherin = Namespaces.select({ labels: { house: "slytherin" } });

/** The diagnostics a construction throws, as `code path` lines; [] when it succeeds. */
function problems(make: () => unknown): string[] {
  try {
    make();
    return [];
  } catch (e) {
    if (!isNetpolError(e)) throw e;
    return e.diagnostics.map((d) => `${d.severity === "warning" ? "warning " : ""}${d.code} ${d.path.join(".")}`);
  }
}

const warningsOf = (p: ClusterNetworkPolicy) => p.warnings.map((d: Diagnostic) => `${d.code} ${d.path.join(".")}`);

/** A valid Admin policy with `change` applied to its props. */
const admin = (change: Partial<Record<keyof ClusterNetworkPolicyProps, unknown>> = {}) =>
  new ClusterNetworkPolicy({
    tier: ClusterNetworkPolicyTier.ADMIN,
    priority: 10,
    subject: gryffindor,
    egress: [{ action: DENY, to: [slytherin] }],
    ...change,
  } as ClusterNetworkPolicyProps);

describe("rendering v1alpha2", () => {
  it("writes every field in the API's order, rules in their order, peers and protocols sorted within a rule", () => {
    const policy = ClusterNetworkPolicy.admin({
      name: "gryffindor-gress",
      priority: 6,
      subject: Pods.select({ labels: { app: "web" }, namespaces: gryffindor }),
      ingress: [
        {
          name: "from-slytherin",
          action: ACCEPT,
          from: [Pods.select({ labels: { app: "x" }, namespaces: Namespaces.all() }), slytherin],
          protocols: [P.udp(53), P.tcpRange(8000, 8080), P.tcp(80), P.namedPort("web"), P.allSctp()],
        },
      ],
      egress: [
        { action: PASS, to: [slytherin] },
        { action: DENY, to: [Networks.of("::/0", "0.0.0.0/0"), Namespaces.select({ names: ["a", "b"] })] },
      ],
      labels: { team: "net" },
    });
    expect(policy.kind).toBe("ClusterNetworkPolicy");
    expect(policy.toManifest()).toEqual({
      apiVersion: "policy.networking.k8s.io/v1alpha2",
      kind: "ClusterNetworkPolicy",
      metadata: { name: "gryffindor-gress", labels: { team: "net" } },
      spec: {
        tier: "Admin",
        priority: 6,
        subject: {
          pods: {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "gryffindor" } },
            podSelector: { matchLabels: { app: "web" } },
          },
        },
        ingress: [
          {
            name: "from-slytherin",
            action: "Accept",
            from: [
              { namespaces: { matchLabels: { house: "slytherin" } } },
              { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: "x" } } } },
            ],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { tcp: { destinationPort: { range: { start: 8000, end: 8080 } } } },
              { udp: { destinationPort: { number: 53 } } },
              { sctp: { destinationPort: { range: { start: 1, end: 65535 } } } },
              { destinationNamedPort: "web" },
            ],
          },
        ],
        egress: [
          { action: "Pass", to: [{ namespaces: { matchLabels: { house: "slytherin" } } }] },
          {
            action: "Deny",
            to: [
              {
                namespaces: {
                  matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["a", "b"] }],
                },
              },
              { networks: ["0.0.0.0/0", "::/0"] },
            ],
          },
        ],
      },
    });
  });

  it("prints the same YAML for the same policy however its parts were ordered, with no namespace", () => {
    const one = admin({
      egress: [{ action: DENY, to: [slytherin, Networks.of("10.0.0.0/8")], protocols: [P.udp(1), P.tcp(2)] }],
    });
    const two = admin({
      egress: [{ action: DENY, to: [Networks.of("10.0.0.0/8"), slytherin], protocols: [P.tcp(2), P.udp(1)] }],
    });
    expect(toYaml([one.toManifest()])).toBe(toYaml([two.toManifest()]));
    expect(toYaml([one.toManifest()])).not.toContain("namespace:");
  });

  it("keeps the order of rules: the first match wins", () => {
    const p = admin({
      egress: [
        { action: DENY, to: [slytherin] },
        { action: ACCEPT, to: [slytherin] },
      ],
    });
    expect(p.toConfig().egress.map((r) => r.action)).toEqual(["Deny", "Accept"]);
    expect((p.toManifest().spec as { egress: { action: string }[] }).egress.map((r) => r.action)).toEqual([
      "Deny",
      "Accept",
    ]);
  });

  it("takes a namespace chosen by name beside a different name label as both requirements (selecting nothing)", () => {
    const ns = Namespaces.select({ names: ["a"], labels: { "kubernetes.io/metadata.name": "b" } });
    expect(admin({ subject: ns }).toManifest().spec.subject).toEqual({
      namespaces: {
        matchLabels: { "kubernetes.io/metadata.name": "b" },
        matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["a"] }],
      },
    });
  });

  it("accepts core's values: a Workload with a namespace, label expressions, NetworkPolicyPorts of numbers", () => {
    const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
    const p = ClusterNetworkPolicy.baseline({
      priority: 0,
      subject: web,
      egress: [
        {
          action: ACCEPT,
          to: [
            Pods.select({ expressions: [LabelExpression.exists("db")], namespaces: Namespaces.all() }),
            NetworkPolicyIpBlock.ipv4("10.0.0.0/8"),
          ],
          protocols: [NetworkPolicyPort.tcp(5432), NetworkPolicyPort.udpRange(53, 53), NetworkPolicyPort.allSctp()],
        },
      ],
    });
    expect(p.name).toBe("web-baseline-0");
    expect(p.toManifest().spec).toMatchObject({
      tier: "Baseline",
      subject: { pods: { podSelector: { matchLabels: { app: "web" } } } },
      egress: [
        {
          to: [
            { pods: { podSelector: { matchExpressions: [{ key: "db", operator: "Exists" }] } } },
            { networks: ["10.0.0.0/8"] },
          ],
          protocols: [
            { tcp: { destinationPort: { number: 5432 } } },
            { udp: { destinationPort: { number: 53 } } },
            { sctp: { destinationPort: { range: { start: 1, end: 65535 } } } },
          ],
        },
      ],
    });
  });

  it("appends rules with addIngressRule/addEgressRule, checked as the constructor checks them", () => {
    const p = admin();
    p.addIngressRule({ action: DENY, from: [slytherin] }).addEgressRule({ action: ACCEPT, to: [Nodes.all()] });
    expect(p.toConfig().ingress).toHaveLength(1);
    expect(p.toConfig().egress).toHaveLength(2);
    expect(warningsOf(p)).toEqual(["cluster-experimental egress.1.to.0"]);
    // @ts-expect-error: the types refuse an egress-only peer in an ingress rule too.
    expect(problems(() => p.addIngressRule({ action: DENY, from: [Networks.any()] }))).toEqual([
      "cluster-peer-direction ingress.1.from.0",
    ]);
    expect(p.toConfig().ingress).toHaveLength(1);
  });
});

describe("rendering v1alpha1", () => {
  it("writes an AdminNetworkPolicy: Allow for Accept, ports for protocols (protocol explicit), no tier", () => {
    const p = ClusterNetworkPolicy.adminNetworkPolicy({
      name: "anp",
      priority: 30,
      subject: gryffindor,
      egress: [
        { action: ACCEPT, to: [slytherin], protocols: [P.udpRange(5000, 6000), P.tcp(8080), P.namedPort("dns")] },
      ],
    });
    expect(p.kind).toBe("AdminNetworkPolicy");
    expect(p.toManifest()).toEqual({
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "AdminNetworkPolicy",
      metadata: { name: "anp" },
      spec: {
        priority: 30,
        subject: { namespaces: { matchLabels: { "kubernetes.io/metadata.name": "gryffindor" } } },
        egress: [
          {
            action: "Allow",
            to: [{ namespaces: { matchLabels: { house: "slytherin" } } }],
            ports: [
              { portNumber: { protocol: "TCP", port: 8080 } },
              { portRange: { protocol: "UDP", start: 5000, end: 6000 } },
              { namedPort: "dns" },
            ],
          },
        ],
      },
    });
    expect(warningsOf(p)).toEqual(["cluster-experimental egress.0.protocols.2"]);
  });

  it("writes the BaselineAdminNetworkPolicy: named default, no priority", () => {
    const p = ClusterNetworkPolicy.baselineAdminNetworkPolicy({
      subject: gryffindor,
      ingress: [{ action: DENY, from: [slytherin] }],
    });
    expect(p.name).toBe("default");
    expect(p.toManifest()).toEqual({
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "BaselineAdminNetworkPolicy",
      metadata: { name: "default" },
      spec: {
        subject: { namespaces: { matchLabels: { "kubernetes.io/metadata.name": "gryffindor" } } },
        ingress: [{ action: "Deny", from: [{ namespaces: { matchLabels: { house: "slytherin" } } }] }],
      },
    });
  });

  it("allows 100 rules, peers and protocols where v1alpha2 allows 25", () => {
    const rules = Array.from({ length: 26 }, () => ({ action: DENY, to: [slytherin] }));
    expect(problems(() => admin({ egress: rules }))).toEqual(["cluster-limit egress"]);
    expect(problems(() => admin({ egress: rules, version: "v1alpha1" }))).toEqual([]);
    expect(problems(() => admin({ egress: [...rules, ...rules, ...rules, ...rules], version: "v1alpha1" }))).toEqual([
      "cluster-limit egress",
    ]);
  });

  it("refuses, with one clear error each, what v1alpha1 cannot express", () => {
    expect(
      problems(() =>
        ClusterNetworkPolicy.baseline({
          name: "mine",
          version: "v1alpha1",
          priority: 3,
          subject: gryffindor,
          egress: [{ action: PASS, to: [DomainNames.of("example.com")] }],
        }),
      ),
    ).toEqual([
      "v1alpha1-unsupported priority",
      "v1alpha1-unsupported name",
      "v1alpha1-unsupported egress.0.action",
      "v1alpha1-unsupported egress.0.to.0",
    ]);
  });
});

/**
 * Each validation rule: props that break it, and the diagnostics (`code path`) it gives. Errors come thrown in one
 * NetpolError; warnings are on `policy.warnings`.
 */
const ERRORS: [rule: string, change: Partial<Record<keyof ClusterNetworkPolicyProps, unknown>>, expected: string[]][] =
  [
    ["tier is required", { tier: undefined }, ["missing-key "]],
    ["tier is Admin or Baseline", { tier: "admin" }, ["cluster-tier tier"]],
    ["priority is required", { priority: undefined }, ["missing-key "]],
    ["priority is at most 1000", { priority: 1001 }, ["cluster-priority priority"]],
    ["priority is at least 0", { priority: -1 }, ["cluster-priority priority"]],
    ["priority is an integer", { priority: 1.5 }, ["cluster-priority priority"]],
    ["subject is required", { subject: undefined }, ["missing-key "]],
    ["subject selects pods", { subject: Networks.any() }, ["not-a-selector subject"]],
    [
      "subject pods say their namespaces",
      { subject: Pods.select({ labels: { a: "b" } }) },
      ["cluster-namespaces subject"],
    ],
    ["name is a DNS subdomain", { name: "Not_A_Name" }, ["object-name name"]],
    ["version is v1alpha2 or v1alpha1", { version: "v1" }, ["value version"]],
    ["unknown props are refused", { namespace: "x" } as never, ["unknown-key namespace"]],
    ["ingress is a list", { ingress: {} }, ["type ingress"]],
    [
      "at most 25 ingress rules",
      { ingress: Array.from({ length: 26 }, () => ({ action: DENY, from: [slytherin] })) },
      ["cluster-limit ingress"],
    ],
    ["a rule has an action", { egress: [{ to: [slytherin] }] }, ["missing-key egress.0"]],
    [
      "an action is Accept, Deny or Pass",
      { egress: [{ action: "Allow", to: [slytherin] }] },
      ["cluster-action egress.0.action"],
    ],
    [
      "a rule name has at most 100 characters",
      { egress: [{ name: "n".repeat(101), action: DENY, to: [slytherin] }] },
      ["value egress.0.name"],
    ],
    ["an egress rule has to", { egress: [{ action: DENY }] }, ["missing-key egress.0"]],
    [
      "an ingress rule has from, not to",
      { ingress: [{ action: DENY, to: [slytherin] }] },
      ["unknown-key ingress.0.to", "missing-key ingress.0"],
    ],
    ["from/to has at least one peer", { egress: [{ action: DENY, to: [] }] }, ["empty-list egress.0.to"]],
    [
      "from/to has at most 25 peers",
      { egress: [{ action: DENY, to: Array.from({ length: 26 }, () => slytherin) }] },
      ["cluster-limit egress.0.to"],
    ],
    [
      "protocols, when given, has at least one",
      { egress: [{ action: DENY, to: [slytherin], protocols: [] }] },
      ["empty-list egress.0.protocols"],
    ],
    [
      "protocols has at most 25",
      { egress: [{ action: DENY, to: [slytherin], protocols: Array.from({ length: 26 }, (_, i) => P.tcp(i + 1)) }] },
      ["cluster-limit egress.0.protocols"],
    ],
    [
      "an ingress peer is namespaces or pods",
      { ingress: [{ action: DENY, from: [Nodes.all()] }] },
      ["cluster-peer-direction ingress.0.from.0"],
    ],
    ["a peer is a peer", { egress: [{ action: DENY, to: ["slytherin"] }] }, ["cluster-peer egress.0.to.0"]],
    [
      "a peer has exactly one field",
      { egress: [{ action: DENY, to: [{ toClusterPeerConfig: () => ({}) }] }] },
      ["cluster-peer-shape egress.0.to.0"],
    ],
    [
      "a peer has one field only",
      { egress: [{ action: DENY, to: [{ toClusterPeerConfig: () => ({ networks: ["10.0.0.0/8"], nodes: {} }) }] }] },
      ["cluster-peer-shape egress.0.to.0"],
    ],
    [
      "peer pods say their namespaces",
      { egress: [{ action: DENY, to: [Pods.select({ labels: { a: "b" } })] }] },
      ["cluster-namespaces egress.0.to.0"],
    ],
    [
      "networks have no exceptions",
      { egress: [{ action: DENY, to: [NetworkPolicyIpBlock.ipv4("10.0.0.0/8", ["10.1.0.0/16"])] }] },
      ["cluster-peer-except egress.0.to.0"],
    ],
    [
      "networks are CIDRs",
      { egress: [{ action: DENY, to: [{ toClusterPeerConfig: () => ({ networks: ["10.0.0.0"] }) }] }] },
      ["cidr egress.0.to.0.networks.0"],
    ],
    [
      "networks CIDRs have at most 43 characters",
      {
        egress: [
          {
            action: DENY,
            to: [{ toClusterPeerConfig: () => ({ networks: ["0000:0000:0000:0000:0000:0000:255.255.255.255/128"] }) }],
          },
        ],
      },
      ["cidr egress.0.to.0.networks.0"],
    ],
    [
      "networks has at least one CIDR",
      { egress: [{ action: DENY, to: [{ toClusterPeerConfig: () => ({ networks: [] }) }] }] },
      ["empty-list egress.0.to.0.networks"],
    ],
    [
      "networks has at most 25 CIDRs",
      {
        egress: [
          {
            action: DENY,
            to: [{ toClusterPeerConfig: () => ({ networks: Array.from({ length: 26 }, (_, i) => `10.0.${i}.0/24`) }) }],
          },
        ],
      },
      ["cluster-limit egress.0.to.0.networks"],
    ],
    [
      "networks lists a CIDR once",
      { egress: [{ action: DENY, to: [{ toClusterPeerConfig: () => ({ networks: ["10.0.0.0/8", "10.0.0.0/8"] }) }] }] },
      ["duplicate-item egress.0.to.0.networks.1"],
    ],
    [
      "domainNames match the API's pattern",
      { egress: [{ action: ACCEPT, to: [{ toClusterPeerConfig: () => ({ domainNames: ["*example.com"] }) }] }] },
      ["cluster-domain-name egress.0.to.0.domainNames.0"],
    ],
    [
      "domainNames lists a name once",
      { egress: [{ action: ACCEPT, to: [{ toClusterPeerConfig: () => ({ domainNames: ["a.io", "a.io"] }) }] }] },
      ["duplicate-item egress.0.to.0.domainNames.1"],
    ],
    [
      "a protocol is a protocol",
      { egress: [{ action: DENY, to: [slytherin], protocols: [80] }] },
      ["cluster-protocol egress.0.protocols.0"],
    ],
    [
      "a protocol is TCP, UDP or SCTP",
      { egress: [{ action: DENY, to: [slytherin], protocols: [{ protocol: "ICMP", port: 1 }] }] },
      ["protocol egress.0.protocols.0.protocol"],
    ],
    [
      "a port is 1 to 65535",
      { egress: [{ action: DENY, to: [slytherin], protocols: [{ protocol: "TCP", port: 0 }] }] },
      ["port-range egress.0.protocols.0.port"],
    ],
    [
      "a range starts before it ends",
      { egress: [{ action: DENY, to: [slytherin], protocols: [{ protocol: "TCP", port: 90, endPort: 80 }] }] },
      ["port-range-order egress.0.protocols.0.endPort"],
    ],
    [
      "a named port stands alone",
      { egress: [{ action: DENY, to: [slytherin], protocols: [{ namedPort: "web", protocol: "TCP" }] }] },
      ["exclusive-keys egress.0.protocols.0"],
    ],
    [
      "a named port has no protocol",
      { egress: [{ action: DENY, to: [slytherin], protocols: [NetworkPolicyPort.tcp("web")] }] },
      ["cluster-named-port egress.0.protocols.0.port"],
    ],
    [
      "a named port is not empty",
      { egress: [{ action: DENY, to: [slytherin], protocols: [{ namedPort: "" }] }] },
      ["type egress.0.protocols.0.namedPort"],
    ],
    [
      "a named port is not combined with nodes peers (experimental CRD)",
      { egress: [{ action: DENY, to: [Nodes.all()], protocols: [P.namedPort("web")] }] },
      ["warning cluster-experimental egress.0.to.0", "cluster-named-port-peers egress.0.protocols.0"],
    ],
    [
      "a selector's expressions are valid",
      {
        subject: {
          toPodSelectorConfig: () => ({
            labelSelector: { expressions: [{ key: "a", operator: "Is" }] },
            namespaces: {},
          }),
        },
      },
      ["expression-operator subject.labelSelector.expressions.0.operator"],
    ],
    ["labels are valid", { labels: { "a b": "c" } }, ["label-key labels.a b"]],
  ];

describe.each(ERRORS)("validation: %s", (_rule, change, expected) => {
  it(`is refused: ${expected.join(", ")}`, () => {
    expect(problems(() => admin(change))).toEqual(expected);
  });
});

const WARNINGS: [
  rule: string,
  change: Partial<Record<keyof ClusterNetworkPolicyProps, unknown>>,
  expected: string[],
][] = [
  [
    "nodes are experimental",
    { egress: [{ action: DENY, to: [Nodes.select({ labels: { a: "b" } })] }] },
    ["cluster-experimental egress.0.to.0"],
  ],
  [
    "domainNames are experimental",
    { egress: [{ action: ACCEPT, to: [DomainNames.of("*.example.com", "example.com.")] }] },
    ["cluster-experimental egress.0.to.0"],
  ],
  [
    "domainNames are documented for Accept rules only",
    { egress: [{ action: DENY, to: [DomainNames.of("example.com")] }] },
    ["cluster-experimental egress.0.to.0", "cluster-domain-action egress.0.to.0"],
  ],
  [
    "a named port beside networks only: refused by the experimental CRD only",
    { egress: [{ action: ACCEPT, to: [Networks.of("10.0.0.0/8"), slytherin], protocols: [P.namedPort("web")] }] },
    ["cluster-named-port-peers egress.0.protocols.0"],
  ],
  [
    "a named port no container port can have",
    { egress: [{ action: ACCEPT, to: [slytherin], protocols: [{ namedPort: "Web_Port" }] }] },
    ["cluster-named-port-name egress.0.protocols.0.namedPort"],
  ],
  [
    "host bits in a CIDR",
    { egress: [{ action: ACCEPT, to: [{ toClusterPeerConfig: () => ({ networks: ["10.0.0.1/8"] }) }] }] },
    ["cidr-host-bits egress.0.to.0.networks.0"],
  ],
  ["a policy without rules changes nothing", { egress: undefined }, ["cluster-policy-empty "]],
];

describe.each(WARNINGS)("warning: %s", (_rule, change, expected) => {
  it(`is named: ${expected.join(", ")}`, () => {
    expect(warningsOf(admin(change))).toEqual(expected);
  });
});

describe("every problem at once", () => {
  it("reports the problems of props, rules, peers and protocols in one NetpolError", () => {
    expect(
      problems(() =>
        admin({
          tier: "Tier",
          priority: "1",
          ingress: [{ action: "Allow", from: [Networks.any()], protocols: [] }],
          egress: [{ name: 3, action: DENY, to: [Pods.all()], protocols: [{ protocol: "TCP", port: 7, endPort: 6 }] }],
        }),
      ),
    ).toEqual([
      "cluster-tier tier",
      "cluster-priority priority",
      "cluster-action ingress.0.action",
      "cluster-peer-direction ingress.0.from.0",
      "empty-list ingress.0.protocols",
      "type egress.0.name",
      "cluster-namespaces egress.0.to.0",
      "port-range-order egress.0.protocols.0.endPort",
    ]);
  });

  it("words errors for TypeScript: Allow suggests ClusterNetworkPolicyAction.ACCEPT", () => {
    try {
      admin({ egress: [{ action: "Allow", to: [slytherin] }] });
    } catch (e) {
      expect(String(e)).toContain(
        'egress[0].action: unknown action "Allow" — expected "ClusterNetworkPolicyAction.ACCEPT", "ClusterNetworkPolicyAction.DENY" or "ClusterNetworkPolicyAction.PASS". Did you mean "ClusterNetworkPolicyAction.ACCEPT"?',
      );
    }
    expect.assertions(1);
  });
});

describe("the factories", () => {
  it("refuse what they fix, as an unknown key (and v1alpha1's Baseline policy a priority, as v1alpha1 does)", () => {
    expect(
      problems(() => ClusterNetworkPolicy.admin({ tier: "Baseline", priority: 1, subject: gryffindor } as never)),
    ).toEqual(["unknown-key tier"]);
    expect(
      problems(() => ClusterNetworkPolicy.baselineAdminNetworkPolicy({ priority: 1, subject: gryffindor } as never)),
    ).toEqual(["v1alpha1-unsupported priority"]);
  });

  it("peers and protocols check their values at once", () => {
    expect(problems(() => Networks.of("10.0.0.0/33"))).toEqual(["cidr Networks.of.0"]);
    expect(problems(() => DomainNames.of("k8s.io", "k8s.io"))).toEqual(["duplicate-item DomainNames.of.1"]);
    expect(problems(() => Nodes.select({ labels: { "a/b/c": "x" } }))).toEqual(["label-key Nodes.select.labels.a/b/c"]);
    expect(problems(() => P.tcpRange(5, 3))).toEqual(["port-range-order protocol.endPort"]);
    expect(P.tcpRange(5, 5)).toMatchObject({ protocol: "TCP", port: 5, endPort: undefined });
    expect(Networks.of("10.0.0.1/8").warnings.map((w) => w.code)).toEqual(["cidr-host-bits"]);
    expect(P.namedPort("A_B").warnings.map((w) => w.code)).toEqual(["cluster-named-port-name"]);
  });
});
