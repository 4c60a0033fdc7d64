// Label selectors to manifest form, canonical: sorted keys, sorted and de-duplicated expressions.
import type { LabelSelectorSpec } from "../selectors.js";
import { compareStrings } from "./order.js";
import type { LabelSelectorManifest, LabelSelectorRequirementManifest } from "./types.js";

/** Renders a selector; the empty selector renders as `{}`. */
export function renderSelector(spec: LabelSelectorSpec | undefined): LabelSelectorManifest {
  const out: LabelSelectorManifest = {};
  const labels = spec?.labels;
  if (labels) {
    // Keys sorted, then copied in that order (no entry arrays: selectors are rendered for every policy and peer).
    const keys = Object.keys(labels);
    if (keys.length > 0) {
      if (keys.length > 1) keys.sort(compareStrings);
      const matchLabels: Record<string, string> = {};
      for (const k of keys) matchLabels[k] = labels[k] as string;
      out.matchLabels = matchLabels;
    }
  }
  const expressions = spec?.expressions;
  if (!expressions || expressions.length === 0) return out;
  const seen = new Map<string, LabelSelectorRequirementManifest>();
  for (const e of expressions) {
    const r: LabelSelectorRequirementManifest = { key: e.key, operator: e.operator };
    if (e.operator === "In" || e.operator === "NotIn") r.values = [...new Set(e.values ?? [])].sort(compareStrings);
    seen.set(JSON.stringify(r), r);
  }
  if (seen.size > 0)
    out.matchExpressions = [...seen.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, r]) => r);
  return out;
}
