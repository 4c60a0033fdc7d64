// Label selectors to manifest form, canonical: sorted keys, sorted and de-duplicated expressions.
import type { Labels } from "../labels.js";
import type { LabelSelectorSpec } from "../selectors.js";
import { compareStrings } from "./order.js";
import type { LabelSelectorManifest, LabelSelectorRequirementManifest } from "./types.js";

/** Renders a selector; the empty selector renders as `{}`. */
export function renderSelector(spec: LabelSelectorSpec | undefined): LabelSelectorManifest {
  // Every policy and every peer renders one: index loops, and the expressions apart (most selectors have none).
  const out: LabelSelectorManifest = {};
  if (spec === undefined) return out;
  const labels = spec.labels;
  if (labels !== undefined) {
    const matchLabels = renderLabels(labels);
    if (matchLabels !== undefined) out.matchLabels = matchLabels;
  }
  const expressions = spec.expressions;
  if (expressions !== undefined && expressions.length > 0) {
    const matchExpressions = renderExpressions(expressions);
    if (matchExpressions.length > 0) out.matchExpressions = matchExpressions;
  }
  return out;
}

/** The labels as a new map with sorted keys; undefined when there are none. */
function renderLabels(labels: Labels): Record<string, string> | undefined {
  const keys = Object.keys(labels);
  if (keys.length === 0) return undefined;
  if (keys.length > 1) keys.sort(compareStrings);
  const out: Record<string, string> = {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out[k] = labels[k] as string;
  }
  return out;
}

function renderExpressions(
  expressions: NonNullable<LabelSelectorSpec["expressions"]>,
): LabelSelectorRequirementManifest[] {
  const seen = new Map<string, LabelSelectorRequirementManifest>();
  for (const e of expressions) {
    const r: LabelSelectorRequirementManifest = { key: e.key, operator: e.operator };
    if (e.operator === "In" || e.operator === "NotIn") r.values = [...new Set(e.values ?? [])].sort(compareStrings);
    seen.set(JSON.stringify(r), r);
  }
  return [...seen.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, r]) => r);
}
