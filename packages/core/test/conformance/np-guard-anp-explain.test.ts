// One test per `explain` variant of the np-guard-anp scenarios (AdminNetworkPolicy and BaselineAdminNetworkPolicy
// rules named as the reference names them): the txt explanation equals the reference's, line for line.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import { txtFormatter } from "../../src/format/txt.js";
import { readManifestPaths } from "../../src/manifests/files.js";
import { conformanceDir, hasConformance } from "./paths.js";

const root = join(conformanceDir, "np-guard-anp");

interface Variant {
  mode: string;
  format: string;
  expected_file: string;
  focusConn?: string;
  explainOnly?: "allow" | "deny";
  focusWorkloads?: string[];
  multipleNetworks?: boolean;
}

interface Case {
  name: string;
  scenario: string;
  variant: Variant;
  expected: string;
}

/** Every txt explain variant of every scenario, with its expected text. */
function cases(): Case[] {
  if (!hasConformance) return [];
  return readdirSync(root)
    .sort()
    .flatMap((scenario) => {
      const meta = JSON.parse(readFileSync(join(root, scenario, "meta.json"), "utf8")) as { variants?: Variant[] };
      return (meta.variants ?? [])
        .filter((v) => v.mode === "explain" && v.format === "txt" && v.multipleNetworks !== true)
        .map((variant) => ({
          name: variant.expected_file,
          scenario,
          variant,
          expected: readFileSync(join(root, scenario, "expected", variant.expected_file), "utf8"),
        }));
    });
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
function explained(c: Case): string {
  const read = readManifestPaths([join(root, c.scenario, "manifests")]);
  const map = analyzeConnectivity({ objects: read.objects });
  return txtFormatter.explanations(map.explainAll({ only: c.variant.explainOnly, conn: c.variant.focusConn }));
}
