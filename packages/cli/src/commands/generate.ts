// `netpol generate`: spec files → NetworkPolicy YAML, on stdout, in one file, or one file per policy.
import { join } from "node:path";
import { type Diagnostic, diagnostic, type NetworkPolicyManifest, toYaml } from "@netpol/core";
import { hasErrors, InputError, printDiagnostics } from "../diagnostics.js";
import { readInput } from "../io/input.js";
import { isDirectoryTarget, writeFilesAtomic, writeOutput } from "../io/output.js";
import { readSpec } from "../spec/read.js";
import { parseSpecText } from "../spec/source.js";

/** Options of `netpol generate`. */
export interface GenerateOptions {
  /** A file, or a directory for one file per policy; default stdout. */
  readonly output?: string;
}

/** Reads every spec file and returns the manifests, or throws an InputError listing every problem. */
export function manifestsFromSpecs(files: readonly string[]): {
  manifests: NetworkPolicyManifest[];
  warnings: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const manifests: NetworkPolicyManifest[] = [];
  for (const file of files) {
    const input = readInput(file);
    if ("diagnostic" in input) {
      diagnostics.push(input.diagnostic);
      continue;
    }
    const parsed = parseSpecText(input.text, file);
    diagnostics.push(...parsed.diagnostics);
    parsed.sources.forEach((source, i) => {
      const result = readSpec(source, parsed.values[i]);
      diagnostics.push(...result.diagnostics);
      manifests.push(...result.policies.map((p) => p.toManifest()));
    });
  }
  if (hasErrors(diagnostics)) throw new InputError(diagnostics);
  return { manifests, warnings: diagnostics };
}

/** The file a policy goes to in directory mode: `<namespace>.<name>.yaml`, or `<name>.yaml` without namespace. */
export function policyFileName(m: NetworkPolicyManifest): string {
  return `${m.metadata.namespace ? `${m.metadata.namespace}.` : ""}${m.metadata.name}.yaml`;
}

/** Runs `netpol generate`. */
export function generate(files: readonly string[], options: GenerateOptions): void {
  const { manifests, warnings } = manifestsFromSpecs(files);
  const target = options.output;
  if (target !== undefined && target !== "-" && isDirectoryTarget(target)) {
    const out = new Map<string, string>();
    const clashes: Diagnostic[] = [];
    for (const m of manifests) {
      const name = policyFileName(m);
      if (out.has(name))
        clashes.push(
          diagnostic({
            code: "duplicate-policy",
            path: "",
            message: `two policies are named ${m.metadata.namespace ?? ""}${m.metadata.namespace ? "/" : ""}${m.metadata.name}`,
            expected: "unique names per namespace",
            file: join(target, name),
          }),
        );
      out.set(name, toYaml([m]));
    }
    if (clashes.length > 0) throw new InputError([...warnings, ...clashes]);
    writeFilesAtomic(target, out);
  } else {
    writeOutput(toYaml(manifests), target);
  }
  printDiagnostics(warnings);
}
