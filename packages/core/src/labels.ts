// Kubernetes naming rules for label keys, label values, namespaces and object names.
import type { Labels } from "./data.js";

export type { Labels } from "./data.js";

import type { DiagnosticBag, DiagnosticPath } from "./errors.js";
import { ownRecord } from "./input.js";

const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True when `name` is a DNS-1123 label (namespace names). */
export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}

/** True when `name` is a DNS-1123 subdomain (object names such as a NetworkPolicy's). */
export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

/** What is wrong with a label key: `[prefix/]name`, prefix a DNS subdomain, name 1–63 characters; none if valid. */
function labelKeyProblems(key: string): string[] | undefined {
  const slash = key.indexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const badPrefix = prefix !== undefined && !isDns1123Subdomain(prefix);
  const badLength = name.length === 0 || name.length > 63;
  const badName = !badLength && !QUALIFIED_NAME.test(name);
  if (!badPrefix && !badLength && !badName) return undefined;
  const problems: string[] = [];
  if (badPrefix) problems.push(`prefix ${JSON.stringify(prefix.slice(0, 40))} is not a DNS subdomain`);
  if (badLength) problems.push(`name part has ${name.length} characters`);
  if (badName) problems.push("name part has characters that are not allowed");
  return problems;
}

/** True when `value` is a valid label value: empty, or ≤ 63 characters of `[A-Za-z0-9-_.]` with alphanumeric ends. */
export function isLabelValue(value: unknown): value is string {
  return typeof value === "string" && (value === "" || (value.length <= 63 && QUALIFIED_NAME.test(value)));
}

/** Reports a label key that Kubernetes would reject. */
export function checkLabelKey(key: unknown, path: DiagnosticPath, bag: DiagnosticBag): void {
  if (typeof key !== "string") bag.error("label-key", path, { key });
  else {
    const problems = labelKeyProblems(key);
    if (problems) bag.error("label-key", path, { key, problems });
  }
}

/** Reports a label value that Kubernetes would reject. */
export function checkLabelValue(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): void {
  if (!isLabelValue(value)) bag.error("label-value", path, { value });
}

/**
 * A checked, frozen copy of a caller's label map (its own properties, each read once); problems go to `bag` with the
 * label's key in their path. Undefined when `value` is no map of labels.
 */
export function readLabels(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): Labels | undefined {
  const record = ownRecord(value);
  if (record === undefined) {
    bag.error("labels-map", path, { found: value });
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (labelKeyProblems(key)) checkLabelKey(key, [...path, key], bag);
    if (!isLabelValue(v)) checkLabelValue(v, [...path, key], bag);
    out[key] = v as string;
  }
  return Object.freeze(out);
}

/** Reports a namespace name that is not a DNS-1123 label. */
export function checkNamespaceName(name: unknown, path: DiagnosticPath, bag: DiagnosticBag): void {
  if (typeof name !== "string" || !isDns1123Label(name)) bag.error("namespace-name", path, { name });
}

/** Reports an object name that is not a DNS-1123 subdomain. */
export function checkObjectName(name: unknown, path: DiagnosticPath, bag: DiagnosticBag): void {
  if (typeof name !== "string" || !isDns1123Subdomain(name)) bag.error("object-name", path, { name });
}

/** Turns any text into a readable DNS-1123 label fragment (`Web API` → `web-api`). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Cuts a slug to `max` characters without leaving a '-' at the end. */
export function cutSlug(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max).replace(/-+$/, "");
}
