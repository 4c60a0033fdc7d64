// Every `connlist` variant of every np-guard-anp scenario (AdminNetworkPolicy → NetworkPolicy →
// BaselineAdminNetworkPolicy → allow; meta.json → variants), as txt and json, focus options included, line for line.
// Variants of user-defined networks (multipleNetworks) are named as skipped: netpol does not model them. Exposure and
// explain variants are other commands' outputs (netpol's explanations have a format of their own).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity, type ConnectivityMap } from "../../src/engine/analyze.js";
import { formatConnectionSet } from "../../src/engine/connection-set.js";
import { jsonFormatter } from "../../src/format/json.js";
import { txtFormatter } from "../../src/format/txt.js";
import { readManifestPaths } from "../../src/manifests/files.js";
import { conformanceDir, hasConformance } from "./paths.js";
import { focusOf, type ScenarioVariant, scenarioMeta, scenarioNames } from "./variants.js";

const root = join(conformanceDir, "np-guard-anp");
const scenarios = hasConformance ? scenarioNames(root) : [];

const metaOf = (name: string) => scenarioMeta(root, name);

/** The connlist variants of every scenario, as test rows. */
const variants = scenarios.flatMap((name) =>
  metaOf(name)
    .variants.filter((v) => v.mode === "connlist")
    .map((v) => ({ name, variant: v, title: `${name}: ${v.expected_file}` })),
);

/** The map of each scenario, analysed once, as roxctl would (no pod matched by IP). */
const maps = new Map<string, ConnectivityMap>();
function mapOf(name: string): ConnectivityMap {
  let map = maps.get(name);
  if (!map) {
    const read = readManifestPaths([join(root, name, "manifests")]);
    expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    map = analyzeConnectivity({ objects: read.objects, sources: read.sources, podIpMatch: false });
    expect(map.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    maps.set(name, map);
  }
  return map;
}

/** Options of a connlist variant that netpol does not offer: user-defined networks (a list per network). */
const UNOFFERED: readonly (keyof ScenarioVariant)[] = ["multipleNetworks"];

describe.skipIf(!hasConformance)("np-guard-anp conformance: every connlist variant", () => {
  it("has connlist variants to run: every scenario with a primary list has one", () => {
    expect(variants.length).toBeGreaterThanOrEqual(70);
    for (const name of scenarios)
      if (metaOf(name).primary_expected.txt !== undefined)
        expect(
          variants.some((v) => v.name === name),
          name,
        ).toBe(true);
  });

  for (const { name, variant: v, title } of variants) {
    const unoffered = UNOFFERED.filter((k) => v[k] !== undefined);
    if (unoffered.length > 0) {
      it.skip(`${title} (needs ${unoffered.join(", ")}, which netpol does not offer)`, () => {});
      continue;
    }
    it(title, () => {
      const view = mapOf(name).focus(focusOf(v));
      expect(view.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const connections = view.connections();
      const text = readFileSync(join(root, name, "expected", v.expected_file), "utf8");
      if (v.focusConn !== undefined) {
        // roxctl lists the pairs under a heading and without their (focused) connection: netpol prints each pair's
        // connection, which must be exactly the focused one.
        const [protocol, port] = v.focusConn.split("-") as [string, string];
        const focused = `${protocol.toUpperCase()} ${port}`;
        for (const c of connections) expect(formatConnectionSet(c.conn), `${c.src} => ${c.dst}`).toBe(focused);
        const pairs = connections.map((c) => ({ src: c.src, dst: c.dst }));
        if (v.format === "json") expect(pairs).toEqual(JSON.parse(text));
        else
          expect([`Permitted connections on ${focused}:`, ...pairs.map((c) => `${c.src} => ${c.dst}`)]).toEqual(
            text.split("\n").filter((l) => l !== ""),
          );
      } else if (v.format === "json") {
        expect(jsonFormatter.connections(connections)).toBe(JSON.stringify(JSON.parse(text), null, 2));
      } else {
        const lines = text.split("\n").filter((l) => l !== "");
        expect(txtFormatter.connections(connections)).toBe(lines.map((l) => `${l}\n`).join(""));
      }
    });
  }

  const analysed = scenarios.filter((name) => !metaOf(name).variants.some((v) => v.multipleNetworks));
  it.each(analysed)("%s: the explain path agrees with the list on every listed pair", (name) => {
    const map = mapOf(name);
    for (const c of map.connections()) {
      expect(formatConnectionSet(map.explain(c.src, c.dst).conn), `${c.src} => ${c.dst}`).toBe(
        formatConnectionSet(c.conn),
      );
      expect(formatConnectionSet(map.allowed(c.src, c.dst)), `${c.src} => ${c.dst}`).toBe(formatConnectionSet(c.conn));
    }
  });
});
