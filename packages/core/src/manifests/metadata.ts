// Names, labels and label selectors of manifest objects, checked as the API server checks them.
import type { DiagnosticBag, DiagnosticPath } from "../errors.js";
import { isRecord } from "../input.js";
import { checkLabelKey, checkLabelValue, checkNamespaceName, checkObjectName } from "../labels.js";
import { readExpression } from "../selectors.js";

type Rec = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Rec => (isRecord(v) ? v : {});

/**
 * Checks an object's name (a DNS subdomain; a Namespace's, a DNS label), its namespace (a DNS label) and its labels.
 */
export function checkObjectMeta(meta: unknown, path: DiagnosticPath, bag: DiagnosticBag, namespace = false): void {
  const m = rec(meta);
  if (namespace) checkNamespaceName(m.name, [...path, "name"], bag);
  else {
    checkObjectName(m.name, [...path, "name"], bag);
    if (m.namespace !== undefined) checkNamespaceName(m.namespace, [...path, "namespace"], bag);
  }
  checkLabelMap(m.labels, [...path, "labels"], bag);
}

/** Checks a `LabelSelector`: its matchLabels and matchExpressions. */
export function checkSelector(sel: unknown, path: DiagnosticPath, bag: DiagnosticBag): void {
  checkLabelMap(rec(sel).matchLabels, [...path, "matchLabels"], bag);
  const expressions = rec(sel).matchExpressions;
  if (Array.isArray(expressions))
    expressions.forEach((e, i) => readExpression(e, [...path, "matchExpressions", i], bag));
}

/** Checks a map of labels: each key and value. */
export function checkLabelMap(labels: unknown, path: DiagnosticPath, bag: DiagnosticBag): void {
  for (const [k, v] of Object.entries(rec(labels))) {
    checkLabelKey(k, [...path, k], bag);
    checkLabelValue(v, [...path, k], bag);
  }
}
