// A preview (dry run) where a workload's outputs are unknown: no crash, and never a wrong policy.
import type * as K8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, expect, it } from "vitest";
import type * as Netpol from "../src/index.js";
import { deployment, pod } from "./fixtures.js";
import { installMocks, isKnown, K8S_NETWORK_POLICY, policies, type Registered, settle } from "./harness.js";

let registered: Registered[];
let np: typeof Netpol;
let k8s: typeof K8s;

beforeAll(async () => {
  // Deployments get no outputs from this mock, which a preview reports as unknown (as for a Deployment whose
  // inputs depend on resources not created yet).
  registered = installMocks({ preview: true, unknownInPreview: ["kubernetes:apps/v1:Deployment"] });
  np = await import("../src/index.js");
  k8s = await import("@pulumi/kubernetes");
});

it("runs as a preview", () => {
  expect(pulumi.runtime.isDryRun()).toBe(true);
});

it("a selector with unknown labels leaves the whole spec unknown", async () => {
  const api = deployment(k8s, "pv-api", { namespace: "web", ports: [8080] });
  expect(await isKnown(api.spec)).toBe(false);
  const policy = new np.NetworkPolicy("pv-policy", {
    selector: api,
    ingress: { rules: [{ peer: np.Pods.select({ labels: { app: "web" } }) }] },
  });
  const got = await policies(registered, [policy.policy]);
  expect(await settle(policy.manifest)).toBeUndefined();
  expect(await isKnown(policy.policy.spec)).toBe(false);
  // The engine receives an unknown spec, never a partial or empty one.
  expect(pulumi.isUnknown(got["pv-policy"]?.spec)).toBe(true);
  expect(pulumi.isUnknown(got["pv-policy"]?.metadata)).toBe(true);
});

it("an unknown peer leaves the spec unknown too; rules added later are not dropped silently", async () => {
  const api = deployment(k8s, "pv-peer-api", { namespace: "web" });
  const web = pod(k8s, "pv-web", { namespace: "web" });
  const policy = new np.NetworkPolicy("pv-peer-policy", { selector: web });
  policy.addEgressRule(api, [np.NetworkPolicyPort.tcp(8080)]);
  const got = await policies(registered, [policy.policy]);
  expect(pulumi.isUnknown(got["pv-peer-policy"]?.spec)).toBe(true);
  expect(() => policy.addEgressRule(api)).toThrow(/was emitted/);
});

it("policies with known inputs render fully during the same preview", async () => {
  const web = pod(k8s, "pv-known", { namespace: "web" });
  const policy = new np.NetworkPolicy("pv-known-policy", {
    selector: web,
    ingress: { default: np.NetworkPolicyTrafficDefault.ALLOW },
  });
  const got = await policies(registered, [policy.policy]);
  expect(got["pv-known-policy"]).toEqual({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "pv-known-policy", namespace: "web" },
    spec: { podSelector: { matchLabels: { app: "pv-known" } }, policyTypes: ["Ingress"], ingress: [{}] },
  });
});

it("connections with an unknown workload are named now and stay unknown", async () => {
  const api = deployment(k8s, "pv-conn-api", { namespace: "web" });
  const db = pod(k8s, "pv-conn-db", { namespace: "data", ports: [5432] });
  const created = np.connections(api).allowTo(db);
  expect(created.map((p) => pulumi.resourceName(p))).toEqual([
    "pv-conn-api-allow-egress-to-pv-conn-db",
    "pv-conn-db-allow-ingress-from-pv-conn-api",
  ]);
  const got = await policies(
    registered,
    created.map((p) => p.policy),
  );
  for (const name of Object.keys(got).filter((n) => n.startsWith("pv-conn-")))
    expect(pulumi.isUnknown(got[name]?.spec)).toBe(true);
  expect(registered.filter((r) => r.type === K8S_NETWORK_POLICY && r.name.startsWith("pv-conn-"))).toHaveLength(2);
});
