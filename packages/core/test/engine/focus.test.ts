// Focus options with netpol-analyzer's semantics (pkg/netpol/connlist/connlist.go, includePairOfWorkloads).
import { describe, expect, it } from "vitest";
import { analyzeConnectivity, type FocusOptions, formatConnectionSet } from "../../src/analysis.js";
import { formatDiagnostic, isNetpolError } from "../../src/index.js";

const deployment = (name: string, namespace = "shop") => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace },
  spec: {
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: "c", ports: [{ containerPort: 8080 }, { containerPort: 53, protocol: "UDP" }] }] },
    },
  },
});
// a, b, c in shop and a in other; all talk to each other; the ingress controller reaches shop/a on TCP 8080.
const map = analyzeConnectivity({
  objects: [
    deployment("a"),
    deployment("b"),
    deployment("c"),
    deployment("a", "other"),
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "a", namespace: "shop" },
      spec: { selector: { app: "a" }, ports: [{ port: 8080 }] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "a", namespace: "shop" },
      spec: { defaultBackend: { service: { name: "a", port: { number: 8080 } } } },
    },
  ],
});
const pairs = (focus: FocusOptions) =>
  map
    .connections(focus)
    .filter((c) => !c.src.endsWith("[External]") && !c.dst.endsWith("[External]"))
    .map((c) => `${c.src.replace(/\[Deployment\]/, "")} => ${c.dst.replace(/\[Deployment\]/, "")}`);

describe("focus options", () => {
  it("keeps connections from or to the focus workloads; a bare name means every namespace's", () => {
    expect(pairs({ workloads: ["b"] })).toEqual([
      "other/a => shop/b",
      "shop/a => shop/b",
      "shop/b => other/a",
      "shop/b => shop/a",
      "shop/b => shop/c",
      "shop/c => shop/b",
    ]);
    expect(pairs({ workloads: ["a"] })).toContain("other/a => shop/a");
    expect(pairs({ workloads: ["shop/a[Deployment]"] })).not.toContain("other/a => shop/b");
    expect(pairs({ workloads: ["shop/b", "shop/c"] })).toHaveLength(10);
  });

  it("narrows them to a direction of the focus workloads", () => {
    expect(pairs({ workloads: ["shop/b"], direction: "ingress" })).toEqual([
      "other/a => shop/b",
      "shop/a => shop/b",
      "shop/c => shop/b",
    ]);
    expect(pairs({ workloads: ["shop/b"], direction: "egress" })).toEqual([
      "shop/b => other/a",
      "shop/b => shop/a",
      "shop/b => shop/c",
    ]);
  });

  it("narrows them to the focus workload peers on the other end", () => {
    expect(pairs({ workloads: ["shop/b"], workloadPeers: ["shop/c", "other/a"] })).toEqual([
      "other/a => shop/b",
      "shop/b => other/a",
      "shop/b => shop/c",
      "shop/c => shop/b",
    ]);
    expect(pairs({ workloads: ["shop/b"], workloadPeers: ["shop/c"], direction: "egress" })).toEqual([
      "shop/b => shop/c",
    ]);
    // A focus workload's other end must be a focus workload peer, even when it is a focus workload too.
    expect(pairs({ workloads: ["shop/b", "shop/c"], workloadPeers: ["shop/c"] })).toEqual([
      "shop/b => shop/c",
      "shop/c => shop/b",
    ]);
  });

  it("keeps only connections allowing the focus connection, each showing just it", () => {
    const list = map.connections({ workloads: ["shop/b"], conn: "udp-53" });
    expect(list.map((c) => formatConnectionSet(c.conn))).toEqual(list.map(() => "UDP 53"));
    expect(list.length).toBeGreaterThan(0);
    expect(map.connections({ conn: "TCP-8080" }).some((c) => c.src === "{ingress-controller}")).toBe(true);
    expect(map.connections({ conn: "tcp-9090" }).filter((c) => c.src === "{ingress-controller}")).toEqual([]);
  });

  it("takes the ingress controller as a focus workload or peer", () => {
    expect(map.connections({ workloads: ["ingress-controller"] }).map((c) => `${c.src} => ${c.dst}`)).toEqual([
      "{ingress-controller} => shop/a[Deployment]",
    ]);
    expect(
      map.connections({ workloads: ["shop/a"], workloadPeers: ["{ingress-controller}"] }).map((c) => c.src),
    ).toEqual(["{ingress-controller}"]);
  });

  it("warns that a direction or workload peers do nothing without focus workloads", () => {
    const view = map.focus({ direction: "ingress", workloadPeers: ["shop/b"] });
    expect(view.diagnostics.map((d) => formatDiagnostic(d, "netpol"))).toEqual([
      "netpol: warning: a focus direction narrows the connections of focus workloads, and there are none: ignored. Add focus workloads, or leave the option out",
      "netpol: warning: a focus workload peer narrows the connections of focus workloads, and there are none: ignored. Add focus workloads, or leave the option out",
    ]);
    expect(view.connections()).toEqual(map.connections());
  });

  it.each([
    [{ workloads: ["nope"] }, 'no workload named "nope"'],
    [{ workloads: ["shop/b"], workloadPeers: ["nope"] }, 'no workload named "nope"'],
    [{ direction: "in" }, 'invalid focus direction "in" — expected ingress or egress'],
    [{ conn: "tcp8080" }, 'invalid focus connection "tcp8080"'],
    [{ conn: "http-80" }, 'invalid focus connection "http-80"'],
    [{ conn: "tcp-0" }, 'invalid focus connection "tcp-0"'],
    [{ conn: "tcp-80-90" }, 'invalid focus connection "tcp-80-90"'],
    [{ conn: "tcp-65536" }, 'invalid focus connection "tcp-65536"'],
  ])("refuses %j: %s", (focus, message) => {
    const view = map.focus(focus as FocusOptions);
    const errors = view.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    expect(formatDiagnostic(errors[0] as (typeof errors)[number], "netpol")).toContain(message);
    try {
      map.connections(focus as FocusOptions);
      expect.unreachable();
    } catch (e) {
      expect(isNetpolError(e)).toBe(true);
    }
  });

  it("filters explanations by the same pairs", () => {
    const view = map.focus({ workloads: ["shop/b"], direction: "egress" });
    expect(view.explainAll().map((e) => e.src)).toEqual(view.explainAll().map(() => "shop/b[Deployment]"));
    expect(view.includes("shop/b[Deployment]", "shop/c[Deployment]")).toBe(true);
    expect(view.includes("shop/c[Deployment]", "shop/b[Deployment]")).toBe(false);
  });
});
