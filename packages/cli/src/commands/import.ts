// `netpol import`: existing NetworkPolicy manifests → a spec that generates the same policies.
import { type Diagnostic, diagnostic, isNetpolError, NetworkPolicy } from "@netpol/core";
import { hasErrors, InputError, printDiagnostics } from "../diagnostics.js";
import { isNetworkPolicyObject, type ManifestObject, readManifests } from "../io/manifests.js";
import { writeOutput } from "../io/output.js";
import { positionOf } from "../spec/source.js";
import { specFromPolicies, specToYaml } from "../spec/write.js";

/** Options of `netpol import`. */
export interface ImportOptions {
  /** Where the spec goes; default stdout. */
  readonly output?: string;
  /** Report skipped objects too. */
  readonly verbose?: boolean;
}

function objectName(o: ManifestObject): string {
  const meta = (o.value.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const name = typeof meta.name === "string" ? meta.name : "(unnamed)";
  return typeof meta.namespace === "string" ? `${meta.namespace}/${name}` : name;
}

function located(o: ManifestObject, d: Pick<Diagnostic, "path">): Pick<Diagnostic, "file" | "line" | "column"> {
  const { line, column } = positionOf(o.source, o.path, { rest: d.path });
  return { file: o.source.file, line, column };
}

/** Reads manifests and returns the spec text of their NetworkPolicies, or throws an InputError. */
export function specTextFromManifests(
  paths: readonly string[],
  verbose = false,
): { text: string; diagnostics: Diagnostic[] } {
  const { objects, diagnostics } = readManifests(paths);
  const policies: { policy: NetworkPolicy; where: Pick<Diagnostic, "file" | "line" | "column"> }[] = [];
  for (const o of objects) {
    const what = `${o.value.kind} ${objectName(o)}`;
    if (!isNetworkPolicyObject(o)) {
      if (verbose)
        diagnostics.push(
          diagnostic({
            severity: "warning",
            code: "skipped",
            path: "",
            message: `skipped ${what}`,
            ...located(o, { path: "" }),
          }),
        );
      continue;
    }
    try {
      const policy = NetworkPolicy.fromManifest(o.value);
      policies.push({ policy, where: located(o, { path: "" }) });
      for (const w of policy.warnings) diagnostics.push({ ...w, message: `${what}: ${w.message}`, ...located(o, w) });
    } catch (e) {
      if (!isNetpolError(e)) throw e;
      for (const d of e.diagnostics) {
        const field = d.path ? `${d.path}: ` : "";
        diagnostics.push({ ...d, message: `${what}: ${field}${d.message}`, ...located(o, d) });
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
