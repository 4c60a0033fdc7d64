// Label selector matching, compiled once per selector.
import type { Labels } from "../data.js";
import type { LabelSelectorManifest } from "../render/types.js";

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
