// The report's data and page: peers grouped by namespace with externals apart, the cells and their connections,
// explanations in the words of `netpol map --explain`, the explanation limit, diff marks, and escaping.
import { describe, expect, it } from "vitest";
import { analyzeConnectivity, diffConnectivity, type ReportData, reportData, reportHtml } from "../../src/analysis.js";

const namespace = (name: string) => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name, labels: { team: name } },
});
const workload = (kind: string, ns: string, name: string, port: number) => ({
  apiVersion: "apps/v1",
  kind,
  metadata: { name, namespace: ns },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name, image: name, ports: [{ containerPort: port }] }] },
    },
  },
});
const policy = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, namespace: "back" },
  spec,
});
const ingressFrom = (app: string, from: Record<string, unknown>, port: number) =>
  policy(`${app}-from`, {
    podSelector: { matchLabels: { app } },
    ingress: [{ from: [from], ports: [{ protocol: "TCP", port }] }],
  });

/** web (front) → api on 9000, api → db on 5432; back is isolated for ingress. */
const SMALL = [
  namespace("front"),
  namespace("back"),
  workload("Deployment", "front", "web", 8080),
  workload("Deployment", "back", "api", 9000),
  workload("StatefulSet", "back", "db", 5432),
  policy("default-deny", { podSelector: {}, policyTypes: ["Ingress"] }),
  ingressFrom(
    "api",
    { namespaceSelector: { matchLabels: { team: "front" } }, podSelector: { matchLabels: { app: "web" } } },
    9000,
  ),
  ingressFrom("db", { podSelector: { matchLabels: { app: "api" } } }, 5432),
];

const API = "back/api[Deployment]";
const DB = "back/db[StatefulSet]";
const WEB = "front/web[Deployment]";
const ALL = "0.0.0.0-255.255.255.255[External]";

/** The text of the cell from `src` to `dst`, `No Connections` when it allows nothing. */
function cellText(data: ReportData, src: string, dst: string): string {
  const s = data.peers.findIndex((p) => p.name === src);
  const d = data.peers.findIndex((p) => p.name === dst);
  const cell = data.cells.find((c) => c[0] === s && c[1] === d);
  return cell && cell[2] >= 0 ? (data.connections[cell[2]]?.text ?? "?") : "No Connections";
}

function explanationOf(data: ReportData, src: string, dst: string) {
  const s = data.peers.findIndex((p) => p.name === src);
  const d = data.peers.findIndex((p) => p.name === dst);
  const cell = data.cells.find((c) => c[0] === s && c[1] === d);
  return cell && cell[3] >= 0 ? data.explanations[cell[3]] : undefined;
}

