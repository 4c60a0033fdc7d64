// `netpol report`: one self-contained HTML page of the connectivity of manifests and spec files: matrix, graph,
// explanations, filters, findings and, with `--diff OLD`, the changes. Core builds the data and the page; this
// command reads the inputs, as `netpol map` and `netpol diff` do, and writes the file atomically.

import GRAPH_LIBRARY from "netpol:graph-library";
import { type Diagnostic, diagnostic, NetpolError, show } from "@netpol/core";
import {
  analyzeConnectivity,
  type ConnectivityMap,
  DEFAULT_EXPLAIN_LIMIT,
  diffConnectivity,
  reportData,
  reportHtml,
} from "@netpol/core/analysis";
import { readManifestPaths } from "@netpol/core/manifests";
import { diagnosticLines, printDiagnostics, stopOnErrors } from "../diagnostics.js";
import { manifestReadOptions } from "../io/input.js";
import { writeOutput } from "../io/output.js";
import { about } from "./diff.js";
import { objectsOfSpecs } from "./map.js";

/** Options of `netpol report`. */
export interface ReportCommandOptions {
  /** The HTML file to write (`-` for stdout). */
  readonly output: string;
  /** An old input (file, directory or spec file) whose connectivity the report compares with. */
  readonly diff?: string;
  /** The most pairs explained, as given on the command line (default `DEFAULT_EXPLAIN_LIMIT`). */
  readonly explainLimit?: string;
  /** False to match no pod by IP in ipBlocks, as roxctl does. */
  readonly podIpMatch?: boolean;
}

/** `--explain-limit` as a whole number of pairs; a usage error otherwise. */
export function parseExplainLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_EXPLAIN_LIMIT;
  if (/^\d{1,9}$/.test(text)) return Number(text);
  throw new NetpolError([
    diagnostic("usage", [], {
      problem: `--explain-limit ${show(text)}`,
      expected: "a whole number of pairs, such as 2000 (0 explains none)",
    }),
  ]);
}

/** Reads inputs and analyses them; diagnostics name `label` when they have no file of their own. */
function analyse(
  paths: readonly string[],
  label: string | undefined,
  podIpMatch: boolean,
): { map: ConnectivityMap | undefined; diagnostics: Diagnostic[] } {
  const read = readManifestPaths(paths, manifestReadOptions(paths));
  const specs = objectsOfSpecs(read.objects, read.sources);
  const named = (ds: readonly Diagnostic[]) => (label === undefined ? [...ds] : ds.map(about(label)));
  const diagnostics = named([...read.diagnostics, ...specs.diagnostics]);
  if (diagnostics.some((d) => d.severity === "error")) return { map: undefined, diagnostics };
  const map = analyzeConnectivity({ objects: specs.objects, sources: specs.sources, podIpMatch });
  return { map, diagnostics: [...diagnostics, ...named(map.diagnostics)] };
}

/** Runs `netpol report`. */
export function report(paths: readonly string[], options: ReportCommandOptions): void {
  const explainLimit = parseExplainLimit(options.explainLimit);
  const podIpMatch = options.podIpMatch !== false;
  const now = analyse(paths, undefined, podIpMatch);
  const old = options.diff === undefined ? undefined : analyse([options.diff], options.diff, podIpMatch);
  const diagnostics = [...now.diagnostics, ...(old?.diagnostics ?? [])];
  stopOnErrors(diagnostics);
  if (now.map === undefined) throw new Error("the input was not analysed");
  let diff: ReturnType<typeof diffConnectivity> | undefined;
  if (old?.map !== undefined && options.diff !== undefined) {
    diff = diffConnectivity(old.map, now.map, { refNames: [options.diff, paths.join(" ")] });
    const label = options.diff;
    for (const d of diff.diagnostics) diagnostics.push(d.args.side === "old" ? about(label)(d) : d);
  }
  const data = reportData(now.map, {
    title: paths.join(" "),
    explainLimit,
    ...(diff ? { diff } : {}),
    warnings: diagnosticLines(diagnostics.filter((d) => d.severity === "warning")),
  });
  if (data.explained.omitted > 0)
    diagnostics.push(
      diagnostic(
        "report-explanations-omitted",
        [],
        {
          omitted: data.explained.omitted,
          limit: explainLimit,
        },
        "warning",
      ),
    );
  writeOutput(reportHtml(data, { graphLibrary: GRAPH_LIBRARY }), options.output);
  printDiagnostics(diagnostics);
}
