// diffConnectivity and its formats on small inputs: what changes, how external ranges are compared, what is flagged.
import { describe, expect, it } from "vitest";
import {
  analyzeConnectivity,
  DIFF_FORMATTERS,
  diffConnectivity,
  diffFormatter,
  formatConnectionSet,
} from "../../src/analysis.js";
import { formatDiagnostic, isNetpolError } from "../../src/index.js";

const deployment = (name: string, ports: number[] = [8080]) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "shop" },
  spec: {
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: "c", ports: ports.map((containerPort) => ({ containerPort })) }] },
    },
  },
});

const policy = (name: string, spec: object) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, namespace: "shop" },
  spec,
});

/** Only `from` may reach `to`, on these TCP ports (or port entries). */
const only = (from: string, to: string, ...ports: (number | { port: number; protocol: string })[]) =>
  policy(`${to}-ingress`, {
    podSelector: { matchLabels: { app: to } },
    ingress: [
      {
        from: [{ podSelector: { matchLabels: { app: from } } }],
        ports: ports.map((p) => (typeof p === "number" ? { port: p } : p)),
      },
    ],
  });

const egressTo = (name: string, cidr: string, except: string[] = []) =>
  policy(`${name}-egress`, {
    podSelector: { matchLabels: { app: name } },
    policyTypes: ["Egress"],
    egress: [{ to: [{ ipBlock: { cidr, except } }] }],
  });

const map = (objects: unknown[]) => analyzeConnectivity({ objects });
const txt = (objects1: unknown[], objects2: unknown[], refNames?: [string, string]) =>
  DIFF_FORMATTERS.txt.render(diffConnectivity(map(objects1), map(objects2), refNames ? { refNames } : {}));

describe("diffConnectivity", () => {
  const old = [deployment("web"), deployment("api"), only("web", "api", 8080)];

  it("says nothing when both inputs allow the same connections, whatever their policies", () => {
    const renamed = [
      deployment("web"),
      deployment("api"),
      { ...only("web", "api", 8080), metadata: { name: "x", namespace: "shop" } },
    ];
    const diff = diffConnectivity(map(old), map(renamed));
    expect(diff.changes).toEqual([]);
    expect(diff.unchanged.length).toBeGreaterThan(0);
    for (const f of ["txt", "csv", "md", "dot"] as const) expect(DIFF_FORMATTERS[f].render(diff)).toBe("");
  });

  it("lists changed, then added, then removed connections, in netpol-analyzer's words", () => {
    const now = [deployment("web"), deployment("api"), deployment("db", [5432]), only("web", "api", 9090)];
    expect(txt(old, now)).toBe(
      [
        "Connectivity diff:",
        "diff-type: changed, source: shop/web[Deployment], destination: shop/api[Deployment], ref1: TCP 8080, ref2: TCP 9090",
        "diff-type: added, source: 0.0.0.0-255.255.255.255[External], destination: shop/db[Deployment], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/db[Deployment] added",
        "diff-type: added, source: shop/api[Deployment], destination: shop/db[Deployment], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/db[Deployment] added",
        "diff-type: added, source: shop/db[Deployment], destination: 0.0.0.0-255.255.255.255[External], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/db[Deployment] added",
        "diff-type: added, source: shop/db[Deployment], destination: shop/web[Deployment], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/db[Deployment] added",
        "diff-type: added, source: shop/web[Deployment], destination: shop/db[Deployment], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/db[Deployment] added",
        "",
      ].join("\n"),
    );
  });

  it("names both ends when both are workloads of one input only, and names the inputs with refNames", () => {
    const out = txt([...old, deployment("a"), deployment("b")], old, ["old", "new"]);
    expect(out).toContain(
      "diff-type: removed, source: shop/a[Deployment], destination: shop/b[Deployment], old: All Connections, new: No Connections, workloads-diff-info: workload shop/a[Deployment] and shop/b[Deployment] removed",
    );
  });

  it("compares external ranges address by address over both inputs' cuts, then merges touching ranges", () => {
    const before = [deployment("web"), egressTo("web", "0.0.0.0/0")];
    const after = [deployment("web"), egressTo("web", "0.0.0.0/0", ["10.0.0.0/8"])];
    const diff = diffConnectivity(map(before), map(after));
    expect(
      diff.changes.map((d) => [d.type, d.src, d.dst, formatConnectionSet(d.old), formatConnectionSet(d.new)]),
    ).toEqual([
      ["removed", "shop/web[Deployment]", "10.0.0.0-10.255.255.255[External]", "All Connections", "No Connections"],
    ]);
    // The rest of the address space is unchanged, in one range though the new input cuts it in two.
    expect(diff.unchanged.map((d) => `${d.src} => ${d.dst}`)).toEqual([
      "0.0.0.0-255.255.255.255[External] => shop/web[Deployment]",
      "shop/web[Deployment] => 0.0.0.0-9.255.255.255[External]",
      "shop/web[Deployment] => 11.0.0.0-255.255.255.255[External]",
    ]);
    expect(diff.peers.map((p) => `${p.name} ${p.kind}`)).toContain("10.0.0.0-10.255.255.255[External] External");
  });

  it("never flags external ranges or the ingress controller as added or removed workloads", () => {
    const diff = diffConnectivity(map([deployment("web"), egressTo("web", "10.0.0.0/8")]), map([deployment("web")]));
    expect(diff.changes.length).toBeGreaterThan(0);
    expect(diff.changes.every((d) => !d.srcAddedOrRemoved && !d.dstAddedOrRemoved)).toBe(true);
  });

  it("lists the workloads of one input only, connected or not", () => {
    const diff = diffConnectivity(map(old), map([deployment("web"), deployment("cache")]));
    expect(diff.addedWorkloads).toEqual(["shop/cache[Deployment]"]);
    expect(diff.removedWorkloads).toEqual(["shop/api[Deployment]"]);
  });

  it("warns about an input without NetworkPolicy, by its name and side", () => {
    const diff = diffConnectivity(map([deployment("web")]), map(old), { refNames: ["main", "pr"] });
    expect(diff.diagnostics.map((d) => [d.code, d.args.side, formatDiagnostic(d)])).toEqual([
      [
        "no-network-policies",
        "old",
        "warning: main holds no NetworkPolicy, so none of its pods is isolated by one. Check that main is the input you meant to compare",
      ],
    ]);
  });

  it("refuses what is not two maps and two names, with every problem at once", () => {
    try {
      diffConnectivity({} as never, map(old), { refNames: ["only-one"] as never });
      expect.unreachable();
    } catch (e) {
      expect(isNetpolError(e)).toBe(true);
      expect((e as { diagnostics: { path: unknown[] }[] }).diagnostics.map((d) => d.path)).toEqual([
        ["old"],
        ["refNames"],
      ]);
    }
  });

  it("is deterministic: the same inputs in another order give the same bytes", () => {
    const now = [only("web", "api", 9090), deployment("db"), deployment("api"), deployment("web")];
    const a = diffConnectivity(map(old), map(now));
    const b = diffConnectivity(map([...old].reverse()), map([...now].reverse()));
    for (const f of Object.values(DIFF_FORMATTERS)) expect(f.render(b)).toBe(f.render(a));
  });
});

