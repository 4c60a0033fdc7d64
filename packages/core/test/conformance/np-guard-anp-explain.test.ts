import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import { txtFormatter } from "../../src/format/txt.js";
import { readManifestPaths } from "../../src/manifests/files.js";
import { conformanceDir, hasConformance } from "./paths.js";
import { type ScenarioCase, scenarioCases } from "./variants.js";

const root = join(conformanceDir, "np-guard-anp");

/** Every txt explain variant of every scenario, with its expected text. */
function cases(): ScenarioCase[] {
  return hasConformance
    ? scenarioCases(root, (v) => v.mode === "explain" && v.format === "txt" && v.multipleNetworks !== true)
    : [];
}

const all = cases();

describe.skipIf(!hasConformance)("np-guard-anp explain conformance", () => {
  it("finds the explain variants", () => {
    expect(all.length).toBeGreaterThanOrEqual(3);
  });

  it.each(all.map((c) => [c.name, c] as const))("%s", (_, c) => {
    expect(c.variant.focusWorkloads).toBeUndefined();
    const read = readManifestPaths([join(root, c.scenario, "manifests")]);
    expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const map = analyzeConnectivity({ objects: read.objects });
    expect(map.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(explained(c)).toBe(c.expected);
  });
});

/** The report of a variant, as netpol writes it. */
function explained(c: ScenarioCase): string {
  const read = readManifestPaths([join(root, c.scenario, "manifests")]);
  const map = analyzeConnectivity({ objects: read.objects });
  return txtFormatter.explanations(map.explainAll({ only: c.variant.explainOnly, conn: c.variant.focusConn }));
}
