import { describe, expect, it } from "vitest";
import {
  analyzeConnectivity,
  ConnectivityAssertionError,
  checkExpectations,
  expectConnectivity,
  expectConnectivityLater,
  formatConnectionSet,
  parsePortText,
} from "../src/analysis.js";
import { formatDiagnostic, isNetpolError, NetworkPolicyPort } from "../src/index.js";

const deployment = (name: string, labels: Record<string, string>, ports: object[] = []) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "shop" },
  spec: { template: { metadata: { labels }, spec: { containers: [{ name: "c", ports }] } } },
});

// frontend may reach postgres on 5432 only; postgres is isolated for ingress by shop/db.
const objects = [
  deployment("frontend", { app: "frontend" }),
  deployment("postgres", { app: "postgres" }, [{ name: "pg", containerPort: 5432 }]),
  {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "db", namespace: "shop" },
    spec: {
      podSelector: { matchLabels: { app: "postgres" } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: "frontend" } } }], ports: [{ port: 5432 }] }],
    },
  },
];
const map = analyzeConnectivity({ objects });

describe("parsePortText", () => {
  it("reads all, a protocol, a port and a range, protocol in any case", () => {
    expect(formatConnectionSet(parsePortText("all") ?? { SCTP: [], TCP: [], UDP: [] })).toBe("All Connections");
    expect(formatConnectionSet(parsePortText("tcp/8000") ?? { SCTP: [], TCP: [], UDP: [] })).toBe("TCP 8000");
    expect(formatConnectionSet(parsePortText("UDP/53-54") ?? { SCTP: [], TCP: [], UDP: [] })).toBe("UDP 53-54");
    expect(formatConnectionSet(parsePortText("sctp") ?? { SCTP: [], TCP: [], UDP: [] })).toBe("SCTP 1-65535");
  });

  it("refuses other text", () => {
    for (const text of ["tcp/0", "tcp/65536", "tcp/90-80", "http/80", "tcp-80", "tcp/", "80", ""])
      expect(parsePortText(text), text).toBeUndefined();
  });
});

describe("checkExpectations", () => {
  it("passes what holds and fails what does not, each failure explained by the policies involved", () => {
    const report = checkExpectations(map, [
      { from: "frontend", to: "postgres", allow: "tcp/5432" },
      { from: "frontend", to: "shop/postgres[Deployment]", deny: ["tcp/5433", NetworkPolicyPort.allUdp()] },
      { from: "frontend", to: "postgres", allow: ["tcp/5432", "tcp/6379"] },
      { from: "shop/frontend", to: "postgres", deny: "all" },
    ]);
    expect(report.diagnostics).toEqual([]);
    expect(report.results.map((r) => [r.index, r.ok, formatConnectionSet(r.wrong)])).toEqual([
      [0, true, "No Connections"],
      [1, true, "No Connections"],
      [2, false, "TCP 6379"],
      [3, false, "TCP 5432"],
    ]);
    expect(report.failures.map((r) => r.index)).toEqual([2, 3]);
    expect(report.results[0]?.message).toBe("shop/frontend[Deployment] => shop/postgres[Deployment] allows TCP 5432");
    expect(report.results[2]?.message).toBe(
      [
        "shop/frontend[Deployment] => shop/postgres[Deployment] should allow TCP 5432,6379, but TCP 6379 is denied:",
        "",
        "Connections between shop/frontend[Deployment] => shop/postgres[Deployment]:",
        "",
        "Denied connections:",
        "\tDenied TCP:[6379] due to the following policies and rules:",
        "\t\tEgress (Allowed) due to the system default (Allow all)",
        "\t\tIngress (Denied)",
        "\t\t\tNetworkPolicy 'shop/db' selects shop/postgres[Deployment], and Ingress rule #1 selects shop/frontend[Deployment], but the protocols and ports do not match",
      ].join("\n"),
    );
    expect(report.results[3]?.message.split("\n")[0]).toBe(
      "shop/frontend[Deployment] => shop/postgres[Deployment] should deny All Connections, but TCP 5432 is allowed:",
    );
  });

  it("refuses unknown peers with a suggestion, both or neither of allow and deny, and bad ports", () => {
    const report = checkExpectations(map, [
      { from: "frontnd", to: "postgres", allow: "tcp/5432" },
      { from: "frontend", to: "postgres", allow: "tcp/5432", deny: "udp" },
      { from: "frontend", to: "postgres" },
      { from: "frontend", to: "postgres", allow: ["tcp/5432", "http/80"] },
      { from: "frontend", to: "postgres", deny: NetworkPolicyPort.tcp("pg") },
    ]);
    expect(report.results).toEqual([]);
    expect(report.diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      '[0].from: no workload or peer named "frontnd" — expected a workload name, namespace/name, namespace/name[Kind], an IP address, or {ingress-controller}. Did you mean "frontend"?',
      '[1]: an expectation takes "allow" or "deny", not both. Split it in two expectations',
      '[2]: an expectation needs "allow" or "deny" — expected allow: ports or "all", or deny: ports or "all"',
      '[3].allow[1]: invalid expected ports "http/80" — expected "all", or ports as NetworkPolicyPort values or text such as "tcp/8000", "udp/53", "tcp/8000-8080" or "tcp" (every TCP port)',
      '[4].deny: named port "pg" cannot be expected: its number depends on the destination\'s containers. Give the port by number',
    ]);
  });

  it("accepts IP addresses of the map's external ranges", () => {
    const report = checkExpectations(map, [{ from: "8.8.8.8", to: "postgres", deny: "all" }]);
    expect(report.results.map((r) => [r.src, r.ok])).toEqual([["0.0.0.0-255.255.255.255[External]", true]]);
  });
});

