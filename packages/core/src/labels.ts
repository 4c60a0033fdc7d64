// Kubernetes naming rules for label keys, label values, namespaces and object names.
import { checkOnce } from "./checked.js";
import type { DiagnosticBag } from "./errors.js";

const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Text that slug() returns unchanged: runs of a-z0-9 joined by single '-'. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A map of label keys to values, as on Kubernetes objects. */
export type Labels = Readonly<Record<string, string>>;

/** Well-known label every namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** True when `name` is a DNS-1123 label (namespace names). */
export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}

/** True when `name` is a DNS-1123 subdomain (object names such as a NetworkPolicy's). */
export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

/** Reports a label key that Kubernetes would reject: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63 chars. */
export function checkLabelKey(key: unknown, path: string, bag: DiagnosticBag): void {
  if (typeof key !== "string") {
    bag.error({
      code: "label-key",
      path,
      message: `label key ${JSON.stringify(key)} is not a string`,
      expected: "a string",
    });
    return;
  }
  const problems = labelKeyProblems(key);
  if (problems.length > 0) {
    bag.error({
      code: "label-key",
      path,
      message: `invalid label key "${key}": ${problems.join("; ")}`,
      expected:
        "an optional DNS-subdomain prefix and '/', then 1–63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric",
      hint: 'For example "app" or "example.com/tier"',
    });
  }
}

/** What is wrong with a label key; nothing for a valid one (remembered, as a handful of keys recur everywhere). */
function labelKeyProblems(key: string): readonly string[] {
  if (validLabelKeys.has(key)) return NO_PROBLEMS;
  const slash = key.indexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const problems: string[] = [];
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) problems.push(`prefix "${prefix}" is not a DNS subdomain`);
  if (name.length === 0 || name.length > 63) problems.push(`name part has ${name.length} characters`);
  else if (!QUALIFIED_NAME.test(name)) problems.push(`name part "${name}" has characters that are not allowed`);
  if (problems.length === 0) {
    remember(validLabelKeys, key);
    return NO_PROBLEMS;
  }
  return problems;
}

const NO_PROBLEMS: readonly string[] = Object.freeze([]);

// A handful of label keys and namespaces recur on every object (app, a chart's namespace): each is tested once.
const validLabelKeys = new Set<string>();
const validNamespaces = new Set<string>();

function remember(valid: Set<string>, text: string): void {
  if (valid.size >= 4096) valid.clear();
  valid.add(text);
}

/** Reports a label value that Kubernetes would reject: empty, or ≤ 63 chars of `[A-Za-z0-9-_.]` with alphanumeric ends. */
export function checkLabelValue(value: unknown, path: string, bag: DiagnosticBag): void {
  if (typeof value !== "string") {
    bag.error({
      code: "label-value",
      path,
      message: `label value ${JSON.stringify(value)} is not a string`,
      expected: "a string",
      hint: "Quote numbers and booleans in YAML, e.g. '\"true\"'",
    });
    return;
  }
  if (!isValidLabelValue(value)) {
    bag.error({
      code: "label-value",
      path,
      message: `invalid label value "${value}"${value.length > 63 ? ` (${value.length} characters)` : ""}`,
      expected: "at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric (or empty)",
    });
  }
}

/** Reports every invalid key and value of a label map. */
export function checkLabels(labels: unknown, path: string, bag: DiagnosticBag): void {
  if (labels === undefined) return;
  if (labels === null || typeof labels !== "object" || Array.isArray(labels)) {
    bag.error({ code: "labels", path, message: "labels must be a map of strings", expected: "{ key: value, … }" });
    return;
  }
  checkOnce(labels, path, bag, checkLabelEntries);
}

function checkLabelEntries(labels: object, path: string, bag: DiagnosticBag): void {
  for (const [k, v] of Object.entries(labels)) {
    // Valid entries (nearly all) are told apart without building their paths.
    if (labelKeyProblems(k).length === 0 && isValidLabelValue(v)) continue;
    checkLabelKey(k, `${path}.${k}`, bag);
    checkLabelValue(v, `${path}.${k}`, bag);
  }
}

/**
 * A frozen copy of `labels` (own string keys). Not `Object.freeze({ ...labels })`: once optimized, Node 20's V8 gives
 * each frozen spread copy a hidden class of its own, so every place that reads labels turns megamorphic.
 */
export function frozenLabels(labels: Labels): Labels {
  const copy: Record<string, string> = {};
  const keys = Object.keys(labels);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    copy[key] = labels[key] as string;
  }
  return Object.freeze(copy);
}

/**
 * A frozen copy of `labels` when it is a map of at least one label and checkLabels would report nothing for it;
 * undefined otherwise. One pass, no paths: every object of a chart has labels, and nearly all are fine.
 */
export function validLabelsCopy(labels: unknown): Labels | undefined {
  if (typeof labels !== "object" || labels === null || Array.isArray(labels)) return undefined;
  const keys = Object.keys(labels);
  if (keys.length === 0) return undefined;
  const copy: Record<string, string> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = (labels as Record<string, unknown>)[key];
    // The tests of isValidLabelValue and labelKeyProblems, inline (a known key is one lookup).
    if (typeof value !== "string" || (value !== "" && (value.length > 63 || !QUALIFIED_NAME.test(value))))
      return undefined;
    if (!validLabelKeys.has(key) && labelKeyProblems(key).length > 0) return undefined;
    copy[key] = value as string;
  }
  return Object.freeze(copy);
}

/** True when checkNamespaceName would report nothing for `name`. */
export function isValidNamespace(name: unknown): name is string {
  if (typeof name !== "string") return false;
  if (validNamespaces.has(name)) return true;
  if (!isDns1123Label(name)) return false;
  remember(validNamespaces, name);
  return true;
}

function isValidLabelValue(value: unknown): boolean {
  return typeof value === "string" && (value === "" || (value.length <= 63 && QUALIFIED_NAME.test(value)));
}

/** Reports a namespace name that is not a DNS-1123 label. */
export function checkNamespaceName(name: unknown, path: string, bag: DiagnosticBag): void {
  if (!isValidNamespace(name)) {
    bag.error({
      code: "namespace-name",
      path,
      message: `invalid namespace name ${JSON.stringify(name)}`,
      expected: "a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending alphanumeric",
    });
  } else remember(validNamespaces, name);
}

/** Reports an object name that is not a DNS-1123 subdomain. */
export function checkObjectName(name: unknown, path: string, bag: DiagnosticBag): void {
  if (typeof name !== "string" || !isDns1123Subdomain(name)) {
    bag.error({
      code: "object-name",
      path,
      message: `invalid name ${JSON.stringify(name)}`,
      expected:
        "a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' or '.', starting and ending alphanumeric",
    });
  }
}

/** Turns any text into a readable DNS-1123 label fragment (`Web API` → `web-api`). */
export function slug(text: string): string {
  // Already a slug (e.g. a generated object name): one test instead of lowering and two replacements.
  if (SLUG.test(text)) return text;
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
