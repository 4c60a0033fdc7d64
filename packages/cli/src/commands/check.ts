// `netpol check`: the expectations of spec files (`expect:`) checked against the connectivity of the inputs (the
// specs and the manifests read with them), through core's engine and assertions. Exit 1 when one fails.
import { type Diagnostic, diagnostic, NetpolError } from "@netpol/core";
import {
  analyzeConnectivity,
  checkExpectations,
  type ExpectationResult,
  FORMATTERS,
  formatConnectionSet,
} from "@netpol/core/analysis";
import { positionOf, readManifestPaths } from "@netpol/core/manifests";
import { printDiagnostics, stopOnErrors } from "../diagnostics.js";
import { manifestReadOptions } from "../io/input.js";
import { writeStdout } from "../io/output.js";
import { placed } from "../spec/source.js";
import { objectsOfSpecs, type SpecExpectationSource } from "./map.js";

/** The output formats of `netpol check`. */
export const CHECK_FORMATS = ["txt", "json"] as const;

/** Options of `netpol check`. */
export interface CheckOptions {
  /** The output format. */
  readonly format: (typeof CHECK_FORMATS)[number];
  /** False to match no pod by IP in ipBlocks, as roxctl does. */
  readonly podIpMatch?: boolean;
}

/** Where an expectation was declared: `file:line:col`. */
function placeOf(e: SpecExpectationSource): { file: string; line: number; column: number } {
  const { line, column } = positionOf(e.document, e.path);
  return { file: e.document.file === "-" ? "<stdin>" : e.document.file, line, column };
}

/** A core diagnostic about expectation `[index, …]`, placed in its spec. */
function inSpec(d: Diagnostic, expectations: readonly SpecExpectationSource[]): Diagnostic {
  const [index, ...rest] = d.path;
  const e = typeof index === "number" ? expectations[index] : undefined;
  return e ? placed({ ...d, path: [...e.path, ...rest] }, e.document) : d;
}

/** The txt report: one line per expectation (a failure followed by its explanation), then the count. */
function txt(results: readonly ExpectationResult[], expectations: readonly SpecExpectationSource[]): string {
  const lines = results.map((r) => {
    const where = placeOf(expectations[r.index] as SpecExpectationSource);
    // A failure's message ends with its explanation: an empty line sets it apart from the next result.
    return `${r.ok ? "PASS" : "FAIL"} ${where.file}:${where.line}:${where.column}: ${r.message}\n${r.ok ? "" : "\n"}`;
  });
  const failed = results.filter((r) => !r.ok).length;
  const count = `${results.length} expectation${results.length === 1 ? "" : "s"}: ${results.length - failed} passed, ${failed} failed\n`;
  return `${lines.join("")}${count}`;
}

/** The JSON report: every result with its place, ports and (narrowed) explanation as `netpol map --explain -o json`. */
function json(results: readonly ExpectationResult[], expectations: readonly SpecExpectationSource[]): string {
  const failed = results.filter((r) => !r.ok).length;
  const list = results.map((r) => ({
    ...placeOf(expectations[r.index] as SpecExpectationSource),
    src: r.src,
    dst: r.dst,
    verdict: r.verdict,
    ports: formatConnectionSet(r.ports),
    ok: r.ok,
    wrong: formatConnectionSet(r.wrong),
    message: r.message,
    explanation: (JSON.parse(FORMATTERS.json.explanations([r.explanation])) as unknown[])[0],
  }));
  return `${JSON.stringify({ passed: results.length - failed, failed, results: list }, null, 2)}\n`;
}

/** Runs `netpol check`: prints every result; true when every expectation holds. */
export function check(paths: readonly string[], options: CheckOptions): boolean {
  const read = readManifestPaths(paths, manifestReadOptions(paths));
  stopOnErrors(read.diagnostics);
  const specs = objectsOfSpecs(read.objects, read.sources);
  const diagnostics = [...read.diagnostics, ...specs.diagnostics];
  stopOnErrors(diagnostics);
  if (specs.expectations.length === 0)
    throw new NetpolError([
      ...diagnostics,
      diagnostic("usage", [], {
        problem: `nothing to check: no spec among ${paths.join(" ")} has expectations`,
        expected: "a spec file with an expect: list, e.g. expect: [{ from: frontend, to: api, allow: tcp/8000 }]",
      }),
    ]);
  const map = analyzeConnectivity({
    objects: specs.objects,
    sources: specs.sources,
    podIpMatch: options.podIpMatch !== false,
  });
  diagnostics.push(...map.diagnostics);
  stopOnErrors(diagnostics);
  const report = checkExpectations(
    map,
    specs.expectations.map((e) => e.expectation),
  );
  diagnostics.push(...report.diagnostics.map((d) => inSpec(d, specs.expectations)));
  stopOnErrors(diagnostics);
  const render = options.format === "json" ? json : txt;
  writeStdout(render(report.results, specs.expectations));
  printDiagnostics(diagnostics);
  return report.failures.length === 0;
}
