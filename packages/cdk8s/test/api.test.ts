// The adapter's own surface: ApiObjects of workload kinds, core values, ids, names, namespaces, errors.

import * as np from "@netpol/cdk8s";
import * as core from "@netpol/core";
import { ApiObject, type App, Chart, type ChartProps, JsonPatch, Testing } from "cdk8s";
import * as kplus from "cdk8s-plus-33";
import { describe, expect, it } from "vitest";
import { networkPolicyProblems } from "../../../test-support/schema.js";
import { policies } from "./harness.js";

type Obj = Record<string, unknown> & { metadata: { name: string; namespace?: string }; spec: Record<string, unknown> };

function chart(props?: ChartProps) {
  return new Chart(Testing.app(), "Chart", props);
}
const out = (c: Chart) => policies(Testing.synth(c)) as Obj[];

describe("workload ApiObjects (e.g. imported KubeDeployment)", () => {
  const deployment = (c: Chart, id: string, namespace?: string) =>
    new kplus.k8s.KubeDeployment(c, id, {
      metadata: { name: id.toLowerCase(), ...(namespace ? { namespace } : {}) },
      spec: {
        selector: { matchLabels: { app: id.toLowerCase() } },
        template: {
          metadata: { labels: { app: id.toLowerCase(), version: "v1" } },
          spec: {
            containers: [
              {
                name: "main",
                image: "x",
                ports: [{ containerPort: 53, protocol: "UDP", name: "dns" }, { containerPort: 8080 }],
              },
            ],
          },
        },
      },
    });

  it("selects by spec.selector.matchLabels and uses the pod template's ports with their protocols", () => {
    const c = chart();
    const api = deployment(c, "Api", "shop");
    const web = new kplus.Deployment(c, "Web", { containers: [{ image: "web" }], metadata: { namespace: "shop" } });
    np.connections(web).allowTo(api);
    const byType = (p: Obj) => String((p.spec.policyTypes as string[])[0]);
    const [egress, ingress] = out(c).sort((a, b) => byType(a).localeCompare(byType(b)));
    expect(egress?.spec.egress).toEqual([
      {
        to: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } },
            podSelector: { matchLabels: { app: "api" } },
          },
        ],
        ports: [
          { port: 8080, protocol: "TCP" },
          { port: 53, protocol: "UDP" },
        ],
      },
    ]);
    expect(ingress?.metadata.namespace).toBe("shop");
    expect(ingress?.spec.podSelector).toEqual({ matchLabels: { app: "api" } });
  });

  it("as the subject of connections(): one policy per side, in the ApiObject's chart", () => {
    const c = chart();
    const api = deployment(c, "Api", "shop");
    const db = deployment(c, "Db", "data");
    const made = np.connections(api).allowTo(db);
    expect(made.map((p) => p.node.scope)).toEqual([c, c]);
    expect(out(c)).toHaveLength(2);
    for (const p of out(c)) expect(networkPolicyProblems(p)).toEqual([]);
  });

  it("Pod, CronJob and a raw ApiObject are read too", () => {
    const c = chart({ namespace: "jobs" });
    const podObj = new kplus.k8s.KubePod(c, "Solo", {
      metadata: { labels: { app: "solo" } },
      spec: { containers: [{ name: "s", image: "s", ports: [{ containerPort: 9000 }] }] },
    });
    const cron = new kplus.k8s.KubeCronJob(c, "Nightly", {
      spec: {
        schedule: "0 0 * * *",
        jobTemplate: {
          spec: {
            template: { metadata: { labels: { job: "nightly" } }, spec: { containers: [{ name: "n", image: "n" }] } },
          },
        },
      },
    });
    const raw = new ApiObject(c, "Raw", {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      spec: { selector: { matchLabels: { app: "raw" } }, template: { metadata: { labels: { app: "raw" } } } },
    });
    new np.NetworkPolicy(c, "P", { selector: cron, egress: { rules: [{ peers: [podObj, raw] }] } });
    const [p] = out(c);
    expect(p?.metadata.namespace).toBe("jobs");
    expect(p?.spec).toEqual({
      podSelector: { matchLabels: { job: "nightly" } },
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "jobs" } },
              podSelector: { matchLabels: { app: "raw" } },
            },
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "jobs" } },
              podSelector: { matchLabels: { app: "solo" } },
            },
          ],
        },
      ],
    });
  });

  it("an ApiObject that is not a workload is refused with a NetpolError", () => {
    const c = chart();
    const cm = new kplus.k8s.KubeConfigMap(c, "Cm", { data: { a: "b" } });
    expect(() => new np.NetworkPolicy(c, "P", { egress: { rules: [{ peer: cm }] } })).toThrowError(core.NetpolError);
  });
});

