// The example app: synthesizes, every object passes the Kubernetes schema, the policies allow exactly the
// intended connections, and the output is unchanged (committed snapshot).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeConnectivity, lint } from "@netpol/core/analysis";
import { Testing } from "cdk8s";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { networkPolicyProblems } from "../../../test-support/schema.js";
import { buildApp } from "../src/app.js";

const MODELS: Record<string, new (o: never) => { validate(): void }> = {
  Deployment,
  StatefulSet,
  NetworkPolicy,
  Namespace,
  Service,
};

describe("example: cdk8s app", () => {
  const { app, chart } = buildApp();
  const objects = Testing.synth(chart) as { kind: string; metadata: { name: string } }[];

  it("validates every object against the Kubernetes schema", () => {
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) {
      const Model = MODELS[o.kind];
      expect(Model, `no schema for ${o.kind}`).toBeDefined();
      expect(() => new (Model as NonNullable<typeof Model>)(o as never).validate(), o.metadata.name).not.toThrow();
      if (o.kind === "NetworkPolicy") expect(networkPolicyProblems(o)).toEqual([]);
    }
    expect(objects.filter((o) => o.kind === "NetworkPolicy")).toHaveLength(8);
  });

  it("allows exactly frontend -> api -> postgres and redis, on their container ports", () => {
    const map = analyzeConnectivity({ objects });
    expect(map.canReach("web/frontend", "web/api", { port: 9000, protocol: "TCP" })).toBe(true);
    expect(map.canReach("web/api", "data/postgres", { port: 5432, protocol: "TCP" })).toBe(true);
    expect(map.canReach("web/api", "data/redis", { port: 6379, protocol: "TCP" })).toBe(true);
    expect(map.canReach("web/api", "data/redis", { port: 6380, protocol: "TCP" })).toBe(false);
    expect(map.canReach("web/frontend", "data/postgres")).toBe(false);
    expect(map.canReach("web/frontend", "data/redis")).toBe(false);
    expect(map.canReach("data/redis", "data/postgres")).toBe(false);
    expect(map.canReach("web/api", "web/frontend")).toBe(false);
  });

  it("is lint-clean: not even an info finding", () => {
    expect(lint(objects).findings).toEqual([]);
  });

  it("writes dist/*.k8s.yaml like the synth script, unchanged from the committed snapshot", async () => {
    const outdir = mkdtempSync(join(tmpdir(), "netpol-cdk8s-app-"));
    try {
      const built = buildApp(outdir);
      built.app.synth();
      const yaml = readFileSync(join(outdir, "shop.k8s.yaml"), "utf8");
      expect(yaml).toBe(app.synthYaml());
      await expect(yaml).toMatchFileSnapshot("./__snapshots__/shop.k8s.yaml");
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
