// One test per np-guard-anp scenario (AdminNetworkPolicy → NetworkPolicy → BaselineAdminNetworkPolicy → allow): the
// primary expected connection list, as txt and as json, line for line; the explain path agrees on every listed pair.
// Scenarios with only exposure or explain lists (no primary one) and those of user-defined networks (multipleNetworks,
// a feature netpol does not model) are named as skipped.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import { formatConnectionSet } from "../../src/engine/connection-set.js";
import { jsonFormatter } from "../../src/format/json.js";
import { txtFormatter } from "../../src/format/txt.js";
import { readManifestPaths } from "../../src/manifests/files.js";
import { conformanceDir, hasConformance } from "./paths.js";

const root = join(conformanceDir, "np-guard-anp");

interface ScenarioMeta {
  primary_expected: { txt?: string; json?: string };
  variants: { multipleNetworks?: boolean }[];
}

const scenarios = hasConformance
  ? readdirSync(root)
      .sort()
      .map((name) => ({ name, meta: JSON.parse(readFileSync(join(root, name, "meta.json"), "utf8")) as ScenarioMeta }))
  : [];
const multipleNetworks = (m: ScenarioMeta) => m.variants.some((v) => v.multipleNetworks === true);
const primary = scenarios.filter((s) => s.meta.primary_expected.txt !== undefined && !multipleNetworks(s.meta));
const skipped = scenarios.filter((s) => !primary.includes(s));

describe.skipIf(!hasConformance)("np-guard-anp conformance", () => {
  it("covers every scenario with a primary list, and skips only those without one or with user-defined networks", () => {
    expect(primary.length).toBeGreaterThanOrEqual(39);
    for (const s of skipped)
      expect(s.meta.primary_expected.txt === undefined || multipleNetworks(s.meta), s.name).toBe(true);
  });

  it.each(primary.map((s) => [s.name, s.meta] as const))("%s", (name, meta) => {
    const dir = join(root, name);
    const read = readManifestPaths([join(dir, "manifests")]);
    expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const map = analyzeConnectivity({ objects: read.objects, sources: read.sources });
    expect(map.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const connections = map.connections();
    const txt = readFileSync(join(dir, meta.primary_expected.txt as string), "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => `${l}\n`)
      .join("");
    expect(txtFormatter.connections(connections)).toBe(txt);
    for (const c of connections)
      expect(formatConnectionSet(map.explain(c.src, c.dst).conn), `${c.src} => ${c.dst}`).toBe(
        formatConnectionSet(c.conn),
      );
    if (meta.primary_expected.json) {
      const json = JSON.parse(readFileSync(join(dir, meta.primary_expected.json), "utf8")) as unknown;
      expect(jsonFormatter.connections(connections)).toBe(JSON.stringify(json, null, 2));
    }
  });
});
