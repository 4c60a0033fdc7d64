import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import { txtFormatter } from "../../src/format/txt.js";
import { readManifestPaths } from "../../src/manifests/files.js";
import { conformanceDir, hasConformance } from "./paths.js";
import { type ScenarioCase, scenarioCases } from "./variants.js";

const root = join(conformanceDir, "np-guard");

/** Every txt explain variant of every scenario, with its expected text. */
function cases(): ScenarioCase[] {
  return hasConformance ? scenarioCases(root, (v) => v.mode === "explain" && v.format === "txt") : [];
}

/**
 * The objects as the reference reads them: Go's encoding/json matches keys case-insensitively, so it reads the
 * `containerport` of netpol_named_port_test as `containerPort`. Kubernetes and netpol refuse that key (the object is
 * left out, with an error); the variant is compared on the object the reference analysed.
 */
function asGoReadsIt(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asGoReadsIt);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k === "containerport" ? "containerPort" : k, asGoReadsIt(v)]),
  );
}

const all = cases();

describe.skipIf(!hasConformance)("np-guard explain conformance", () => {
  it("finds the explain variants", () => {
    expect(all.length).toBeGreaterThanOrEqual(7);
  });

  it.each(all.map((c) => [c.name, c] as const))("%s", (_, c) => {
    expect(c.variant.focusWorkloads).toBeUndefined();
    const read = readManifestPaths([join(root, c.scenario, "manifests")]);
    expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const map = analyzeConnectivity({ objects: read.objects.map(asGoReadsIt) });
    expect(map.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(explained(c)).toBe(c.expected);
  });

  it("warns where the reference warns: a named port the destination does not define", () => {
    const dir = join(root, "netpol_named_port_test", "manifests");
    const map = analyzeConnectivity({ objects: readManifestPaths([dir]).objects.map(asGoReadsIt) });
    expect(map.diagnostics.filter((d) => d.code === "named-port-undefined").map((d) => d.args)).toEqual([
      {
        port: "UDP newport",
        policy: "helloworld/enable-ingress-from-named-port",
        workloads: "helloworld/pod-a[Deployment]",
      },
    ]);
  });
});

/** The report of a variant, as netpol writes it. */
function explained(c: ScenarioCase): string {
  const read = readManifestPaths([join(root, c.scenario, "manifests")]);
  const map = analyzeConnectivity({ objects: read.objects.map(asGoReadsIt) });
  return txtFormatter.explanations(map.explainAll({ only: c.variant.explainOnly, conn: c.variant.focusConn }));
}
