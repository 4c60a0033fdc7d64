// What every lint check looks at: the objects read strictly, the engine's analysis of them, and the diagnostics of
// reading and analysis (some checks are warnings core already gives, restated as findings).

import { buildCluster } from "../engine/cluster.js";
import { type Analysis, analyzeCluster } from "../engine/evaluate.js";
import type { CompiledPolicy } from "../engine/policies.js";
import { analysisWarnings } from "../engine/warnings.js";
import {
  type Diagnostic,
  type DiagnosticArgs,
  type DiagnosticCode,
  type DiagnosticPath,
  diagnostic,
} from "../errors.js";
import type { IpRange } from "../ip-blocks.js";
import { type KubeObject, readObjects } from "../manifests/objects.js";
import { locate, type ObjectSource, positioned } from "../manifests/read.js";
import type { NetworkPolicyManifest } from "../render/types.js";

/** A NetworkPolicy of the input, in every form a check may want it. */
export interface LintPolicy {
  /** The policy compiled for the engine (rules of the directions it isolates only). */
  readonly compiled: CompiledPolicy;
  /** The policy as read (nulls read as absent), all its rules. */
  readonly manifest: NetworkPolicyManifest;
  /** The object it was read from (the key of its source). */
  readonly object: unknown;
}

/** Everything a check is given. */
export interface LintContext {
  /** The objects of analysed kinds, read strictly, in input order. */
  readonly objects: readonly KubeObject[];
  /** The engine's analysis of them. */
  readonly analysis: Analysis;
  /** The NetworkPolicies, in input order. */
  readonly policies: readonly LintPolicy[];
  /** What reading the objects said (positioned). */
  readonly readDiagnostics: readonly Diagnostic[];
  /** What the analysis said (positioned). */
  readonly analysisWarnings: readonly Diagnostic[];
  /** The cluster's pod networks, when known: ipBlocks covering them match pods. */
  readonly podCidrs: readonly { readonly text: string; readonly range: IpRange }[];
  /** A finding of `code` at `path` in `object`, positioned in its source when there is one. */
  found<C extends DiagnosticCode>(code: C, object: unknown, path: DiagnosticPath, args: DiagnosticArgs<C>): Diagnostic;
  /** `file:line:col` of `path` in `object`; undefined when the object has no source. */
  placeOf(object: unknown, path: DiagnosticPath): string | undefined;
}

/** Reads and analyses the objects once for every check. */
export function lintContext(
  raw: readonly unknown[],
  sources: ReadonlyMap<unknown, ObjectSource> | undefined,
  podCidrs: LintContext["podCidrs"],
): LintContext {
  const read = readObjects(raw, { sources, analysis: true });
  const analysis = analyzeCluster(buildCluster(read.objects));
  const { policies, policyObjects, policyManifests } = analysis.cluster;
  const source = (object: unknown) => sources?.get(object);
  return {
    objects: read.objects,
    analysis,
    policies: policies.map((compiled) => ({
      compiled,
      manifest: policyManifests.get(compiled.id) as NetworkPolicyManifest,
      object: policyObjects.get(compiled.id),
    })),
    readDiagnostics: read.diagnostics,
    analysisWarnings: analysisWarnings(analysis, sources),
    podCidrs,
    found: (code, object, path, args) =>
      positioned(diagnostic(code, path, args, "warning", "manifest"), object, source(object)),
    placeOf(object, path) {
      const at = source(object);
      if (!at) return undefined;
      const { file, line, column } = locate(at, path);
      return `${file === "-" ? "<stdin>" : file}:${line}:${column}`;
    },
  };
}