describe("core values and constructs", () => {
  it("core Workload, Pods, Namespaces and IP blocks are accepted as they are", () => {
    const c = chart();
    const web = core.Workload.of({
      kind: "Deployment",
      name: "web",
      namespace: "web",
      labels: { app: "web" },
      ports: [{ number: 80 }],
    });
    new np.NetworkPolicy(c, "P", {
      selector: web,
      ingress: {
        rules: [{ peers: [core.Pods.select({ labels: { app: "lb" } }), core.Namespaces.select({ names: ["ops"] })] }],
      },
      egress: {
        rules: [{ peer: core.NetworkPolicyIpBlock.ipv4("10.0.0.0/8"), ports: [np.NetworkPolicyPort.tcp(443)] }],
      },
    });
    const [p] = out(c);
    expect(p?.metadata.namespace).toBe("web");
    expect(networkPolicyProblems(p)).toEqual([]);
    expect(p?.spec.ingress).toEqual([
      {
        from: [
          { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ops" } }, podSelector: {} },
          { podSelector: { matchLabels: { app: "lb" } } },
        ],
      },
    ]);
  });

  it("connections() of a core workload needs a scope", () => {
    const web = core.Workload.of({ kind: "Deployment", name: "web", namespace: "web", labels: { app: "web" } });
    const db = core.Workload.of({
      kind: "StatefulSet",
      name: "db",
      namespace: "data",
      labels: { app: "db" },
      ports: [{ number: 5432 }],
    });
    expect(() => np.connections(web)).toThrowError(/Pass a scope/);
    const c = chart();
    const made = np.connections(web, c).allowTo(db);
    expect(made.map((p) => p.node.id)).toEqual(["web-connections-in-web", "db-connections-in-data"]);
    expect(out(c).map((p) => p.metadata.name)).toEqual([
      expect.stringMatching(/^chart-web-connections-in-web-c8[0-9a-f]{6}$/),
      expect.stringMatching(/^chart-db-connections-in-data-c8[0-9a-f]{6}$/),
    ]);
  });

  it("fromPolicy wraps a core policy; metadata.name wins over the generated name", () => {
    const c = chart({ labels: { team: "x" } });
    const policy = new core.NetworkPolicy({
      name: "core-name",
      namespace: "ns",
      labels: { a: "b" },
      ingress: { default: core.NetworkPolicyTrafficDefault.DENY },
    });
    np.NetworkPolicy.fromPolicy(c, "Generated", policy);
    np.NetworkPolicy.fromPolicy(c, "Named", policy, { name: "given" });
    const [generated, named] = out(c);
    expect(generated?.metadata).toEqual({
      name: expect.stringMatching(/^chart-generated-c8/),
      namespace: "ns",
      labels: { a: "b", team: "x" },
    });
    expect(named?.metadata.name).toBe("given");
  });

  it("IP blocks with a scope are constructs, with the same checks", () => {
    const c = chart();
    const block = np.NetworkPolicyIpBlock.ipv4(c, "Office", "192.0.2.0/24", ["192.0.2.128/25"]);
    expect(block.node.path).toBe("Chart/Office");
    expect(block.cidr).toBe("192.0.2.0/24");
    expect(block.except).toEqual(["192.0.2.128/25"]);
    expect(np.NetworkPolicyIpBlock.ipv6(c, "V6", "2001:db8::1/64").warnings.map((w) => w.code)).toEqual([
      "cidr-host-bits",
    ]);
    expect(np.NetworkPolicyIpBlock.anyIpv6(c, "Any6").cidr).toBe("::/0");
    expect(np.NetworkPolicyIpBlock.anyIpv4().cidr).toBe("0.0.0.0/0");
  });
});

describe("cdk8s-plus workloads", () => {
  it("container ports added after a first connection count in later ones, as cdk8s-plus reads them at each call", () => {
    const c = chart({ namespace: "shop" });
    const api = new kplus.Deployment(c, "Api", { containers: [{ image: "api", portNumber: 8080 }] });
    const web = new kplus.Deployment(c, "Web", { containers: [{ image: "web" }] });
    const admin = new kplus.Deployment(c, "Admin", { containers: [{ image: "admin" }] });
    const only = { isolation: np.PodConnectionsIsolation.POD };
    np.connections(web).allowTo(api, only);
    api.containers[0]?.addPort({ number: 9090, protocol: kplus.Protocol.UDP });
    np.connections(admin).allowTo(api, only);
    const ports = out(c).map((o) => (o.spec.egress as { ports: unknown[] }[])[0]?.ports);
    expect(ports).toHaveLength(2);
    expect(ports).toContainEqual([{ port: 8080, protocol: "TCP" }]);
    expect(ports).toContainEqual([
      { port: 8080, protocol: "TCP" },
      { port: 9090, protocol: "UDP" },
    ]);
  });

  it("a connections() object kept across a port change uses the ports of the time of each call", () => {
    const c = chart({ namespace: "shop" });
    const api = new kplus.Deployment(c, "Api", { containers: [{ image: "api", portNumber: 8080 }] });
    const web = new kplus.Deployment(c, "Web", { containers: [{ image: "web" }] });
    const apiConnections = np.connections(api);
    api.containers[0]?.addPort({ number: 9090 });
    apiConnections.allowFrom(web, { isolation: np.PodConnectionsIsolation.POD });
    const policies = out(c);
    expect(policies).toHaveLength(1);
    const ingress = policies[0]?.spec.ingress as { ports: unknown[] }[];
    expect(ingress[0]?.ports).toEqual([
      { port: 8080, protocol: "TCP" },
      { port: 9090, protocol: "TCP" },
    ]);
  });
});

describe("the NetworkPolicy construct", () => {
  it("renders at synth time: rules added after construction count, including addRule with several peers", () => {
    const c = chart();
    const p = new np.NetworkPolicy(c, "P", { selector: np.Pods.select(c, "Web", { labels: { app: "web" } }) });
    p.addRule("ingress", {
      peers: [np.Pods.select(c, "A", { labels: { app: "a" } })],
      ports: [np.NetworkPolicyPort.tcp("http")],
    });
    p.addEgressRule(np.Namespaces.all(c, "All"));
    expect(out(c)[0]?.spec).toEqual({
      podSelector: { matchLabels: { app: "web" } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: "a" } } }], ports: [{ port: "http", protocol: "TCP" }] }],
      egress: [{ to: [{ namespaceSelector: {}, podSelector: {} }] }],
    });
  });

  it("prints its warnings to stderr once when the app is synthesized, naming the construct, and only then", () => {
    const app = Testing.app();
    const c = new Chart(app, "Warn", { namespace: "shop" });
    new Chart(app, "Other"); // cdk8s validates the whole app once more per chart
    const db = new kplus.Deployment(c, "Db", { containers: [{ image: "db", portNumber: 6378 }] });
    const web = new kplus.Deployment(c, "Web", { containers: [{ image: "web" }] });
    new np.NetworkPolicy(c, "Db-ingress", {
      selector: db,
      ingress: { rules: [{ peer: web, ports: [np.NetworkPolicyPort.tcp(6379)] }] },
    });
    expect(stderrOf(() => {})).toEqual([]);
    const lines = stderrOf(() => app.synth());
    // Lint's findings come with it (see "lint at synthesis"); the policy's own warning is printed once.
    const own = lines.filter((l) => l.includes("is not a container port"));
    expect(own).toHaveLength(1);
    expect(own[0]).toMatch(
      /^Warn\/Db-ingress: warning: NetworkPolicy shop\/[-a-z0-9]+: ingress\.rules\[0\]\.ports\[0\]: port TCP 6379 is not a container port of .*TCP 6378/,
    );
  });

  it("namespace: explicit, else the selected pods', else the chart's", () => {
    const c = chart({ namespace: "chart-ns" });
    const inB = np.Pods.all(c, "B", { namespaces: np.Namespaces.select(c, "NsB", { names: ["b"] }) });
    new np.NetworkPolicy(c, "Explicit", { metadata: { namespace: "a" } });
    new np.NetworkPolicy(c, "Selected", { selector: inB });
    new np.NetworkPolicy(c, "Chart", {});
    expect(out(c).map((p) => p.metadata.namespace)).toEqual(["a", "b", "chart-ns"]);
  });

  it("is an ApiObject: JSON patches, chart labels and `instanceof` work, and only policies are NetworkPolicy", () => {
    const c = chart({ labels: { app: "shop" } });
    const p = new np.NetworkPolicy(c, "P", { metadata: { name: "p", annotations: { x: "y" } } });
    p.addJsonPatch(JsonPatch.add("/metadata/annotations/z", "w"));
    expect(p).toBeInstanceOf(ApiObject);
    expect(p instanceof np.NetworkPolicy).toBe(true);
    expect(new ApiObject(c, "Other", { apiVersion: "v1", kind: "ConfigMap" }) instanceof np.NetworkPolicy).toBe(false);
    expect(out(c)[0]?.metadata).toEqual({ name: "p", labels: { app: "shop" }, annotations: { x: "y", z: "w" } });
  });

  it("JSON patches apply to the rendered spec as well, which keeps core's order of keys", () => {
    const c = chart();
    const web = np.Pods.select(c, "Web", { labels: { app: "web" } });
    const plain = new np.NetworkPolicy(c, "Plain", { selector: web, egress: { rules: [{ peer: web }] } });
    const patched = new np.NetworkPolicy(c, "Patched", { selector: web, egress: { rules: [{ peer: web }] } });
    patched.addJsonPatch(JsonPatch.replace("/spec/podSelector/matchLabels/app", "api"));
    const [a, b] = Testing.synth(c) as Obj[];
    expect(Object.keys(b?.spec ?? {})).toEqual(Object.keys(a?.spec ?? {}));
    expect(b?.spec).toEqual({ ...a?.spec, podSelector: { matchLabels: { app: "api" } } });
    expect(plain.policy.toManifest().spec.podSelector).toEqual({ matchLabels: { app: "web" } });
  });

  it("a peer in several namespaces synthesizes to YAML without anchors or aliases", () => {
    const c = chart({ namespace: "shop" });
    const db = np.Pods.select(c, "Db", {
      labels: { app: "db" },
      namespaces: np.Namespaces.select(c, "Stores", { names: ["s1", "s2"] }),
    });
    new np.NetworkPolicy(c, "P", { egress: { rules: [{ peer: db }] }, ingress: { rules: [{ peer: db }] } });
    // cdk8s' YAML writer turns objects met twice in a document into an anchor (&a1) and aliases (*a1).
    const yaml = (c.node.scope as App).synthYaml();
    expect(yaml).toContain("kubernetes.io/metadata.name: s2");
    expect(yaml).not.toMatch(/[&*]a\d/);
  });

  it("reports every problem of the props at once, as one NetpolError with paths and hints", () => {
    const c = chart();
    let error: unknown;
    try {
      new np.NetworkPolicy(c, "P", {
        metadata: { name: "Bad_Name" },
        // biome-ignore lint/suspicious/noExplicitAny: what plain JavaScript could pass
        ingress: { default: "deny" as any, rules: [{ peer: {} as any }] },
      });
    } catch (e) {
      error = e;
    }
    expect(np.isNetpolError(error)).toBe(true);
    expect((error as np.NetpolError).diagnostics.map((d) => d.path)).toEqual([
      ["name"],
      ["ingress", "default"],
      ["ingress", "rules", 0, "peer"],
    ]);
    expect(c.node.tryFindChild("P")).toBeUndefined();
  });
});

