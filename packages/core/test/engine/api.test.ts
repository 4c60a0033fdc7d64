import { describe, expect, it } from "vitest";
import { analyzeConnectivity, FORMATTERS, formatConnectionSet } from "../../src/analysis.js";
import { type Diagnostic, formatDiagnostic, isNetpolError } from "../../src/index.js";
import { readManifestText } from "../../src/manifests/index.js";

const renderConnections = (list: Parameters<typeof FORMATTERS.txt.connections>[0], format: keyof typeof FORMATTERS) =>
  FORMATTERS[format].connections(list);
const renderExplanationsTxt = FORMATTERS.txt.explanations;
const renderExplanationsJson = FORMATTERS.json.explanations;

const deployment = (name: string, labels: Record<string, string>, ports: object[] = []) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "shop" },
  spec: { template: { metadata: { labels }, spec: { containers: [{ name: "c", ports }] } } },
});

const objects = [
  deployment("frontend", { app: "frontend" }),
  deployment("postgres", { app: "postgres" }, [{ name: "pg", containerPort: 5432 }]),
  {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "db", namespace: "shop" },
    spec: {
      podSelector: { matchLabels: { app: "postgres" } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: "frontend" } } }], ports: [{ port: "pg" }] }],
    },
  },
];

describe("analyzeConnectivity", () => {
  const map = analyzeConnectivity({ objects });

  it("answers can-reach questions by name, namespace/name or full peer name", () => {
    expect(map.canReach("frontend", "postgres", { port: 5432 })).toBe(true);
    expect(map.canReach("shop/frontend", "shop/postgres[Deployment]", { port: 5433 })).toBe(false);
    expect(map.canReach("frontend", "postgres", { port: 5432, protocol: "UDP" })).toBe(false);
    expect(map.canReach("postgres", "frontend")).toBe(true);
    expect(map.canReach("8.8.8.8", "postgres")).toBe(false);
    expect(formatConnectionSet(map.allowed("frontend", "postgres"))).toBe("TCP 5432");
  });

  it("lists connections sorted, without self pairs", () => {
    expect(renderConnections(map.connections(), "txt")).toBe(
      [
        "0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : All Connections",
        "shop/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
        "shop/frontend[Deployment] => shop/postgres[Deployment] : TCP 5432",
        "shop/postgres[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
        "shop/postgres[Deployment] => shop/frontend[Deployment] : All Connections",
        "",
      ].join("\n"),
    );
  });

  it("explains which rule allows and which policy isolates", () => {
    const e = map.explain("frontend", "postgres");
    expect(e.ingress.isolatedBy).toEqual(["shop/db"]);
    expect(e.ingress.rules.map((r) => [r.policy, r.rule, formatConnectionSet(r.conn)])).toEqual([
      ["shop/db", 0, "TCP 5432"],
    ]);
    expect(e.egress.isolatedBy).toEqual([]);
    const denied = map.explain("0.0.0.0-255.255.255.255", "postgres");
    expect(formatConnectionSet(denied.conn)).toBe("No Connections");
    expect(denied.egress.governed).toBe(false);
    expect(renderExplanationsTxt([e])).toBe(
      [
        "",
        "##########################################",
        "# Specific connections and their reasons #",
        "##########################################",
        "-".repeat(160),
        "Connections between shop/frontend[Deployment] => shop/postgres[Deployment]:",
        "",
        "Allowed connections:",
        "\tAllowed TCP:[5432] due to the following policies and rules:",
        "\t\tEgress (Allowed) due to the system default (Allow all)",
        "\t\tIngress (Allowed)",
        "\t\t\tNetworkPolicy 'shop/db' allows connections by Ingress rule #1",
        "",
        "Denied connections:",
        "\tDenied TCP:[1-5431,5433-65535], UDP, SCTP due to the following policies and rules:",
        "\t\tEgress (Allowed) due to the system default (Allow all)",
        "\t\tIngress (Denied)",
        "\t\t\tNetworkPolicy 'shop/db' selects shop/postgres[Deployment], and Ingress rule #1 selects shop/frontend[Deployment], but the protocols and ports do not match",
        "",
        "",
      ].join("\n"),
    );
    expect(JSON.parse(renderExplanationsJson([denied]))[0].ingress.rules).toEqual([]);
    expect(map.explainAll()).toHaveLength(6);
  });

  it("rejects unknown and ambiguous peers with a NetpolError", () => {
    expect(() => map.allowed("nope", "postgres")).toThrow(/no peer named "nope"/);
    const two = analyzeConnectivity({
      objects: [deployment("a", {}), { ...deployment("a", {}), kind: "StatefulSet" }],
    });
    try {
      two.allowed("a", "shop/a[StatefulSet]");
      expect.unreachable();
    } catch (e) {
      expect(isNetpolError(e)).toBe(true);
    }
  });

  it("emits IPv6 ranges only when an IPv6 ipBlock is written", () => {
    const v6 = analyzeConnectivity({
      objects: [
        deployment("web", { app: "web" }),
        {
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: "out", namespace: "shop" },
          spec: {
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "2001:db8::/32" } }] }],
          },
        },
      ],
    });
    expect(v6.connections().map((c) => `${c.src} => ${c.dst}`)).toEqual([
      "0.0.0.0-255.255.255.255[External] => shop/web[Deployment]",
      "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] => shop/web[Deployment]",
      "shop/web[Deployment] => 2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff[External]",
    ]);
    expect(v6.canReach("web", "2001:db8::1")).toBe(true);
    expect(v6.canReach("web", "2001:db9::1")).toBe(false);
  });

  it("cuts external ranges at ipBlocks of rules that policyTypes leaves out, with the same connectivity", () => {
    const map = analyzeConnectivity({
      objects: [
        deployment("web", { app: "web" }),
        {
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: "in-only", namespace: "shop" },
          spec: {
            podSelector: {},
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }] }],
            egress: [{ to: [{ ipBlock: { cidr: "192.168.0.0/16" } }] }],
          },
        },
      ],
    });
    expect(map.connections().map((c) => `${c.src} => ${c.dst} : ${formatConnectionSet(c.conn)}`)).toEqual([
      "10.0.0.0-10.255.255.255[External] => shop/web[Deployment] : All Connections",
      "shop/web[Deployment] => 0.0.0.0-192.167.255.255[External] : All Connections",
      "shop/web[Deployment] => 192.168.0.0-192.168.255.255[External] : All Connections",
      "shop/web[Deployment] => 192.169.0.0-255.255.255.255[External] : All Connections",
    ]);
  });

  it("matches pods by IP in ipBlocks unless podIpMatch is false (as roxctl)", () => {
    const pod = (name: string, ip: string) => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace: "shop", labels: { app: name } },
      spec: { containers: [{ name: "c" }] },
      status: { podIP: ip },
    });
    const objects = [
      pod("a", "10.0.0.5"),
      pod("b", "10.0.1.5"),
      {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "b", namespace: "shop" },
        spec: {
          podSelector: { matchLabels: { app: "b" } },
          ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/24" } }] }],
        },
      },
    ];
    expect(analyzeConnectivity({ objects }).canReach("a", "b")).toBe(true);
    const roxctl = analyzeConnectivity({ objects, podIpMatch: false });
    expect(roxctl.canReach("a", "b")).toBe(false);
    expect(roxctl.canReach("10.0.0.5", "b")).toBe(true);
  });

  it("reports CIDR host bits as a warning at the file position", () => {
    const text = [
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata: {name: p, namespace: x}",
      "spec:",
      "  podSelector: {}",
      "  ingress:",
      "  - from:",
      "    - ipBlock:",
      "        cidr: 10.0.1.1/4",
    ].join("\n");
    const read = readManifestText(text, "p.yaml");
    const m = analyzeConnectivity({ objects: read.objects, sources: read.sources });
    expect(m.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        code: "cidr-host-bits",
        path: ["spec", "ingress", 0, "from", 0, "ipBlock", "cidr"],
        subject: "NetworkPolicy x/p",
        file: "p.yaml",
        line: 9,
        column: 15,
      }),
    );
  });

  it("names the object and the field of a policy's problem, as import does", () => {
    const text = [
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata: {name: db, namespace: shop}",
      "spec:",
      "  podSelector: {}",
      "  ingress:",
      "  - ports:",
      "    - {protocol: TCP, port: 0}",
    ].join("\n");
    const read = readManifestText(text, "p.yaml");
    const [error] = analyzeConnectivity({ objects: read.objects, sources: read.sources }).diagnostics.filter(
      (d) => d.severity === "error",
    );
    expect(error).toMatchObject({
      code: "port-range",
      subject: "NetworkPolicy shop/db",
      message: "port 0 is out of range",
      file: "p.yaml",
      line: 8,
    });
    expect(formatDiagnostic(error as Diagnostic)).toMatch(
      /^p\.yaml:8:\d+: NetworkPolicy shop\/db: spec\.ingress\[0\]\.ports\[0\]\.port: port 0 is out of range — /,
    );
  });
});
