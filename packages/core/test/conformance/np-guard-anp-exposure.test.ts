// Every `exposure` and `explain-exposure` variant of np-guard-anp/*/meta.json (AdminNetworkPolicy and
// BaselineAdminNetworkPolicy beside NetworkPolicy), compared line for line with its golden, read at test time from
// the shared conformance data. A variant whose golden the data does not hold is named as skipped.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import { EXPOSURE_FORMATTERS, explainedExposure } from "../../src/format/exposure.js";
import { FORMATTERS } from "../../src/format/index.js";
import type { OutputFormat } from "../../src/format/types.js";
import { readManifestPaths } from "../../src/manifests/files.js";
import { conformanceDir, hasConformance } from "./paths.js";
import { focusOf, type ScenarioVariant, scenarioMeta } from "./variants.js";

const root = join(conformanceDir, "np-guard-anp");

/** Known gaps: variants that do not pass yet, with why. */
const SKIPPED: Record<string, string> = {};

const variants = hasConformance
  ? readdirSync(root)
      .sort()
      .flatMap((name) =>
        scenarioMeta(root, name)
          .variants.filter((v) => v.mode === "exposure" || v.mode === "explain-exposure")
          .map((v) => ({ name, v, expected: join(root, name, "expected", v.expected_file) })),
      )
  : [];

function produce(name: string, v: ScenarioVariant): string {
  const read = readManifestPaths([join(root, name, "manifests")]);
  expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const map = analyzeConnectivity({ objects: read.objects, sources: read.sources });
  const focus = focusOf(v);
  const report = map.exposure(focus);
  expect(report.diagnostics.filter((d) => d.severity !== "error")).toEqual([]);
  const format = v.format as OutputFormat;
  if (v.mode === "exposure") return EXPOSURE_FORMATTERS[format].exposure(report);
  const explanations = FORMATTERS[format].explanations(map.explainAll({ conn: focus.conn }));
  return explainedExposure(format, explanations, report) ?? "(no explained exposure in this format)";
}

/** roxctl writes an empty list as `null`; ours is `[]`. */
const nullsAsLists = (json: string) => json.replace(/: null(,?)$/gm, ": []$1");

describe.skipIf(!hasConformance)("np-guard-anp conformance: every exposure variant", () => {
  it("has the exposure variants of the data (25 exposure, 9 explain-exposure)", () => {
    expect(variants.filter((x) => x.v.mode === "exposure").length).toBe(25);
    expect(variants.filter((x) => x.v.mode === "explain-exposure").length).toBe(9);
  });
  for (const { name, v, expected } of variants) {
    const title = `${name}: ${v.expected_file}`;
    const skip = existsSync(expected)
      ? SKIPPED[v.expected_file]
      : "its golden is not in the shared conformance data (np-guard-anp/<scenario>/expected/)";
    if (skip) {
      it.skip(`${title} — ${skip}`, () => {});
      continue;
    }
    it(title, () => {
      const actual = produce(name, v);
      const text = readFileSync(expected, "utf8");
      if (v.format === "json") expect(actual).toBe(nullsAsLists(text));
      else expect(actual).toBe(text);
    });
  }
});
