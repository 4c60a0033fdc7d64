// Manifest objects as netpol reads them: each analysed kind strictly (its shape, its API version, a name, no twin),
// everything else named once per kind as skipped.
import { type Diagnostic, DiagnosticBag, type DiagnosticCode, type DiagnosticPath } from "../errors.js";
import { isRecord } from "../input.js";
import { didYouMean } from "../text.js";
import { checkClusterPolicy } from "./cluster-policy.js";
import { type Category, KINDS, KNOWN_KINDS } from "./kinds.js";
import { checkLabelMap, checkObjectMeta, checkSelector } from "./metadata.js";
import { checkNetworkPolicy, withZeroSpec } from "./network-policy.js";
import { describeObject, type ObjectSource, placeOf, positioned } from "./read.js";
import { checkServiceSpec } from "./services.js";
import { readShape } from "./shapes.js";
import { checkPodSpec } from "./workloads.js";

/** An object of a kind netpol analyses, read strictly. */
export interface KubeObject {
  /** The object as given (the key of its source). */
  readonly raw: unknown;
  /** What netpol does with it. */
  readonly category: Category;
  /** Its kind, e.g. `Deployment`. */
  readonly kind: string;
  /** Its name. */
  readonly name: string;
  /** Its namespace: as written, else `default` (cluster-scoped kinds have none). */
  readonly namespace: string | undefined;
  /** A copy holding only the fields of its kind's shape, nulls read as the API server reads them. */
  readonly value: Readonly<Record<string, unknown>>;
}

/** Objects read, and every problem met. */
export interface ObjectsRead {
  /** The objects of analysed kinds, in input order. */
  readonly objects: KubeObject[];
  /** Errors, and warnings (skipped kinds, fields netpol does not know). */
  readonly diagnostics: Diagnostic[];
}

/** Options of `readObjects`. */
export interface ReadObjectsOptions {
  /** Where objects were read from, for positions. */
  readonly sources?: ReadonlyMap<unknown, ObjectSource> | undefined;
  /**
   * For analysis: problems that leave an object's meaning clear (a name the API server would refuse) are warnings,
   * so the analysis goes on. Otherwise (import) they are errors, as the API server would have it.
   */
  readonly analysis?: boolean;
}

const SCOPED = new Set<Category>(["pod", "workload", "network-policy", "service", "ingress"]);

/** Reads manifest objects strictly; never throws. */
export function readObjects(raw: readonly unknown[], options: ReadObjectsOptions = {}): ObjectsRead {
  const out: KubeObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, unknown>();
  const skipped = new Map<string, { first: unknown; count: number }>();
  const priorities = new Map<string, string>();
  const sources = options.sources;
  for (const object of raw) {
    const bag = new DiagnosticBag("manifest");
    const read = readObject(object, bag, skipped);
    const source = sources?.get(object);
    if (read) {
      // Kinds of one category are distinct objects (an Ingress and a Route, or an AdminNetworkPolicy and a
      // ClusterNetworkPolicy, may share a name).
      const byKind = read.category === "workload" || read.category === "ingress" || read.category === "cluster-policy";
      const id = `${byKind ? read.kind : read.category}/${read.namespace ?? ""}/${read.name}`;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, object);
      else bag.error("duplicate-object", [], { object: describeObject(object), first: placeOf(sources?.get(first)) });
      if (read.category === "cluster-policy") checkSharedPriority(read, priorities, bag);
    }
    for (const d of bag.items) diagnostics.push(positioned(options.analysis ? analysed(d) : d, object, source));
    // An object with errors is left out: nothing is analysed from a guess (the errors stop the CLI anyway).
    if (read && (options.analysis ? bag.items.every((d) => analysed(d).severity === "warning") : bag.errorCount === 0))
      out.push(read);
  }
  for (const [kind, { first, count }] of skipped) {
    const d = new DiagnosticBag("manifest");
    d.warn("skipped-kind", [], { kind, count });
    diagnostics.push(positioned(d.items[0] as Diagnostic, undefined, sources?.get(first)));
  }
  return { objects: out, diagnostics };
}