describe("diff formats", () => {
  const now = [deployment("web"), deployment("api"), only("web", "api", 53, { port: 53, protocol: "UDP" })];
  const diff = diffConnectivity(map([deployment("web"), deployment("api")]), map(now), { refNames: ["old", "new"] });

  it("csv quotes fields with commas as Go's encoding/csv does, and leaves an empty info column", () => {
    const lines = DIFF_FORMATTERS.csv.render(diff).split("\n");
    expect(lines[0]).toBe("diff-type,source,destination,old,new,workloads-diff-info");
    expect(lines).toContain('changed,shop/web[Deployment],shop/api[Deployment],All Connections,"TCP 53,UDP 53",');
  });

  it("md is one table with the inputs' names as columns", () => {
    const lines = DIFF_FORMATTERS.md.render(diff).trimEnd().split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "| diff-type | source | destination | old | new | workloads-diff-info |",
      "|-----------|--------|-------------|------|------|---------------------|",
    ]);
    expect(lines).toContain(
      "| changed | shop/web[Deployment] | shop/api[Deployment] | All Connections | TCP 53,UDP 53 |  |",
    );
  });

  it("json is for tools: fixed keys, connections as text, valid even when nothing differs", () => {
    const parsed = JSON.parse(DIFF_FORMATTERS.json.render(diff));
    expect(parsed.refNames).toEqual(["old", "new"]);
    expect(parsed.changes).toContainEqual({
      type: "changed",
      src: "shop/web[Deployment]",
      dst: "shop/api[Deployment]",
      old: "All Connections",
      new: "TCP 53,UDP 53",
      srcAddedOrRemoved: false,
      dstAddedOrRemoved: false,
    });
    const same = diffConnectivity(map(now), map(now));
    expect(JSON.parse(DIFF_FORMATTERS.json.render(same))).toEqual({
      refNames: ["ref1", "ref2"],
      changes: [],
      addedWorkloads: [],
      removedWorkloads: [],
    });
  });

  it("dot draws every connection of either input, coloured by how it changed, with a legend", () => {
    const dot = DIFF_FORMATTERS.dot.render(diff);
    expect(dot).toContain('\tsubgraph "cluster_shop[namespace]" {');
    expect(dot).toContain(
      '\t"shop/web[Deployment]" -> "shop/api[Deployment]" [label="TCP 53,UDP 53 (old: All Connections)" color="magenta" fontcolor="magenta" weight=1]',
    );
    expect(dot).toContain("\tsubgraph cluster_legend {");
    expect(dot.endsWith("}\n")).toBe(true);
  });

  it("refuses an unknown format by name", () => {
    expect(() => diffFormatter("png")).toThrow(/found the string "png" — expected an output format of diff: txt, json/);
    expect(diffFormatter("md")).toBe(DIFF_FORMATTERS.md);
  });
});

describe("ConnectivityMap.policies", () => {
  it("lists the policies in force", () => {
    expect(map([deployment("web"), only("web", "api", 80)]).policies).toEqual(["shop/api-ingress"]);
  });
});
