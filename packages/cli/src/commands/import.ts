// `netpol import`: existing NetworkPolicy and cluster-wide policy manifests → a spec that generates the same policies.
import { type Diagnostic, diagnostic, hasErrors } from "@netpol/core";
import { positioned, readManifestPaths, readPolicies } from "@netpol/core/manifests";
import { printDiagnostics, stopOnErrors } from "../diagnostics.js";
import { manifestReadOptions } from "../io/input.js";
import { writeOutput } from "../io/output.js";
import { specFromPolicies, specToYaml } from "../spec/write.js";

/** Options of `netpol import`. */
export interface ImportOptions {
  /** Where the spec goes; default stdout. */
  readonly output?: string;
  /** Report skipped objects too. */
  readonly verbose?: boolean;
}

/** Reads manifests and returns the spec text of their NetworkPolicies, or throws a NetpolError. */
export function specTextFromManifests(
  paths: readonly string[],
  verbose = false,
): { text: string; diagnostics: Diagnostic[] } {
  const read = readManifestPaths(paths, manifestReadOptions(paths));
  const found = readPolicies(read);
  const diagnostics = [...read.diagnostics, ...found.diagnostics.filter((d) => verbose || d.code !== "skipped-kind")];
  if (verbose)
    for (const { object } of found.others)
      diagnostics.push(positioned(diagnostic("not-imported", [], {}, "warning"), object, read.sources.get(object)));
  // An empty input (an empty stdin, a failed `kubectl … |`) must not replace a good spec with an empty one.
  if (found.policies.length + found.clusterPolicies.length === 0 && !hasErrors(diagnostics))
    diagnostics.push(diagnostic("no-policies", [], {}));
  const { spec, diagnostics: unwritable } = specFromPolicies(found.policies, found.clusterPolicies);
  diagnostics.push(...unwritable);
  stopOnErrors(diagnostics);
  const from = paths.map((p) => (p === "-" ? "stdin" : p)).join(", ");
  return { text: specToYaml(spec, `Imported by netpol import from ${from}`), diagnostics };
}

/** Runs `netpol import`. */
export function importManifests(paths: readonly string[], options: ImportOptions): void {
  const { text, diagnostics } = specTextFromManifests(paths, options.verbose === true);
  writeOutput(text, options.output);
  printDiagnostics(diagnostics);
}
