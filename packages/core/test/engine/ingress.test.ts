// The ingress controller peer: Ingress and Route objects through Services, narrowed by the workloads' policies, with
// netpol-analyzer's semantics (pkg/netpol/connlist/internal/ingressanalyzer, connlist.go).
import { describe, expect, it } from "vitest";
import { analyzeConnectivity, FORMATTERS, formatConnectionSet } from "../../src/analysis.js";
import { formatDiagnostic, isNetpolError } from "../../src/index.js";
import { readManifestText } from "../../src/manifests/index.js";

type Port = { name?: string; containerPort: number; protocol?: string };
const deployment = (name: string, ports: Port[], namespace = "shop") => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace },
  spec: { template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", ports }] } } },
});
const service = (name: string, app: string | undefined, ports: object[], namespace = "shop") => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace },
  spec: { ...(app === undefined ? {} : { selector: { app } }), ports },
});
const ingress = (name: string, spec: object, namespace = "shop") => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name, namespace },
  spec,
});
const backend = (service: string, port?: object) => ({ service: { name: service, ...(port ? { port } : {}) } });
const rules = (...backends: object[]) => ({
  rules: [
    { host: "x.example.com", http: { paths: backends.map((b) => ({ path: "/", pathType: "Prefix", backend: b })) } },
  ],
});
const route = (name: string, spec: object, namespace = "shop") => ({
  apiVersion: "route.openshift.io/v1",
  kind: "Route",
  metadata: { name, namespace },
  spec,
});
const policy = (name: string, spec: object, namespace = "shop") => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, namespace },
  spec,
});

const WEB: Port[] = [
  { name: "http", containerPort: 8080 },
  { name: "metrics", containerPort: 9090 },
  { name: "dns", containerPort: 53, protocol: "UDP" },
];
const fromController = (objects: readonly unknown[]) =>
  analyzeConnectivity({ objects })
    .connections()
    .filter((c) => c.src === "{ingress-controller}")
    .map((c) => `${c.dst} : ${formatConnectionSet(c.conn)}`);
const warnings = (objects: readonly unknown[]) =>
  analyzeConnectivity({ objects })
    .diagnostics.filter((d) => d.severity === "warning")
    .map((d) => formatDiagnostic(d, "netpol"));