describe("expectConnectivity", () => {
  it("returns the result when the expectation holds, and throws the explanation when not", () => {
    const expectMap = expectConnectivity(map);
    expect(expectMap.from("frontend").to("postgres").allows(NetworkPolicyPort.tcp(5432)).ok).toBe(true);
    expect(expectMap.from("postgres").to("frontend").allows().ok).toBe(true);
    expect(() => expectMap.from("frontend").to("postgres").denies()).toThrow(ConnectivityAssertionError);
    expect(() => expectMap.from("frontend").to("postgres").allows(NetworkPolicyPort.tcp(5433))).toThrow(
      /should allow TCP 5433, but TCP 5433 is denied:\n\nConnections between .*\n[\s\S]*NetworkPolicy 'shop\/db' selects/,
    );
  });

  it("names references through the adapter's function, and throws a NetpolError for an invalid expectation", () => {
    const refs = { web: { id: "frontend" }, db: { id: "postgres" } };
    const expectRefs = expectConnectivity(map, (r: { id: string }) => r.id);
    expect(expectRefs.from(refs.web).to(refs.db).allows("tcp/5432").src).toBe("shop/frontend[Deployment]");
    let error: unknown;
    try {
      expectRefs.from({ id: "nope" }).to(refs.db).allows();
    } catch (e) {
      error = e;
    }
    expect(isNetpolError(error)).toBe(true);
    expect((error as Error).message).toContain('no workload or peer named "nope"');
  });
});

describe("expectConnectivityLater", () => {
  it("loads the map with the pair's references, then resolves or rejects with the explanation", async () => {
    const seen: (readonly [string, string])[] = [];
    const later = expectConnectivityLater(async (refs: readonly [string, string]) => {
      seen.push(refs);
      return { map, nameOf: (r: string) => r.toUpperCase().toLowerCase() };
    });
    await expect(later.from("frontend").to("postgres").allows("tcp/5432")).resolves.toMatchObject({ ok: true });
    await expect(later.from("frontend").to("postgres").denies("tcp/5432")).rejects.toThrow(
      "shop/frontend[Deployment] => shop/postgres[Deployment] should deny TCP 5432, but TCP 5432 is allowed:",
    );
    expect(seen).toEqual([
      ["frontend", "postgres"],
      ["frontend", "postgres"],
    ]);
  });
});
