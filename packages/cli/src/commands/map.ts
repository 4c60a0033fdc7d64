// `netpol map`: who may talk to whom, from manifests and spec files, through core's engine and formatters.
import type { Diagnostic, DiagnosticPath, TrafficDirection } from "@netpol/core";
import {
  analyzeConnectivity,
  checkFocusValues,
  type Expectation,
  FORMATTERS,
  type FocusOptions,
  type OutputFormat,
} from "@netpol/core/analysis";
import { namespaceManifest, type ObjectSource, readManifestPaths, type YamlDocument } from "@netpol/core/manifests";
import { printDiagnostics, stopOnErrors } from "../diagnostics.js";
import { manifestReadOptions } from "../io/input.js";
import { writeStdout } from "../io/output.js";
import { readSpec } from "../spec/read.js";
import { SPEC_API_VERSION, SPEC_KIND } from "../spec/schema.js";
import { checkExplainFlags, type EXPLAIN_ONLY } from "./explain-options.js";
import { exposureText } from "./map-exposure.js";

/** The output formats of `netpol map`. */
export const MAP_FORMATS = Object.keys(FORMATTERS) as OutputFormat[];

/** Options of `netpol map`. */
export interface MapOptions {
  /** The output format. */
  readonly format: OutputFormat;
  /** Only connections from or to these (`name`, `namespace/name`, `namespace/name[Kind]`, `ingress-controller`). */
  readonly focusWorkloads?: readonly string[];
  /** With focus workloads: only connections whose other end is one of these. */
  readonly focusWorkloadPeers?: readonly string[];
  /** With focus workloads: `ingress` or `egress` (checked by core). */
  readonly focusDirection?: string;
  /** Only connections allowing this protocol and port, `tcp-8080` (checked by core). */
  readonly focusConn?: string;
  /** False to match no pod by IP in ipBlocks, as roxctl does. */
  readonly podIpMatch?: boolean;
  /** Say which policies and rules allow or deny each pair. */
  readonly explain?: boolean;
  /** Also say what pods not in the input could reach each workload, and what it could reach (map-exposure.ts). */
  readonly exposure?: boolean;
  /** With `explain`: only pairs that may connect (`allow`) or that may not connect at all (`deny`). */
  readonly explainOnly?: (typeof EXPLAIN_ONLY)[number];
}

/** Runs `netpol map`. */
export function map(paths: readonly string[], options: MapOptions): void {
  const focus: FocusOptions = {
    workloads: options.focusWorkloads ?? [],
    workloadPeers: options.focusWorkloadPeers ?? [],
    // Core checks the values: a direction of another word is its error to report, before any input is read.
    ...(options.focusDirection === undefined ? {} : { direction: options.focusDirection as TrafficDirection }),
    ...(options.focusConn === undefined ? {} : { conn: options.focusConn }),
  };
  stopOnErrors(checkFocusValues(focus));
  checkExplainFlags({ explain: options.explain === true, explainOnly: options.explainOnly });
  const read = readManifestPaths(paths, manifestReadOptions(paths));
  stopOnErrors(read.diagnostics);
  const specs = objectsOfSpecs(read.objects, read.sources);
  stopOnErrors([...read.diagnostics, ...specs.diagnostics]);
  const cluster = analyzeConnectivity({
    objects: specs.objects,
    sources: specs.sources,
    podIpMatch: options.podIpMatch !== false,
  });
  const view = cluster.focus(focus);
  const diagnostics = [...read.diagnostics, ...specs.diagnostics, ...cluster.diagnostics, ...view.diagnostics];
  stopOnErrors(diagnostics);
  const formatter = FORMATTERS[options.format];
  const explanations = () => formatter.explanations(view.explainAll({ only: options.explainOnly }));
  const exposure = options.exposure
    ? exposureText(
        cluster,
        { format: options.format, explain: options.explain === true, ...focus },
        diagnostics,
        explanations,
      )
    : undefined;
  const text = exposure ?? (options.explain ? explanations() : formatter.connections(view.connections()));
  writeStdout(text.endsWith("\n") || text === "" ? text : `${text}\n`);
  printDiagnostics(diagnostics);
}

/** An expectation of a spec's `expect:` (checked by `netpol check`), with the document and path it was declared at. */
export interface SpecExpectationSource {
  /** The expectation as core checks it. */
  readonly expectation: Expectation;
  /** The spec document it is in. */
  readonly document: YamlDocument;
  /** Its path in the document (`["expect", 0]`). */
  readonly path: DiagnosticPath;
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
export function objectsOfSpecs(
  objects: readonly unknown[],
  sources: ReadonlyMap<unknown, ObjectSource>,
): {
  objects: unknown[];
  sources: Map<unknown, ObjectSource>;
  diagnostics: Diagnostic[];
  expectations: SpecExpectationSource[];
} {
  const out: unknown[] = [];
  const placed = new Map(sources);
  const diagnostics: Diagnostic[] = [];
  const expectations: SpecExpectationSource[] = [];
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
    for (const { policy, path } of spec.clusterPolicies) add(policy.toManifest(), at(path));
    for (const e of spec.expectations) expectations.push({ ...e, document: source.document });
  }
  return { objects: out, sources: placed, diagnostics, expectations };
}
