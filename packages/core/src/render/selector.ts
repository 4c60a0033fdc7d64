// Label selectors in manifest form, canonical: sorted keys, sorted and de-duplicated expressions and values. The
// canonical form is also the one key of a selector: two selectors select the same pods when their keys are equal.
import type { LabelSelectorSpec } from "../data.js";
import { compareStrings } from "../text.js";
import type { LabelSelectorManifest, LabelSelectorRequirementManifest } from "./types.js";

/** A selector written as a manifest would (matchLabels, matchExpressions), possibly unsorted. */
interface SelectorParts {
  readonly matchLabels?: Readonly<Record<string, string>> | undefined;
  readonly matchExpressions?:
    | readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] | undefined }[]
    | undefined;
}

/** The canonical manifest form of a selector; the empty selector is `{}`. */
export function canonicalSelector(sel: SelectorParts): LabelSelectorManifest {
  const out: LabelSelectorManifest = {};
  const labels = sel.matchLabels;
  const keys = labels === undefined ? [] : Object.keys(labels).sort(compareStrings);
  if (keys.length > 0) {
    const matchLabels: Record<string, string> = {};
    for (const k of keys) matchLabels[k] = (labels as Record<string, string>)[k] as string;
    out.matchLabels = matchLabels;
  }
  const expressions = sel.matchExpressions;
  if (expressions !== undefined && expressions.length > 0) {
    const seen = new Map<string, LabelSelectorRequirementManifest>();
    for (const e of expressions) {
      const r = { key: e.key, operator: e.operator } as LabelSelectorRequirementManifest;
      if (e.operator === "In" || e.operator === "NotIn") r.values = [...new Set(e.values ?? [])].sort(compareStrings);
      seen.set(JSON.stringify(r), r);
    }
    out.matchExpressions = [...seen.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, r]) => r);
  }
  return out;
}

/** Renders a model selector in canonical manifest form. */
export function renderSelector(spec: LabelSelectorSpec | undefined): LabelSelectorManifest {
  return spec === undefined ? {} : canonicalSelector({ matchLabels: spec.labels, matchExpressions: spec.expressions });
}

/** The key of a selector: equal for selectors that select the same labels, however they are written. */
export function selectorKey(sel: SelectorParts): string {
  return JSON.stringify(canonicalSelector(sel));
}
