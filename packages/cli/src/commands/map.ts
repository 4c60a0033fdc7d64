// `netpol map`: who may talk to whom, from manifests and spec files, through core's engine and formatters.
import { diagnostic } from "@netpol/core";
import { analyzeConnectivity, FORMATTERS, type OutputFormat } from "@netpol/core/analysis";
import { printDiagnostics, stopOnErrors } from "../diagnostics.js";
import { readAnalysisInput } from "../io/objects.js";
import { writeStdout } from "../io/output.js";

/** The output formats of `netpol map`. */
export const MAP_FORMATS = Object.keys(FORMATTERS) as OutputFormat[];

/** Options of `netpol map`. */
export interface MapOptions {
  /** The output format. */
  readonly format: OutputFormat;
  /** Only connections from or to these workloads (`name`, `namespace/name` or `namespace/name[Kind]`). */
  readonly focusWorkloads?: readonly string[];
  /** Say which policies and rules allow or deny each pair. */
  readonly explain?: boolean;
}

/** Runs `netpol map`. */
export function map(paths: readonly string[], options: MapOptions): void {
  const input = readAnalysisInput(paths);
  const cluster = analyzeConnectivity({ objects: input.objects, sources: input.sources });
  const diagnostics = [...input.diagnostics, ...cluster.diagnostics];
  const focus = options.focusWorkloads ?? [];
  const focused = new Set<string>();
  for (const name of focus) {
    const hits = cluster.workloadsNamed(name);
    if (hits.length === 0) diagnostics.push(diagnostic("focus-unknown", [], { name }));
    for (const p of hits) focused.add(p.name);
  }
  stopOnErrors(diagnostics);
  const keep = (c: { src: string; dst: string }) => focus.length === 0 || focused.has(c.src) || focused.has(c.dst);
  const formatter = FORMATTERS[options.format];
  const text = options.explain
    ? formatter.explanations(cluster.explainAll().filter(keep))
    : formatter.connections(cluster.connections().filter(keep));
  writeStdout(text.endsWith("\n") || text === "" ? text : `${text}\n`);
  printDiagnostics(diagnostics);
}
