// `netpol generate`: spec files → NetworkPolicy (and cluster-wide policy) YAML, on stdout, in one file, or one file per
// policy.
import {
  type ClusterPolicyManifest,
  type Diagnostic,
  diagnostic,
  type NetworkPolicyManifest,
  toYaml,
} from "@netpol/core";
import { positionOf } from "@netpol/core/manifests";
import { printDiagnostics, stopOnErrors } from "../diagnostics.js";
import { readInput } from "../io/input.js";
import { isDirectoryTarget, writeFilesAtomic, writeOutput } from "../io/output.js";
import { readSpec } from "../spec/read.js";
import { readSpecText, type SpecSource } from "../spec/source.js";

/** Options of `netpol generate`. */
export interface GenerateOptions {
  /** A file, or a directory for one file per policy; default stdout. */
  readonly output?: string;
}

/** Reads every spec file and returns the manifests, or throws a NetpolError listing every problem. */
export function manifestsFromSpecs(files: readonly string[]): {
  manifests: (NetworkPolicyManifest | ClusterPolicyManifest)[];
  warnings: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const manifests: (NetworkPolicyManifest | ClusterPolicyManifest)[] = [];
  // Policies of the same name from different documents would replace each other when applied, as within one.
  const named = new Map<string, { source: SpecSource; path: readonly (string | number)[] }>();
  for (const file of files) {
    const input = readInput(file);
    if ("diagnostic" in input) {
      diagnostics.push(input.diagnostic);
      continue;
    }
    const parsed = readSpecText(input.text, file);
    diagnostics.push(...parsed.diagnostics);
    for (const source of parsed.sources) {
      const result = readSpec(source);
      diagnostics.push(...result.diagnostics);
      for (const policy of result.policies) {
        const manifest = policy.toManifest();
        const name = `${manifest.metadata.namespace ? `${manifest.metadata.namespace}/` : ""}${manifest.metadata.name}`;
        const path = result.policyPaths.get(policy) ?? [];
        const first = named.get(name);
        if (first === undefined) named.set(name, { source, path });
        else if (first.source !== source) {
          // Within one document the spec reader said so already.
          const { line, column } = positionOf(source, path);
          const firstLine = positionOf(first.source, first.path).line;
          const d = diagnostic("duplicate-policy", path, { name, firstLine, firstFile: first.source.file });
          diagnostics.push({ ...d, file, line, column });
        }
        manifests.push(manifest);
      }
      // Cluster-scoped: a name is unique per kind across the whole input.
      for (const { policy, path } of result.clusterPolicies) {
        const manifest = policy.toManifest();
        const name = `${manifest.kind} ${manifest.metadata.name}`;
        const first = named.get(name);
        if (first === undefined) named.set(name, { source, path });
        else {
          const { line, column } = positionOf(source, path);
          const firstLine = positionOf(first.source, first.path).line;
          const d = diagnostic("duplicate-policy", path, { name, firstLine, firstFile: first.source.file });
          diagnostics.push({ ...d, file, line, column });
        }
        manifests.push(manifest);
      }
    }
  }
  stopOnErrors(diagnostics);
  return { manifests, warnings: diagnostics };
}

/**
 * The file a policy goes to in directory mode: `<namespace>.<name>.yaml`, or `<name>.yaml` without namespace; a
 * cluster-wide policy's is `<kind>.<name>.yaml` (lower case kind), apart from every namespace's.
 */
export function policyFileName(m: NetworkPolicyManifest | ClusterPolicyManifest): string {
  if (m.kind !== "NetworkPolicy") return `${m.kind.toLowerCase()}.${m.metadata.name}.yaml`;
  return `${m.metadata.namespace ? `${m.metadata.namespace}.` : ""}${m.metadata.name}.yaml`;
}

/** Runs `netpol generate`. */
export function generate(files: readonly string[], options: GenerateOptions): void {
  const { manifests, warnings } = manifestsFromSpecs(files);
  const target = options.output;
  if (target !== undefined && target !== "-" && isDirectoryTarget(target)) {
    const out = new Map<string, string>();
    for (const m of manifests) {
      const name = policyFileName(m);
      // Names are unique per namespace (checked above), so file names are too.
      out.set(name, toYaml([m]));
    }
    writeFilesAtomic(target, out);
  } else {
    writeOutput(toYaml(manifests), target);
  }
  printDiagnostics(warnings);
}