/** One object: undefined when it is of a kind netpol does not analyse (counted in `skipped`) or unusable. */
function readObject(
  object: unknown,
  bag: DiagnosticBag,
  skipped: Map<string, { first: unknown; count: number }>,
): KubeObject | undefined {
  if (!isRecord(object)) {
    bag.error("type", [], { found: object, expected: "a Kubernetes object (apiVersion, kind, metadata, …)" });
    return undefined;
  }
  const { kind, apiVersion } = object;
  if (typeof kind !== "string" || kind === "") {
    bag.error("missing-key", ["kind"], { key: "kind", expected: "the object's kind, e.g. Deployment" });
    return undefined;
  }
  const info = Object.hasOwn(KINDS, kind) ? KINDS[kind] : undefined;
  if (info === undefined) {
    const near = nearKind(kind);
    if (near) bag.error("manifest-kind", ["kind"], { kind, suggestion: near });
    else {
      const entry = skipped.get(kind);
      if (entry) entry.count++;
      else skipped.set(kind, { first: object, count: 1 });
    }
    return undefined;
  }
  if (!info.apiVersions.includes(apiVersion as string)) {
    bag.error("api-version", ["apiVersion"], { apiVersion, kind, expected: info.apiVersions });
    return undefined;
  }
  const value = readShape(object, info.shape, [], bag) as Record<string, unknown> | undefined;
  if (value === undefined) return undefined;
  const metadata = (value.metadata ?? {}) as { name?: string; namespace?: string };
  if (!metadata.name) {
    bag.error("object-unnamed", ["metadata", "name"], { kind });
    return undefined;
  }
  const scoped = SCOPED.has(info.category);
  if (info.category === "network-policy") {
    withZeroSpec(value);
    checkNetworkPolicy(value, bag);
  } else if (info.category === "cluster-policy") checkClusterPolicy(value, bag);
  else checkObjectMeta(value.metadata, ["metadata"], bag, kind === "Namespace");
  if (info.category === "pod") checkPodSpec(value.spec, ["spec"], bag);
  if (info.category === "workload") checkWorkloadTemplate(kind, value, bag);
  if (info.category === "service") checkServiceSpec(value.spec, ["spec"], bag);
  return {
    raw: object,
    category: info.category,
    kind,
    name: metadata.name,
    namespace: scoped ? metadata.namespace || "default" : undefined,
    value,
  };
}

/**
 * Warns about a cluster-wide policy with the tier and priority of one read before it: where both match a connection,
 * an implementation may apply either. `seen` maps kind, tier and priority to the first policy's description.
 */
function checkSharedPriority(read: KubeObject, seen: Map<string, string>, bag: DiagnosticBag): void {
  const spec = isRecord(read.value.spec) ? read.value.spec : {};
  if (typeof spec.priority !== "number") return;
  const tier =
    read.kind === "ClusterNetworkPolicy"
      ? String(spec.tier)
      : read.kind === "AdminNetworkPolicy"
        ? "Admin"
        : "Baseline";
  const key = `${read.kind}/${tier}/${spec.priority}`;
  const other = seen.get(key);
  if (other === undefined) seen.set(key, `${read.kind} ${read.name}`);
  else bag.warn("cluster-priority-shared", ["spec", "priority"], { other, tier, priority: spec.priority });
}

/** Checks the selector and pod template of a workload; a CronJob's are in its job template. */
function checkWorkloadTemplate(kind: string, value: Record<string, unknown>, bag: DiagnosticBag): void {
  const at: DiagnosticPath = kind === "CronJob" ? ["spec", "jobTemplate", "spec"] : ["spec"];
  let spec: unknown = value;
  for (const key of at) spec = isRecord(spec) ? spec[key] : undefined;
  if (!isRecord(spec)) return;
  // A ReplicationController's selector is a plain label map.
  if (kind === "ReplicationController") checkLabelMap(spec.selector, [...at, "selector"], bag);
  else if (spec.selector !== undefined) checkSelector(spec.selector, [...at, "selector"], bag);
  const template = spec.template;
  if (!isRecord(template)) return;
  if (isRecord(template.metadata))
    checkLabelMap(template.metadata.labels, [...at, "template", "metadata", "labels"], bag);
  checkPodSpec(template.spec, [...at, "template", "spec"], bag);
}

/** The analysed kind `kind` misspells (`Networkpolicy`, `Deploymnet`), if any. */
function nearKind(kind: string): string | undefined {
  const lower = kind.toLowerCase();
  const same = KNOWN_KINDS.find((k) => k.toLowerCase() === lower);
  if (same) return same;
  // Close spellings only: short real kinds (Node) lie within two edits of short analysed ones (Pod).
  const near = didYouMean(kind, KNOWN_KINDS);
  return near &&
    Math.abs(near.length - kind.length) <= 2 &&
    (kind.length >= 6 || near.length >= 6 || kind.length === near.length + 1)
    ? near
    : undefined;
}

/** Names and labels the API server would refuse: what they mean is clear all the same. */
const CLEAR = new Set<DiagnosticCode>(["object-name", "namespace-name", "label-key", "label-value"]);

/**
 * Where names and labels are an object's own: its metadata, its pod template's, a workload's selector (a policy's
 * selectors are podSelector and namespaceSelector, and stay errors: they say which pods it governs).
 */
const isOwnName = (path: DiagnosticPath): boolean => path.includes("metadata") || path.includes("selector");

/**
 * For analysis, a name or label the API server would refuse in an object's own metadata leaves its meaning clear. A
 * misspelled field does not (`namepsace:` would put the object in another namespace): it stays an error.
 */
function analysed(d: Diagnostic): Diagnostic {
  if (d.severity !== "error" || !isOwnName(d.path) || !CLEAR.has(d.code)) return d;
  return {
    ...d,
    severity: "warning",
    message: `${d.message} (the API server would refuse the object; it is analysed as written)`,
  };
}