describe("the ingress controller: which ports Ingress and Route objects expose", () => {
  const svc = service("web", "web", [
    { name: "http", port: 80, targetPort: 8080 },
    { name: "metrics", port: 9000, targetPort: "metrics" },
  ]);

  it.each([
    ["an Ingress backend's port number", backend("web", { number: 80 }), "TCP 8080"],
    ["an Ingress backend's port name", backend("web", { name: "metrics" }), "TCP 9090"],
    ["a port number equal to a numeric targetPort", backend("web", { number: 8080 }), "TCP 8080"],
    ["no port: every Service port", backend("web"), "TCP 8080,9090"],
  ])("follows %s to the pods' port", (_, b, conn) => {
    expect(fromController([deployment("web", WEB), svc, ingress("in", rules(b))])).toEqual([
      `shop/web[Deployment] : ${conn}`,
    ]);
  });

  it("reads an Ingress's defaultBackend, and unions the backends of several objects", () => {
    const objects = [
      deployment("web", WEB),
      svc,
      ingress("a", { defaultBackend: backend("web", { number: 80 }) }),
      ingress("b", rules(backend("web", { name: "metrics" }))),
    ];
    expect(fromController(objects)).toEqual(["shop/web[Deployment] : TCP 8080,9090"]);
  });

  it("reads a Route's to and alternateBackends, with one targetPort (a name may be a named targetPort)", () => {
    const two = service("web2", "web", [{ name: "other", port: 81, targetPort: "metrics" }]);
    const objects = [deployment("web", WEB), svc, two];
    const r = (spec: object) => fromController([...objects, route("r", spec)]);
    expect(r({ to: { kind: "Service", name: "web" }, port: { targetPort: "http" } })).toEqual([
      "shop/web[Deployment] : TCP 8080",
    ]);
    expect(r({ to: { name: "web2" }, port: { targetPort: "metrics" } })).toEqual(["shop/web[Deployment] : TCP 9090"]);
    expect(r({ to: { name: "web" }, alternateBackends: [{ kind: "Service", name: "web2" }] })).toEqual([
      "shop/web[Deployment] : TCP 8080,9090",
    ]);
    // An Ingress backend's port name matches a Service port's name only, not a named targetPort.
    expect(fromController([...objects, ingress("i", rules(backend("web2", { name: "metrics" })))])).toEqual([]);
  });

  it("reaches only ports a container serves; a named targetPort counts over TCP only", () => {
    const dns = service("dns", "web", [{ port: 53, targetPort: "dns" }]);
    const none = service("none", "web", [{ port: 81, targetPort: 8181 }]);
    expect(fromController([deployment("web", WEB), dns, ingress("i", rules(backend("dns")))])).toEqual([]);
    expect(fromController([deployment("web", WEB), none, ingress("i", rules(backend("none")))])).toEqual([]);
  });

  it("follows Services of the object's own namespace, selecting workloads of that namespace", () => {
    const objects = [
      deployment("web", WEB),
      deployment("web", WEB, "other"),
      svc,
      service("web", "web", [{ port: 80, targetPort: 8080 }], "other"),
      ingress("i", rules(backend("web", { number: 80 })), "other"),
    ];
    expect(fromController(objects)).toEqual(["other/web[Deployment] : TCP 8080"]);
  });

  it("keeps an Ingress and a Route of the same name apart", () => {
    const map = analyzeConnectivity({
      objects: [
        deployment("web", WEB),
        svc,
        ingress("web", rules(backend("web", { number: 80 }))),
        route("web", { to: { name: "web" }, port: { targetPort: 9000 } }),
      ],
    });
    expect(map.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(map.allowed("ingress-controller", "web")).toEqual(map.allowed("{ingress-controller}", "shop/web"));
    expect(formatConnectionSet(map.allowed("ingress-controller", "web"))).toBe("TCP 8080,9090");
  });
});

describe("the ingress controller: policies of the workloads it reaches", () => {
  const objects = [
    deployment("web", WEB),
    service("web", "web", [{ port: 80, targetPort: 8080 }]),
    ingress("i", rules(backend("web", { number: 80 }))),
  ];
  const deny = policy("deny", { podSelector: {}, policyTypes: ["Ingress"] });
  const from = (peer: object) => policy("allow", { podSelector: {}, ingress: [{ from: [peer] }] });

  it("is denied by an isolating policy, with a warning naming the Ingress and the workload", () => {
    expect(fromController([...objects, deny])).toEqual([]);
    expect(warnings([...objects, deny])).toEqual([
      'netpol: warning: Ingress shop/i: spec.rules[0].http.paths[0].backend.service: the NetworkPolicies of shop/web[Deployment] admit the ingress controller (a pod without labels in namespace ingress-controller-ns) on none of the ports Service "web" sends this backend to, so the map has no connection from {ingress-controller} to shop/web[Deployment] through this backend',
    ]);
  });

  it.each([
    ["namespaceSelector {} (every pod of every namespace)", { namespaceSelector: {} }, true],
    [
      "its namespace by name",
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-controller-ns" } } },
      true,
    ],
    ["a podSelector of the policy's namespace", { podSelector: {} }, false],
    [
      "a podSelector with labels in every namespace",
      { namespaceSelector: {}, podSelector: { matchLabels: { a: "b" } } },
      false,
    ],
    ["an ipBlock (no pod IP)", { ipBlock: { cidr: "0.0.0.0/0" } }, false],
  ])("a rule peer of %s admits it: %o → %s", (_, peer, admitted) => {
    expect(fromController([...objects, deny, from(peer)])).toEqual(admitted ? ["shop/web[Deployment] : TCP 8080"] : []);
  });

  it("keeps only the exposed ports a rule allows", () => {
    const ports = policy("ports", { podSelector: {}, ingress: [{ ports: [{ port: 9090 }] }] });
    expect(fromController([...objects, ports])).toEqual([]);
    const all = policy("ports", { podSelector: {}, ingress: [{ ports: [{ port: "http" }] }] });
    expect(fromController([...objects, all])).toEqual(["shop/web[Deployment] : TCP 8080"]);
  });
});

describe("the ingress controller as a peer of the map", () => {
  const objects = [
    deployment("web", WEB),
    deployment("db", [{ containerPort: 5432 }]),
    service("web", "web", [{ port: 80, targetPort: 8080 }]),
    ingress("i", rules(backend("web", { number: 80 }))),
  ];
  const map = analyzeConnectivity({ objects });

  it("is a peer, listed last, in every format", () => {
    expect(map.peers.at(-1)).toEqual({
      name: "{ingress-controller}",
      kind: "IngressController",
      workload: "ingress-controller",
    });
    const list = map.connections();
    expect(list.at(-1)).toMatchObject({ src: "{ingress-controller}", dst: "shop/web[Deployment]" });
    expect(FORMATTERS.txt.connections(list)).toMatch(
      /\n\{ingress-controller\} => shop\/web\[Deployment\] : TCP 8080\n$/,
    );
    expect(JSON.parse(FORMATTERS.json.connections(list)).at(-1)).toEqual({
      src: "{ingress-controller}",
      dst: "shop/web[Deployment]",
      conn: "TCP 8080",
    });
    expect(FORMATTERS.csv.connections(list)).toMatch(/\n\{ingress-controller\},shop\/web\[Deployment\],TCP 8080\n$/);
    expect(FORMATTERS.md.connections(list)).toMatch(
      /\| \{ingress-controller\} \| shop\/web\[Deployment\] \| TCP 8080 \|\n$/,
    );
    const dot = FORMATTERS.dot.connections(list);
    expect(dot).toContain('\t"{ingress-controller}" [label="{ingress-controller}" color="blue" fontcolor="blue"]\n');
    expect(dot).toContain('\t"{ingress-controller}" -> "shop/web[Deployment]" [label="TCP 8080"');
    expect(dot).not.toContain("cluster_{");
  });

  it("answers by name as a source; nothing reaches it", () => {
    expect(map.canReach("ingress-controller", "web", { port: 8080 })).toBe(true);
    expect(map.canReach("{ingress-controller}", "db")).toBe(false);
    expect(map.canReach("web", "ingress-controller")).toBe(false);
    expect(map.canReach("ingress-controller", "8.8.8.8")).toBe(false);
    expect(map.workloadsNamed("ingress-controller").map((p) => p.name)).toEqual(["{ingress-controller}"]);
  });

  it("is ambiguous by its bare name beside a workload of that name", () => {
    const two = analyzeConnectivity({ objects: [...objects, deployment("ingress-controller", [])] });
    expect(() => two.allowed("ingress-controller", "web")).toThrow(/ambiguous/);
    expect(formatConnectionSet(two.allowed("{ingress-controller}", "web"))).toBe("TCP 8080");
  });

  it("explains a connection by the Ingress objects and Services behind it", () => {
    const e = map.explain("ingress-controller", "web");
    expect(formatConnectionSet(e.conn)).toBe("TCP 8080");
    expect(e.ingress.ingressObjects?.map((o) => ({ ...o, conn: formatConnectionSet(o.conn) }))).toEqual([
      { kind: "Ingress", name: "shop/i", service: "web", conn: "TCP 8080" },
    ]);
    expect(FORMATTERS.txt.explanations([e])).toContain(
      "Ingress 'shop/i' allows ingress connections through service web",
    );
    expect(JSON.parse(FORMATTERS.json.explanations([e]))[0].ingress.ingressObjects).toEqual([
      { kind: "Ingress", name: "shop/i", service: "web", conn: "TCP 8080" },
    ]);
    const all = map.explainAll().filter((x) => x.src === "{ingress-controller}" || x.dst === "{ingress-controller}");
    expect(all.map((x) => `${x.src} => ${x.dst}`)).toEqual(["{ingress-controller} => shop/web[Deployment]"]);
  });

  it("is no peer without an Ingress or Route reaching a workload", () => {
    const none = analyzeConnectivity({ objects: objects.slice(0, 3) });
    expect(none.peers.map((p) => p.name)).not.toContain("{ingress-controller}");
    expect(() => none.allowed("ingress-controller", "web")).toThrow(/no peer named "ingress-controller"/);
  });
});

describe("the ingress controller: warnings for what reaches nothing", () => {
  it("names each backend that reaches nothing, and Services without selector", () => {
    const objects = [
      deployment("web", WEB),
      service("web", "web", [{ name: "http", port: 80, targetPort: 8080 }]),
      service("nobody", "nobody", [{ port: 80 }]),
      service("manual", undefined, [{ port: 80 }]),
      ingress(
        "i",
        rules(
          backend("missing"),
          backend("nobody"),
          backend("web", { number: 81 }),
          { resource: { kind: "Bucket", name: "b" } },
          backend("web", { name: "http" }),
        ),
      ),
      route("r", { to: { kind: "Deployment", name: "web" } }),
    ];
    expect(warnings(objects).map((w) => w.replace(/^netpol: warning: /, ""))).toEqual([
      "Service shop/manual: this Service has no selector, so which pods it sends to is not in the input: Ingress and Route backends through it reach nothing in the map",
      "Ingress shop/i: spec.rules[0].http.paths[3].backend: this Ingress backend is not a Service, the only kind netpol follows: it reaches nothing in the map",
      "Route shop/r: spec.to.kind: this Route backend is not a Service, the only kind netpol follows: it reaches nothing in the map",
      'Ingress shop/i: spec.rules[0].http.paths[0].backend.service: no Service "missing" in this namespace, so the map has no connection from {ingress-controller} through this backend',
      'Ingress shop/i: spec.rules[0].http.paths[1].backend.service: Service "nobody" selects no workload or pod of the input, so the map has no connection from {ingress-controller} through this backend',
      'Ingress shop/i: spec.rules[0].http.paths[2].backend.service: Service "web" has no port 81, so the map has no connection from {ingress-controller} through this backend',
    ]);
    expect(fromController(objects)).toEqual(["shop/web[Deployment] : TCP 8080"]);
  });

  it("positions them in the text", () => {
    const text = [
      "apiVersion: networking.k8s.io/v1",
      "kind: Ingress",
      "metadata: {name: i, namespace: shop}",
      "spec:",
      "  defaultBackend:",
      "    service: {name: missing, port: {number: 80}}",
    ].join("\n");
    const read = readManifestText(text, "i.yaml");
    const map = analyzeConnectivity({
      objects: [deployment("web", WEB), service("web", "web", [{ port: 80 }]), ...read.objects],
      sources: read.sources,
    });
    expect(map.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      "i.yaml:6:14 ingress-backend-unreached",
    ]);
  });
});

