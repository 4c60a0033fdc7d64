// `netpol map`: who may talk to whom, from manifests, through core's connectivity engine and formatters.
import {
  analyzeConnectivity,
  type Diagnostic,
  diagnostic,
  FORMATTERS,
  namespaceManifest,
  type ObjectSource,
  type OutputFormat,
  readManifestPaths,
  renderConnections,
  renderExplanationsJson,
  renderExplanationsTxt,
} from "@netpol/core";
import { hasErrors, InputError, printDiagnostics } from "../diagnostics.js";
import { readStdin } from "../io/input.js";
import { readSpec } from "../spec/read.js";
import { SPEC_API_VERSION, SPEC_KIND } from "../spec/schema.js";

/** The output formats of `netpol map`. */
export const MAP_FORMATS = Object.keys(FORMATTERS) as OutputFormat[];

/** Options of `netpol map`. */
export interface MapOptions {
  /** The output format. */
  readonly format: OutputFormat;
  /** Only connections from or to these workloads (`name`, `namespace/name` or `namespace/name[Kind]`). */
  readonly focusWorkloads?: readonly string[];
  /** Say which policies and rules allow or deny each pair (txt and json only). */
  readonly explain?: boolean;
}

/** Runs `netpol map`. */
export function map(paths: readonly string[], options: MapOptions): void {
  if (options.explain && options.format !== "txt" && options.format !== "json")
    throw new InputError([
      diagnostic({
        code: "usage",
        path: "",
        message: "--explain writes txt or json only",
        expected: "-o txt or -o json",
      }),
    ]);
  const read = readManifestPaths(paths, paths.includes("-") ? { stdin: readStdin() } : {});
  if (hasErrors(read.diagnostics)) throw new InputError(read.diagnostics);
  const specs = objectsOfSpecs(read.objects, read.sources);
  if (hasErrors(specs.diagnostics)) throw new InputError([...read.diagnostics, ...specs.diagnostics]);
  const cluster = analyzeConnectivity({ objects: specs.objects, sources: read.sources });
  const diagnostics = [...read.diagnostics, ...specs.diagnostics, ...cluster.diagnostics];
  if (hasErrors(diagnostics)) throw new InputError(diagnostics);
  const focus = options.focusWorkloads ?? [];
  const focused = new Set<string>();
  for (const name of focus) {
    const hits = cluster.workloadsNamed(name);
    if (hits.length === 0)
      diagnostics.push(
        diagnostic({
          code: "focus-unknown",
          path: "",
          message: `no workload named "${name}"`,
          expected: "a workload name, namespace/name or namespace/name[Kind]",
        }),
      );
    for (const p of hits) focused.add(p.name);
  }
  if (hasErrors(diagnostics)) throw new InputError(diagnostics);
  const keep = (c: { src: string; dst: string }) => focus.length === 0 || focused.has(c.src) || focused.has(c.dst);
  let text: string;
  if (options.explain) {
    const explanations = cluster.explainAll().filter(keep);
    text = options.format === "json" ? renderExplanationsJson(explanations) : renderExplanationsTxt(explanations);
  } else text = renderConnections(cluster.connections().filter(keep), options.format);
  process.stdout.write(text.endsWith("\n") || text === "" ? text : `${text}\n`);
  printDiagnostics(diagnostics);
}

/** Spec documents among the inputs become the objects they stand for: namespaces, workloads and policies. */
function objectsOfSpecs(
  objects: readonly unknown[],
  sources: ReadonlyMap<unknown, ObjectSource>,
): { objects: unknown[]; diagnostics: Diagnostic[] } {
  const out: unknown[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const value of objects) {
    const source = sources.get(value);
    const v = value as { apiVersion?: unknown; kind?: unknown };
    if (v.apiVersion !== SPEC_API_VERSION || v.kind !== SPEC_KIND || !source) {
      out.push(value);
      continue;
    }
    const spec = readSpec(source, value);
    diagnostics.push(...spec.diagnostics);
    for (const [name, labels] of spec.namespaces) out.push(namespaceManifest(name, labels));
    for (const workload of spec.workloads.values()) out.push(workload.toManifest());
    for (const policy of spec.policies) out.push(policy.toManifest());
  }
  return { objects: out, diagnostics };
}
