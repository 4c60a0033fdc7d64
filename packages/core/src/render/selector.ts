// Label selectors to manifest form, canonical: sorted keys, sorted and de-duplicated expressions.
import type { LabelSelectorSpec } from "../selectors.js";
import { compareStrings } from "./order.js";
import type { LabelSelectorManifest, LabelSelectorRequirementManifest } from "./types.js";

/** Renders a selector; the empty selector renders as `{}`. */
export function renderSelector(spec: LabelSelectorSpec | undefined): LabelSelectorManifest {
  const out: LabelSelectorManifest = {};
  const labels = Object.entries(spec?.labels ?? {}).sort(([a], [b]) => compareStrings(a, b));
  if (labels.length > 0) out.matchLabels = Object.fromEntries(labels);
  const seen = new Map<string, LabelSelectorRequirementManifest>();
  for (const e of spec?.expressions ?? []) {
    const r: LabelSelectorRequirementManifest = { key: e.key, operator: e.operator };
    if (e.operator === "In" || e.operator === "NotIn") r.values = [...new Set(e.values ?? [])].sort(compareStrings);
    seen.set(JSON.stringify(r), r);
  }
  if (seen.size > 0)
    out.matchExpressions = [...seen.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, r]) => r);
  return out;
}