/** What `run` writes to stderr. */
function stderrOf(run: () => void): string[] {
  const lines: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    run();
  } finally {
    process.stderr.write = write;
  }
  return lines;
}

describe("lint at synthesis", () => {
  /** An app whose shop chart denies egress by default and allows no DNS, beside a second chart. */
  function shop(context: Record<string, unknown> = {}) {
    const app = Testing.app();
    for (const [k, v] of Object.entries(context)) app.node.setContext(k, v);
    const c = new Chart(app, "Shop", { namespace: "shop" });
    new Chart(app, "Other");
    const web = new kplus.Deployment(c, "Web", { containers: [{ image: "web", portNumber: 8080 }] });
    new np.NetworkPolicy(c, "Deny", {
      metadata: { name: "deny" },
      ingress: { default: np.NetworkPolicyTrafficDefault.DENY },
      egress: { default: np.NetworkPolicyTrafficDefault.DENY },
    });
    return { app, web };
  }

  it("prints each finding once, at its object's construct, when the app is synthesized", () => {
    const { app, web } = shop();
    expect(stderrOf(() => {})).toEqual([]);
    const lines = stderrOf(() => app.synth());
    expect(lines).toEqual([
      `Shop/Deny: warning: dns-blocked (error): NetworkPolicy shop/deny: spec.policyTypes: this policy denies egress of shop/${web.name}[Deployment] by default, and no policy allows them UDP 53 and TCP 53 to kube-dns (k8s-app: kube-dns in kube-system), so they cannot resolve names. Allow egress to namespaceSelector kubernetes.io/metadata.name: kube-system with podSelector k8s-app: kube-dns on UDP 53 and TCP 53\n`,
    ]);
  });

  it("places findings about other objects at theirs, and runs on Testing.synth too", () => {
    const app = Testing.app();
    const c = new Chart(app, "Shop", { namespace: "shop" });
    new kplus.Deployment(c, "Web", { containers: [{ image: "web", portNumber: 8080 }] });
    const api = new kplus.Deployment(c, "Api", { containers: [{ image: "api", portNumber: 8000 }] });
    np.connections(api).isolate();
    const lines = stderrOf(() => Testing.synth(c));
    expect(lines.filter((l) => l.includes("pod-unselected"))).toEqual([
      expect.stringMatching(
        /^Shop\/Web\/Resource: warning: pod-unselected \(warning\): Deployment shop\/[-a-z0-9]+: no NetworkPolicy selects/,
      ),
    ]);
  });

  it("leaves out the checks the app's context disables (or all, with lint off), and refuses unknown ones", () => {
    const off = shop({ [np.LINT_DISABLE_CONTEXT]: "dns-blocked, pod-unselected" });
    expect(stderrOf(() => off.app.synth())).toEqual([]);
    const listed = shop({ [np.LINT_DISABLE_CONTEXT]: ["dns-blocked"] });
    expect(stderrOf(() => listed.app.synth())).toEqual([]);
    const none = shop({ [np.LINT_CONTEXT]: false, [np.LINT_DISABLE_CONTEXT]: "dns-blokced" });
    expect(stderrOf(() => none.app.synth())).toEqual([]);
    const typo = shop({ [np.LINT_DISABLE_CONTEXT]: "dns-blokced" });
    expect(() => typo.app.synth()).toThrow(/unknown lint check "dns-blokced".*Did you mean "dns-blocked"\?/);
  });
});
