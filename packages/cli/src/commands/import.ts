// `netpol import`: existing NetworkPolicy manifests → a spec that generates the same policies.
import {
  classifyObject,
  type Diagnostic,
  describeObject,
  diagnostic,
  isNetpolError,
  locate,
  NetworkPolicy,
  type ObjectSource,
  objectDiagnostic,
  readManifestPaths,
  withPosition,
} from "@netpol/core";
import { hasErrors, InputError, printDiagnostics } from "../diagnostics.js";
import { readStdin } from "../io/input.js";
import { writeOutput } from "../io/output.js";
import { specFromPolicies, specToYaml } from "../spec/write.js";

/** Options of `netpol import`. */
export interface ImportOptions {
  /** Where the spec goes; default stdout. */
  readonly output?: string;
  /** Report skipped objects too. */
  readonly verbose?: boolean;
}

function where(source: ObjectSource | undefined): Pick<Diagnostic, "file" | "line" | "column"> {
  return source ? { file: source.file, ...locate(source) } : {};
}

/** Reads manifests and returns the spec text of their NetworkPolicies, or throws an InputError. */
export function specTextFromManifests(
  paths: readonly string[],
  verbose = false,
): { text: string; diagnostics: Diagnostic[] } {
  const read = readManifestPaths(paths, paths.includes("-") ? { stdin: readStdin() } : {});
  const diagnostics = [...read.diagnostics];
  const policies: { policy: NetworkPolicy; where: Pick<Diagnostic, "file" | "line" | "column"> }[] = [];
  for (const object of read.objects) {
    const o = object as Record<string, unknown>;
    const source = read.sources.get(object);
    const what = describeObject(o);
    if (classifyObject(o) !== "network-policy") {
      if (verbose)
        diagnostics.push(
          withPosition(
            diagnostic({ severity: "warning", code: "skipped", path: "", message: `skipped ${what}` }),
            source,
          ),
        );
      continue;
    }
    try {
      const policy = NetworkPolicy.fromManifest(o);
      policies.push({ policy, where: where(source) });
      // Warnings speak of the model's paths, not the manifest's: point at the object.
      for (const w of policy.warnings) diagnostics.push(objectDiagnostic({ ...w, path: "" }, o, source));
    } catch (e) {
      if (!isNetpolError(e)) throw e;
      for (const d of e.diagnostics) {
        diagnostics.push(objectDiagnostic(d, o, source));
      }
    }
  }
  if (policies.length === 0 && !hasErrors(diagnostics))
    diagnostics.push(
      diagnostic({
        severity: "warning",
        code: "no-policies",
        path: "",
        message: "no NetworkPolicy found in the input",
      }),
    );
  const { spec, diagnostics: unwritable } = specFromPolicies(policies);
  diagnostics.push(...unwritable);
  if (hasErrors(diagnostics)) throw new InputError(diagnostics);
  const from = paths.map((p) => (p === "-" ? "stdin" : p)).join(", ");
  return { text: specToYaml(spec, `Imported by netpol import from ${from}`), diagnostics };
}

/** Runs `netpol import`. */
export function importManifests(paths: readonly string[], options: ImportOptions): void {
  const { text, diagnostics } = specTextFromManifests(paths, options.verbose === true);
  writeOutput(text, options.output);
  printDiagnostics(diagnostics);
}
