// One model, three front ends: core's own rendering, the Pulumi component's registered inputs, and cdk8s's synth.
import { createRequire } from "node:module";
import * as core from "@netpol/core";
import { beforeAll, describe, expect, it } from "vitest";
import type * as Netpol from "../src/index.js";
import { installMocks, policies, type Registered } from "./harness.js";

let registered: Registered[];
let np: typeof Netpol;

// The cdk8s adapter is another package of this workspace; loaded untyped so this suite only depends on its API.
interface Cdk8sFrontEnd {
  NetworkPolicy: new (scope: unknown, id: string, props: object) => unknown;
  connections: (subject: unknown, scope: unknown) => { allowTo(peer: unknown, options?: object): unknown[] };
}
let cdk: Cdk8sFrontEnd;
// biome-ignore lint/suspicious/noExplicitAny: cdk8s's App/Chart/Testing, resolved from the cdk8s package
let cdk8s: any;

beforeAll(async () => {
  registered = installMocks();
  np = await import("../src/index.js");
  const adapter = "@netpol/cdk8s";
  cdk = (await import(/* @vite-ignore */ adapter)) as Cdk8sFrontEnd;
  cdk8s = createRequire(new URL("../../cdk8s/package.json", import.meta.url))("cdk8s");
});

// The same workloads for every front end: core values, which all of them accept.
const web = core.Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
const api = core.Workload.of({
  kind: "Deployment",
  name: "api",
  namespace: "shop",
  labels: { app: "api", tier: "backend" },
  ports: [{ number: 8080, name: "http" }],
});
const db = core.Workload.of({
  kind: "StatefulSet",
  name: "db",
  namespace: "data",
  labels: { app: "db" },
  ports: [{ number: 5432 }, { number: 9187, protocol: "TCP" }],
});

/** Models as core props; the adapters take the same values (their metadata carries name and namespace). */
const models: Record<string, () => core.NetworkPolicyProps> = {
  "workload-rules": () => ({
    selector: api,
    ingress: { rules: [{ peer: web, ports: [core.NetworkPolicyPort.tcp(8080)] }] },
    egress: {
      rules: [
        { peer: db, ports: [core.NetworkPolicyPort.tcp(5432)] },
        {
          peers: [core.Pods.select({ labels: { app: "cache" } })],
          ports: [core.NetworkPolicyPort.tcpRange(6379, 6380)],
        },
      ],
    },
  }),
  "defaults-mixed": () => ({
    selector: core.Pods.select({ labels: { app: "open" }, expressions: [core.LabelExpression.exists("team")] }),
    ingress: { default: core.NetworkPolicyTrafficDefault.ALLOW },
    egress: { default: core.NetworkPolicyTrafficDefault.DENY },
  }),
  "ip-blocks": () => ({
    namespace: "shop",
    egress: {
      rules: [
        {
          peer: core.NetworkPolicyIpBlock.ipv4("10.0.0.0/8", ["10.1.0.0/16"]),
          ports: [core.NetworkPolicyPort.tcp(443)],
        },
        { peer: core.NetworkPolicyIpBlock.anyIpv6() },
        { peer: core.Namespaces.select({ names: ["kube-system"] }), ports: [core.NetworkPolicyPort.udp(53)] },
      ],
    },
  }),
  "deny-all": () => ({ namespace: "data", ingress: { default: core.NetworkPolicyTrafficDefault.DENY } }),
};

function viaCore(name: string, props: core.NetworkPolicyProps) {
  return new core.NetworkPolicy({ name, ...props }).toManifest();
}

async function viaPulumi(name: string, props: core.NetworkPolicyProps) {
  const { namespace, ...rest } = props;
  const policy = new np.NetworkPolicy(name, { ...rest, ...(namespace ? { metadata: { namespace } } : {}) });
  return (await policies(registered, [policy.policy]))[name];
}

function viaCdk8s(name: string, props: core.NetworkPolicyProps) {
  const chart = new cdk8s.Chart(cdk8s.Testing.app(), "Chart");
  const { namespace, ...rest } = props;
  new cdk.NetworkPolicy(chart, name, { ...rest, metadata: { name, ...(namespace ? { namespace } : {}) } });
  return (cdk8s.Testing.synth(chart) as { kind: string; metadata: { name: string } }[]).find(
    (o) => o.kind === "NetworkPolicy" && o.metadata.name === name,
  );
}

describe("the same model through every front end", () => {
  for (const [name, model] of Object.entries(models)) {
    it(`${name}: core, Pulumi and cdk8s write the same object`, async () => {
      const expected = viaCore(name, model());
      expect(await viaPulumi(name, model())).toEqual(expected);
      expect(viaCdk8s(name, model())).toEqual(expected);
    });
  }

  it("connections across namespaces: the same policies, with the same names", async () => {
    const fromCore = core.allowTo(web, db).map((p) => p.toManifest());
    const created = np.connections(web).allowTo(db);
    const got = await policies(
      registered,
      created.map((p) => p.policy),
    );
    expect(fromCore.map((m) => got[m.metadata.name])).toEqual(fromCore);
    const chart = new cdk8s.Chart(cdk8s.Testing.app(), "Chart");
    cdk.connections(web, chart).allowTo(db);
    // cdk8s names objects itself (chart prefix and hash); what the policies say and where they live must agree.
    const synthesized = (cdk8s.Testing.synth(chart) as core.NetworkPolicyManifest[]).filter(
      (o) => o.kind === "NetworkPolicy",
    );
    const meaning = (m: core.NetworkPolicyManifest) => ({ namespace: m.metadata.namespace, spec: m.spec });
    expect(synthesized.map(meaning)).toEqual(expect.arrayContaining(fromCore.map(meaning)));
    expect(synthesized).toHaveLength(fromCore.length);
  });
});
