// Tabs that start a line inside a flow collection (`[` … `]`, `{` … `}`): go-yaml v2, and so Kubernetes and
// netpol-analyzer, skips them as white space there, while the YAML spec (and the yaml package) counts them as
// indentation and refuses them. Elsewhere a tab that starts a line is an error for go-yaml too.
import type { Document } from "yaml";
import { isMap, isSeq, visit } from "yaml";

/** Offsets of the tabs in the leading white space of each line. */
export function leadingTabs(text: string): number[] {
  const out: number[] = [];
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) lineStart = true;
    else if (lineStart && c === 9) out.push(i);
    else if (c !== 32) lineStart = false;
  }
  return out;
}

/** The text with the tabs at `offsets` made spaces: offsets, lines and columns stay where they were. */
export function spacedTabs(text: string, offsets: readonly number[]): string {
  let out = "";
  let from = 0;
  for (const at of offsets) {
    out += `${text.slice(from, at)} `;
    from = at + 1;
  }
  return out + text.slice(from);
}

/**
 * True when every offset lies inside a flow collection of the documents: there a line's leading white space is
 * folded away whatever it is, so a space reads exactly as go-yaml reads the tab.
 */
export function insideFlow(documents: readonly Document.Parsed[], offsets: readonly number[]): boolean {
  const ranges: [number, number][] = [];
  for (const doc of documents)
    visit(doc, (_key, node) => {
      if ((isSeq(node) || isMap(node)) && node.flow && node.range) {
        ranges.push([node.range[0], node.range[1]]);
        return visit.SKIP; // nested collections lie inside this one
      }
      return undefined;
    });
  return offsets.every((at) => ranges.some(([lo, hi]) => lo < at && at < hi));
}
