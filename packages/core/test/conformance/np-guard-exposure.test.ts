// Exposure analysis against netpol-analyzer's goldens: every case of np-guard-exposure/ and every `exposure` variant
// of np-guard/*/meta.json, in each format the case has, read at test time from the shared conformance data.
//
// Comparison: upstream deletes every `\n` and `\r` before comparing; ours is byte for byte (txt, json, csv, md),
// except that an empty exposure list is `[]` in our json where roxctl writes `null` (normalised before comparing).
// dot: our graph has the map's style (node ids, clusters, no weights), so the edges are compared: their ends (the
// reference's representative node `pods_in_namespaces` read as our `namespaces/[pods]`), label and dashed style.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import type { FocusOptions } from "../../src/engine/focus.js";
import { EXPOSURE_FORMATTERS, explainedExposure } from "../../src/format/exposure.js";
import { FORMATTERS } from "../../src/format/index.js";
import type { OutputFormat } from "../../src/format/types.js";
import { readManifestPaths } from "../../src/manifests/files.js";
import { conformanceDir, hasConformance } from "./paths.js";
import { focusOf } from "./variants.js";

/** One golden to reproduce. */
interface Variant {
  readonly name: string;
  readonly input: string;
  readonly format: OutputFormat;
  readonly expected: string;
  readonly focus: FocusOptions;
  /** An explain-exposure variant: the explanations, then the exposure section. */
  readonly explain?: boolean;
  readonly skip?: string;
}

interface CaseOptions {
  focusWorkloads?: string[];
  focusWorkloadPeers?: string[];
  focusDirection?: string;
  focusConn?: string;
}

const FORMATS = new Set<string>(["txt", "json", "csv", "md", "dot"]);
function exposureCases(): Variant[] {
  const root = join(conformanceDir, "np-guard-exposure");
  const out: Variant[] = [];
  for (const name of readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "_inputs")
    .map((d) => d.name)
    .sort()) {
    const meta = JSON.parse(readFileSync(join(root, name, "meta.json"), "utf8")) as {
      dir: { path: string };
      options: CaseOptions;
      expected: Record<string, { file?: string }>;
    };
    const input = join(root, meta.dir.path);
    for (const [format, { file }] of Object.entries(meta.expected)) {
      if (!file || !FORMATS.has(format)) continue;
      out.push({
        name: `${name} [${format}]`,
        input,
        format: format as OutputFormat,
        expected: join(root, name, file),
        focus: focusOf(meta.options),
      });
    }
  }
  return out;
}

function scenarioVariants(): Variant[] {
  const root = join(conformanceDir, "np-guard");
  const out: Variant[] = [];
  for (const name of readdirSync(root).sort()) {
    const meta = JSON.parse(readFileSync(join(root, name, "meta.json"), "utf8")) as {
      variants?: (CaseOptions & { mode: string; format: string; expected_file: string })[];
    };
    for (const v of meta.variants ?? []) {
      if (v.mode !== "exposure" && v.mode !== "explain-exposure") continue;
      const input = join(root, name, "manifests");
      out.push({
        name: `np-guard/${v.expected_file}`,
        input,
        format: v.format as OutputFormat,
        expected: join(root, name, "expected", v.expected_file),
        focus: focusOf(v),
        ...(v.mode === "explain-exposure" ? { explain: true } : {}),
      });
    }
  }
  return out;
}

const variants = hasConformance ? [...exposureCases(), ...scenarioVariants()] : [];

function produce(v: Variant): string {
  const read = readManifestPaths([v.input]);
  expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const map = analyzeConnectivity({ objects: read.objects, sources: read.sources });
  const report = map.exposure(v.focus);
  if (!v.explain) return EXPOSURE_FORMATTERS[v.format].exposure(report);
  const explanations = FORMATTERS[v.format].explanations(map.explainAll({ conn: v.focus.conn }));
  return explainedExposure(v.format, explanations, report) ?? "(no explained exposure in this format)";
}

/** roxctl writes an empty list as `null`; ours is `[]`. */
const nullsAsLists = (json: string) => json.replace(/: null(,?)$/gm, ": []$1");

/** The edges of a DOT graph: ends, label and whether dashed, with the reference's representative ids read as ours. */
function dotEdges(dot: string): string[] {
  const node = (id: string) => {
    const m = /^(all pods|pod with \{.*\})_in_(.*)$/.exec(id);
    if (!m) return id;
    const ns = m[2] as string;
    const bracketed = ns === "all namespaces" || ns.startsWith("namespace with {");
    return `${bracketed ? `[${ns}]` : ns}/[${m[1]}]`;
  };
  const edges: string[] = [];
  for (const line of dot.split("\n")) {
    const m = /^\t"(.*?)" -> "(.*?)" \[(?:label="(.*?)" )?.*?\]$/.exec(line);
    if (m)
      edges.push(
        `${node(m[1] as string)} -> ${node(m[2] as string)} : ${m[3]}${/style="?dashed/.test(line) ? " (dashed)" : ""}`,
      );
  }
  return edges.sort();
}

function check(v: Variant): void {
  const expected = readFileSync(v.expected, "utf8");
  const actual = produce(v);
  if (v.format === "dot") {
    const edges = dotEdges(expected);
    expect(edges.length, "edges read from the golden").toBeGreaterThan(0);
    expect(dotEdges(actual)).toEqual(edges);
  } else if (v.format === "json") expect(actual).toBe(nullsAsLists(expected));
  else expect(actual).toBe(expected);
}

describe.skipIf(!hasConformance)("np-guard exposure conformance", () => {
  for (const v of variants) {
    if (v.skip) it.skip(`${v.name} — ${v.skip}`, () => {});
    else it(v.name, () => check(v));
  }
});