describe("reportData", () => {
  const data = reportData(analyzeConnectivity({ objects: SMALL }), { title: "small.yaml" });

  it("groups peers by namespace (sorted), then the external ranges", () => {
    expect(data.groups.map((g) => [g.name, g.kind, g.peers.map((i) => data.peers[i]?.name)])).toEqual([
      ["back", "namespace", [API, DB]],
      ["front", "namespace", [WEB]],
      ["External addresses", "external", [ALL]],
    ]);
    expect(data.peers.map((p) => p.workload)).toEqual(["api", "db", "web", "0.0.0.0-255.255.255.255"]);
  });

  it("gives every cell the connection netpol map lists, and nothing to the others", () => {
    const expected: Record<string, Record<string, string>> = {
      [API]: { [DB]: "TCP 5432", [WEB]: "All Connections", [ALL]: "All Connections" },
      [DB]: { [API]: "No Connections", [WEB]: "All Connections", [ALL]: "All Connections" },
      [WEB]: { [API]: "TCP 9000", [DB]: "No Connections", [ALL]: "All Connections" },
      [ALL]: { [API]: "No Connections", [DB]: "No Connections", [WEB]: "All Connections" },
    };
    for (const [src, row] of Object.entries(expected))
      for (const [dst, text] of Object.entries(row))
        expect(`${src} => ${dst}: ${cellText(data, src, dst)}`).toBe(`${src} => ${dst}: ${text}`);
  });

  it("explains every pair of a small input, allowed or not, each way", () => {
    expect(data.explained).toEqual({ limit: 2000, included: 12, omitted: 0, allPairs: true });
    expect(explanationOf(data, WEB, API)).toEqual([
      {
        allowed: true,
        ports: "TCP:[9000]",
        egress: ["Egress (Allowed) due to the system default (Allow all)"],
        ingress: ["Ingress (Allowed)", "NetworkPolicy 'back/api-from' allows connections by Ingress rule #1"],
      },
      {
        allowed: false,
        ports: "TCP:[1-8999,9001-65535], UDP, SCTP",
        egress: ["Egress (Allowed) due to the system default (Allow all)"],
        ingress: [
          "Ingress (Denied)",
          "NetworkPolicy 'back/api-from' selects back/api[Deployment], and Ingress rule #1 selects front/web[Deployment], but the protocols and ports do not match",
          "NetworkPolicy 'back/default-deny' selects back/api[Deployment], but front/web[Deployment] is not allowed by any Ingress rule (no rules defined)",
        ],
      },
    ]);
    expect(explanationOf(data, DB, API)?.map((g) => [g.allowed, g.ports, g.ingress.length])).toEqual([
      [false, "TCP, UDP, SCTP", 3],
    ]);
  });

  it("explains at most the limit, pairs with connections first, and counts the rest", () => {
    const limited = reportData(analyzeConnectivity({ objects: SMALL }), { title: "t", explainLimit: 2 });
    expect(limited.explained).toEqual({ limit: 2, included: 2, omitted: 6, allPairs: false });
    // In cell order: api → db and api → web come first.
    expect(explanationOf(limited, API, DB)?.[0]?.ports).toBe("TCP:[5432]");
    expect(explanationOf(limited, API, WEB)).toBeDefined();
    expect(explanationOf(limited, WEB, API)).toBeUndefined();
    expect(
      reportData(analyzeConnectivity({ objects: SMALL }), { title: "t", explainLimit: 0 }).explained.included,
    ).toBe(0);
  });

  it("marks the changes against an old input, removed connections and workloads included", () => {
    // The old input: db isolated by no policy (anything reaches it), and a worker that is gone now.
    const old = analyzeConnectivity({
      objects: [
        ...SMALL.filter((o) => !["db-from", "default-deny"].includes(o.metadata.name)),
        workload("Deployment", "back", "worker", 7000),
      ],
    });
    const now = analyzeConnectivity({ objects: SMALL });
    const d = reportData(now, { title: "t", diff: diffConnectivity(old, now, { refNames: ["old", "new"] }) });
    const change = (src: string, dst: string) => {
      const s = d.peers.findIndex((p) => p.name === src);
      const t = d.peers.findIndex((p) => p.name === dst);
      const cell = d.cells.find((c) => c[0] === s && c[1] === t);
      const i = cell?.[4];
      return i === undefined ? undefined : d.diff?.changes[i];
    };
    expect(change(API, DB)).toEqual({ type: "changed", old: "All Connections", new: "TCP 5432" });
    expect(change(WEB, DB)).toEqual({ type: "removed", old: "All Connections", new: "No Connections" });
    expect(change(WEB, API)).toBeUndefined();
    expect(d.peers.find((p) => p.name === "back/worker[Deployment]")?.diff).toBe("removed");
    expect(cellText(d, WEB, DB)).toBe("No Connections");
    expect(d.diff?.refNames).toEqual(["old", "new"]);
  });

  it("refuses an explanation limit that is not a whole number of pairs", () => {
    const map = analyzeConnectivity({ objects: SMALL });
    for (const explainLimit of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => reportData(map, { title: "t", explainLimit })).toThrow(
        expect.objectContaining({
          diagnostics: [
            expect.objectContaining({
              code: "value",
              path: ["explainLimit"],
              expected: "a whole number of pairs, 0 or more",
            }),
          ],
        }),
      );
  });

  it("puts the ingress controller in a group of its own, with the workloads Ingress objects expose", () => {
    const objects = [
      ...SMALL,
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "web", namespace: "front" },
        spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] },
      },
      {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: { name: "web", namespace: "front" },
        spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } },
      },
    ];
    const d = reportData(analyzeConnectivity({ objects }), { title: "t" });
    expect(d.groups.map((g) => [g.name, g.kind])).toEqual([
      ["back", "namespace"],
      ["front", "namespace"],
      ["External addresses", "external"],
      ["Ingress controller", "ingress-controller"],
    ]);
    expect(cellText(d, "{ingress-controller}", WEB)).toBe("TCP 8080");
    expect(cellText(d, "{ingress-controller}", API)).toBe("No Connections");
    expect(explanationOf(d, "{ingress-controller}", WEB)?.[0]?.ingress).toContain(
      "Ingress 'front/web' allows ingress connections through service web",
    );
  });

  it("carries findings and warnings as given", () => {
    const withFindings = reportData(analyzeConnectivity({ objects: SMALL }), {
      title: "t",
      findings: [{ severity: "warning", code: "unused-policy", message: "selects no pod", location: "a.yaml:3:1" }],
      warnings: ["a.yaml:1:1: warning: something"],
    });
    expect(withFindings.findings).toHaveLength(1);
    expect(withFindings.warnings).toEqual(["a.yaml:1:1: warning: something"]);
    expect(data.findings).toEqual([]);
  });
});

describe("reportHtml", () => {
  const data = reportData(analyzeConnectivity({ objects: SMALL }), { title: "small.yaml" });

  it("is one page that requests nothing: no src or href attribute, a policy forbidding every request", () => {
    const html = reportHtml(data, { graphLibrary: "var dagre = {};" });
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'`);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).toContain("<script>var dagre = {};</script>");
    expect(html).toContain('<section id="findings" aria-label="Findings">');
  });

  it("is the same, byte for byte, for the same input", () => {
    const again = reportData(analyzeConnectivity({ objects: SMALL }), { title: "small.yaml" });
    expect(reportHtml(again)).toBe(reportHtml(data));
  });

  it("escapes every name: nothing from the data can close the script or start markup", () => {
    const evil = '</script><script>alert(1)</script><img src=x onerror="alert(2)">';
    const page = reportHtml({
      ...data,
      title: evil,
      warnings: [evil],
      findings: [{ severity: "error", code: "x", message: evil }],
    });
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img");
    expect(page).toContain("<title>netpol report: &#60;/script&#62;&#60;script&#62;alert(1)");
    const json = /<script type="application\/json" id="netpol-data">(.*?)<\/script>/s.exec(page)?.[1] ?? "";
    const parsed = JSON.parse(json) as ReportData;
    expect(parsed.title).toBe(evil);
    expect(parsed.warnings).toEqual([evil]);
  });

  it("keeps a library's own </script> from ending its element", () => {
    const page = reportHtml(data, { graphLibrary: 'var s = "</script><b>";' });
    expect(page).toContain('<script>var s = "<\\/script><b>";</script>');
  });
});