describe("Services, Ingresses and Routes are read strictly", () => {
  it.each([
    ["an unknown Ingress field", ingress("i", { rules: [{ htp: {} }] }), /unknown key "htp".*Did you mean "http"\?/],
    ["an unknown Route field", route("r", { to: { name: "web" }, prot: {} }), /unknown key "prot"/],
    ["a Service port out of range", service("s", "web", [{ port: 70000 }]), /70000/],
    [
      "an Ingress of an old API version",
      { ...ingress("i", {}), apiVersion: "extensions/v1beta1" },
      /networking\.k8s\.io\/v1/,
    ],
  ])("refuses %s", (_, object, message) => {
    const map = analyzeConnectivity({ objects: [deployment("web", WEB), object] });
    const errors = map.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d, "netpol"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it("tolerates Service fields of newer Kubernetes versions with a warning", () => {
    const svc = { ...service("s", "web", [{ port: 80 }]) };
    (svc.spec as Record<string, unknown>).futureField = true;
    const map = analyzeConnectivity({ objects: [deployment("web", WEB), svc] });
    expect(map.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(["warning unknown-field"]);
  });

  it("throws nothing on odd but valid shapes", () => {
    const odd = [
      ingress("a", { rules: [{ host: "only-host" }] }),
      ingress("b", { defaultBackend: { service: { name: "web", port: {} } } }),
      route("c", { to: { name: "web" }, port: {} }),
    ];
    try {
      expect(fromController([deployment("web", WEB), service("web", "web", [{ port: 8080 }]), ...odd])).toEqual([
        "shop/web[Deployment] : TCP 8080",
      ]);
    } catch (e) {
      if (isNetpolError(e)) throw new Error(e.message);
      throw e;
    }
  });
});
