// The inputs of the analysing commands (map, lint): manifests and spec files, read into manifest objects with their
// positions; a spec stands for the namespaces, workloads and policies it declares.
import type { Diagnostic } from "@netpol/core";
import { namespaceManifest, type ObjectSource, readManifestPaths } from "@netpol/core/manifests";
import { stopOnErrors } from "../diagnostics.js";
import { readSpec } from "../spec/read.js";
import { SPEC_API_VERSION, SPEC_KIND } from "../spec/schema.js";
import { manifestReadOptions } from "./input.js";

/** Manifest objects of the inputs, where each was read from, and the warnings of reading them. */
export interface AnalysisInput {
  readonly objects: unknown[];
  readonly sources: Map<unknown, ObjectSource>;
  readonly diagnostics: Diagnostic[];
}

/** Reads manifest and spec files (directories walked, - for stdin); stops the command on any error. */
export function readAnalysisInput(paths: readonly string[]): AnalysisInput {
  const read = readManifestPaths(paths, manifestReadOptions(paths));
  stopOnErrors(read.diagnostics);
  const specs = objectsOfSpecs(read.objects, read.sources);
  const diagnostics = [...read.diagnostics, ...specs.diagnostics];
  stopOnErrors(diagnostics);
  return { objects: specs.objects, sources: specs.sources, diagnostics };
}

const SPEC_GROUP = `${SPEC_API_VERSION.slice(0, SPEC_API_VERSION.indexOf("/"))}/`;

/**
 * A document meant as a spec: of netpol's kind or API group. A misspelled apiVersion or kind is then the spec reader's
 * error to report, as generate reports it, rather than a skipped object of an unknown kind and an empty map.
 */
function meantAsSpec(value: unknown): boolean {
  const { apiVersion, kind } = (value ?? {}) as { apiVersion?: unknown; kind?: unknown };
  return kind === SPEC_KIND || (typeof apiVersion === "string" && apiVersion.startsWith(SPEC_GROUP));
}

/**
 * Spec documents among the inputs become the objects they stand for: namespaces, workloads and policies, each
 * placed at its entry in the spec (so the analysis's messages point there).
 */
function objectsOfSpecs(
  objects: readonly unknown[],
  sources: ReadonlyMap<unknown, ObjectSource>,
): { objects: unknown[]; sources: Map<unknown, ObjectSource>; diagnostics: Diagnostic[] } {
  const out: unknown[] = [];
  const placed = new Map(sources);
  const diagnostics: Diagnostic[] = [];
  const add = (object: unknown, source: ObjectSource) => {
    out.push(object);
    placed.set(object, source);
  };
  for (const value of objects) {
    const source = sources.get(value);
    if (!meantAsSpec(value) || !source) {
      out.push(value);
      continue;
    }
    const spec = readSpec(source.document);
    // The analysis says what the policies' ports reach; the spec's own word on them would say it twice.
    diagnostics.push(...spec.diagnostics.filter((d) => d.code !== "port-unserved"));
    const at = (basePath: readonly (string | number)[]): ObjectSource => ({ document: source.document, basePath });
    for (const [name, labels] of spec.namespaces) add(namespaceManifest(name, labels), at(["namespaces", name]));
    for (const [name, workload] of spec.workloads) add(workload.toManifest(), at(spec.workloadPaths.get(name) ?? []));
    for (const policy of spec.policies) add(policy.toManifest(), at(spec.policyPaths.get(policy) ?? []));
  }
  return { objects: out, sources: placed, diagnostics };
}
