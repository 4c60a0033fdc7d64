// Exposure analysis through the public API: rows only where they add to `entire-cluster`, port names kept toward
// unknown pods and resolved on the workload's own side, focus options, and the errors and warnings of bad options.
import { describe, expect, it } from "vitest";
import { analyzeConnectivity, EXPOSURE_FORMATTERS, exposureIgnoredBy } from "../../src/analysis.js";
import { isNetpolError } from "../../src/index.js";

const deployment = (name: string, labels: Record<string, string>, ports: object[] = []) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "shop" },
  spec: { template: { metadata: { labels }, spec: { containers: [{ name: "c", ports }] } } },
});
const policy = (name: string, spec: object) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, namespace: "shop" },
  spec,
});

const objects = [
  deployment("api", { app: "api" }, [{ name: "http", containerPort: 8080 }]),
  deployment("db", { app: "db" }),
  policy("api-in", {
    podSelector: { matchLabels: { app: "api" } },
    ingress: [
      { from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] },
      {
        from: [{ namespaceSelector: { matchLabels: { team: "x" } }, podSelector: { matchLabels: { role: "mon" } } }],
        ports: [{ port: 9090 }],
      },
      // Resolved against api's own ports: TCP 8080, already open to the whole cluster, so no row of its own.
      { from: [{ podSelector: { matchLabels: { app: "frontend" } } }], ports: [{ port: "http" }] },
    ],
  }),
  policy("api-out", {
    podSelector: { matchLabels: { app: "api" } },
    policyTypes: ["Egress"],
    egress: [
      {
        to: [{ namespaceSelector: { matchExpressions: [{ key: "k", operator: "In", values: ["v"] }] } }],
        ports: [{ port: "dns", protocol: "UDP" }],
      },
      { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }] },
    ],
  }),
];

const map = analyzeConnectivity({ objects });
const txt = (focus?: Parameters<typeof map.exposure>[0]) => EXPOSURE_FORMATTERS.txt.exposure(map.exposure(focus));
const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isNetpolError(e)) return e.diagnostics.map((d) => [d.code, d.path.join(".")]);
    throw e;
  }
  return undefined;
};

describe("exposure analysis", () => {
  it("reports what rules open to pods not in the input, and the workloads no policy isolates", () => {
    const out = txt();
    const section = out.slice(out.indexOf("Exposure Analysis Result:"));
    expect(section).toBe(
      [
        "Exposure Analysis Result:",
        "Egress Exposure:",
        "shop/api[Deployment] \t=> \t10.0.0.0-10.255.255.255[External] : All Connections",
        "shop/api[Deployment] \t=> \t[namespace with {{Key:k,Operator:In,Values:[v],}}]/[all pods] : UDP dns",
        "shop/db[Deployment]  \t=> \t0.0.0.0-9.255.255.255[External] : All Connections",
        "shop/db[Deployment]  \t=> \t10.0.0.0-10.255.255.255[External] : All Connections",
        "shop/db[Deployment]  \t=> \t11.0.0.0-255.255.255.255[External] : All Connections",
        "shop/db[Deployment]  \t=> \tentire-cluster : All Connections",
        "",
        "Ingress Exposure:",
        "shop/api[Deployment] \t<= \t[namespace with {team=x}]/[pod with {role=mon}] : TCP 8080,9090",
        "shop/api[Deployment] \t<= \tentire-cluster : TCP 8080",
        "shop/db[Deployment]  \t<= \t0.0.0.0-255.255.255.255[External] : All Connections",
        "shop/db[Deployment]  \t<= \tentire-cluster : All Connections",
        "",
        "Workloads not protected by network policies:",
        "shop/db[Deployment] is not protected on Egress",
        "shop/db[Deployment] is not protected on Ingress",
        "",
      ].join("\n"),
    );
  });

  it("is deterministic in every format", () => {
    for (const f of Object.values(EXPOSURE_FORMATTERS))
      expect(f.exposure(map.exposure())).toBe(f.exposure(map.exposure()));
    const json = JSON.parse(
      EXPOSURE_FORMATTERS.json.exposure(map.exposure({ workloads: ["db"], direction: "ingress" })),
    );
    expect(json.exposure_results).toEqual({
      egress_exposure: [],
      ingress_exposure: [
        { src: "0.0.0.0-255.255.255.255[External]", dst: "shop/db[Deployment]", conn: "All Connections" },
        { src: "entire-cluster", dst: "shop/db[Deployment]", conn: "All Connections" },
      ],
    });
  });

  it("with a focus connection says who, not what: a representative row only where entire-cluster lacks it", () => {
    expect(txt({ conn: "tcp-9090", workloads: ["api"] })).toBe(
      [
        "Permitted connections on TCP 9090:",
        "shop/api[Deployment] => 10.0.0.0-10.255.255.255[External]",
        "",
        "Exposure Analysis Result On TCP 9090:",
        "Egress Exposure:",
        "shop/api[Deployment] \t=> \t10.0.0.0-10.255.255.255[External]",
        "",
        "Ingress Exposure:",
        "shop/api[Deployment] \t<= \t[namespace with {team=x}]/[pod with {role=mon}]",
        "",
      ].join("\n"),
    );
    expect(txt({ conn: "TCP-8080", workloads: ["shop/api"], direction: "ingress" })).toBe(
      [
        "Permitted connections on TCP 8080:",
        "shop/db[Deployment] => shop/api[Deployment]",
        "",
        "Exposure Analysis Result On TCP 8080:",
        "Ingress Exposure:",
        "shop/api[Deployment] \t<= \tentire-cluster",
        "",
      ].join("\n"),
    );
  });

  it("refuses malformed focus options with one error each, and warns about those that do not apply", () => {
    expect(failure(() => map.exposure({ conn: "http-80" }))).toEqual([["focus-option", ""]]);
    expect(failure(() => map.exposure({ conn: "tcp-70000" }))).toEqual([["focus-option", ""]]);
    expect(failure(() => map.exposure({ workloads: ["nope"] }))).toEqual([["focus-unknown", ""]]);
    expect(failure(() => map.exposure({ workloads: ["api"], workloadPeers: ["db"] }))).toEqual([
      ["exposure-ignored", ""],
    ]);
    const report = map.exposure({ direction: "egress", workloadPeers: ["db"] });
    expect(report.diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      [
        "warning",
        "focus-ignored",
        "a focus direction narrows the connections of focus workloads, and there are none: ignored",
      ],
      [
        "warning",
        "focus-ignored",
        "a focus workload peer narrows the connections of focus workloads, and there are none: ignored",
      ],
    ]);
    // Ignored: the whole map's exposure, both directions.
    expect(EXPOSURE_FORMATTERS.txt.exposure(report)).toBe(txt());
  });

  it("names the combinations that leave exposure out, as netpol-analyzer does", () => {
    expect(exposureIgnoredBy({})).toBeUndefined();
    expect(exposureIgnoredBy({ workloadPeers: ["db"] })).toBeUndefined();
    expect(exposureIgnoredBy({ workloads: ["api"], workloadPeers: ["db"] })?.message).toBe(
      "exposure analysis is left out: it does not combine with focus workloads together with focus workload peers",
    );
    expect(exposureIgnoredBy({ explain: true })?.severity).toBe("warning");
    expect(exposureIgnoredBy({ explain: true, format: "json" })?.severity).toBe("warning");
    expect(exposureIgnoredBy({ explain: true, format: "txt" })).toBeUndefined();
  });
});
