// Label selector matching, compiled once per selector.
import type { LabelSelectorManifest } from "../render/types.js";

/** Labels of a pod or namespace. */
export type Labels = Readonly<Record<string, string>>;

/** A compiled label selector. */
export type LabelMatcher = (labels: Labels) => boolean;

/** Compiles a selector; `{}` matches everything; an unknown operator or `In` without values matches nothing. */
export function compileSelector(selector: LabelSelectorManifest): LabelMatcher {
  const tests: LabelMatcher[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    tests.push((labels) => Object.hasOwn(labels, key) && labels[key] === value);
  }
  for (const req of selector.matchExpressions ?? []) {
    const values = new Set(req.values ?? []);
    const { key } = req;
    switch (req.operator) {
      case "In":
        tests.push((labels) => Object.hasOwn(labels, key) && values.has(labels[key] as string));
        break;
      case "NotIn":
        tests.push((labels) => !Object.hasOwn(labels, key) || !values.has(labels[key] as string));
        break;
      case "Exists":
        tests.push((labels) => Object.hasOwn(labels, key));
        break;
      case "DoesNotExist":
        tests.push((labels) => !Object.hasOwn(labels, key));
        break;
      default:
        return () => false;
    }
  }
  if (tests.length === 0) return () => true;
  return (labels) => tests.every((t) => t(labels));
}

/** True when `labels` satisfy `selector` (compiles on each call; prefer `compileSelector` in loops). */
export function matchesSelector(selector: LabelSelectorManifest, labels: Labels): boolean {
  return compileSelector(selector)(labels);
}

/** A stable text key for a selector, equal for selectors that are written the same up to ordering. */
export function selectorKey(selector: LabelSelectorManifest): string {
  const labels = Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const exprs = (selector.matchExpressions ?? [])
    .map((e) => JSON.stringify([e.key, e.operator, [...(e.values ?? [])].sort()]))
    .sort();
  return JSON.stringify([labels, exprs]);
}
