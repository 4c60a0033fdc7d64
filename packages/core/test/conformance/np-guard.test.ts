// Every `connlist` variant of every np-guard scenario (meta.json → variants), as txt and json, focus options included,
// `{ingress-controller}` lines included; read from ../shared/conformance at test time.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity, type ConnectivityMap } from "../../src/engine/analyze.js";
import { formatConnectionSet } from "../../src/engine/connection-set.js";
import { jsonFormatter } from "../../src/format/json.js";
import { txtFormatter } from "../../src/format/txt.js";
import { readManifestPaths } from "../../src/manifests/files.js";
import { conformanceDir, hasConformance } from "./paths.js";
import { focusOf, type ScenarioVariant, scenarioMeta, scenarioNames } from "./variants.js";

const root = join(conformanceDir, "np-guard");
const scenarios = hasConformance ? scenarioNames(root) : [];

const metaOf = (name: string) => scenarioMeta(root, name);

/** The connlist variants of every scenario, as test rows. */
const variants = scenarios.flatMap((name) =>
  metaOf(name)
    .variants.filter((v) => v.mode === "connlist")
    .map((v) => ({ name, variant: v, title: `${name}: ${v.expected_file}` })),
);

/**
 * Objects netpol leaves out of the analysis where the reference reads them: a misspelled field (`containerport`) is
 * an error to netpol (the API server would drop it), while Go's decoder ignores it. The lists match all the same.
 */
const KNOWN_ERRORS: Readonly<Record<string, readonly string[]>> = {
  netpol_named_port_test: ["Deployment helloworld/pod-a: unknown-key", "Deployment helloworld/pod-a: missing-key"],
};

/** The map of each scenario, analysed once, as roxctl would (no pod matched by IP). */
const maps = new Map<string, ConnectivityMap>();
function mapOf(name: string): ConnectivityMap {
  let map = maps.get(name);
  if (!map) {
    const read = readManifestPaths([join(root, name, "manifests")]);
    expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    map = analyzeConnectivity({ objects: read.objects, sources: read.sources, podIpMatch: false });
    const errors = map.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.subject}: ${d.code}`);
    expect(errors).toEqual(KNOWN_ERRORS[name] ?? []);
    maps.set(name, map);
  }
  return map;
}

/** Options of a connlist variant that netpol does not offer, with the reason (none so far). */
const UNOFFERED: readonly (keyof ScenarioVariant)[] = [];

describe.skipIf(!hasConformance)("np-guard conformance: every connlist variant", () => {
  it("has connlist variants to run", () => {
    expect(variants.length).toBeGreaterThan(0);
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
      if (v.format === "json") {
        expect(jsonFormatter.connections(connections)).toBe(JSON.stringify(JSON.parse(text), null, 2));
      } else {
        const lines = text.split("\n").filter((l) => l !== "");
        expect(txtFormatter.connections(connections)).toBe(lines.map((l) => `${l}\n`).join(""));
      }
    });
  }

  it.each(scenarios)("%s: the explain path agrees with the list on every listed pair", (name) => {
    const map = mapOf(name);
    for (const c of map.connections()) {
      expect(formatConnectionSet(map.explain(c.src, c.dst).conn), `${c.src} => ${c.dst}`).toBe(
        formatConnectionSet(c.conn),
      );
      expect(formatConnectionSet(map.allowed(c.src, c.dst)), `${c.src} => ${c.dst}`).toBe(formatConnectionSet(c.conn));
    }
  });
});

// netpol-analyzer's diff inputs hold a tab inside a flow sequence (go-yaml reads it as white space).
const addedWorkloads = join(conformanceDir, "np-guard-diff", "_inputs", "acs-security-demos-added-workloads");
describe.skipIf(!existsSync(addedWorkloads))("np-guard YAML as Go reads it", () => {
  it("reads acs-security-demos-added-workloads without errors", () => {
    const read = readManifestPaths([addedWorkloads]);
    expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const map = analyzeConnectivity({ objects: read.objects, sources: read.sources });
    expect(map.connections().some((c) => c.src === "{ingress-controller}")).toBe(true);
  });
});
