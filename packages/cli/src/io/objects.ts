// The input of `netpol lint`: manifests and spec files read into manifest objects with their positions, as map
// reads them (a spec stands for the namespaces, workloads and policies it declares).
import type { Diagnostic } from "@netpol/core";
import { type ObjectSource, readManifestPaths } from "@netpol/core/manifests";
import { objectsOfSpecs } from "../commands/map.js";
import { stopOnErrors } from "../diagnostics.js";
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
