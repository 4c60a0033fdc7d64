// The one YAML serializer: every front end prints policies through it, so their bytes agree.
import { Document, isScalar, visit } from "yaml";
import { DiagnosticBag, type DiagnosticPath } from "../errors.js";

const OPTIONS = {
  version: "1.1",
  lineWidth: 0,
  indentSeq: true,
  aliasDuplicateObjects: false,
  sortMapEntries: false,
} as const;

// YAML 1.1 readers (kubectl's) take these for line breaks, even in quoted text: write them as escapes.
const BREAKS = /[\u0085\u2028\u2029]/;
const ESCAPES: Readonly<Record<string, string>> = { "\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P" };

/** Reports what YAML cannot hold as plain data: cycles, functions, symbols. */
function checkPlain(value: unknown, path: DiagnosticPath, seen: Set<object>, bag: DiagnosticBag): void {
  if (typeof value === "function" || typeof value === "symbol") {
    bag.error("not-serializable", path, { found: value, why: "type" });
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (seen.has(value)) {
    bag.error("not-serializable", path, { found: value, why: "cycle" });
    return;
  }
  seen.add(value);
  for (const [k, v] of Object.entries(value)) {
    if (bag.errorCount > 0) break;
    checkPlain(v, [...path, Array.isArray(value) ? Number(k) : k], seen, bag);
  }
  seen.delete(value);
}

/** One document's text; strings holding line breaks YAML 1.1 would fold are double-quoted with escapes. */
function documentText(manifest: object): string {
  const doc = new Document(manifest, OPTIONS);
  let escaped = false;
  visit(doc, {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === "string" && BREAKS.test(node.value)) {
        node.type = "QUOTE_DOUBLE";
        escaped = true;
      }
    },
  });
  const text = doc.toString(OPTIONS);
  // Only double-quoted scalars hold these characters now, where the escapes mean them.
  return escaped ? text.replace(/[\u0085\u2028\u2029]/g, (c) => ESCAPES[c] as string) : text;
}

/** Serializes manifests as multi-document YAML, one `---`-separated document each, ending in a newline. */
export function toYaml(manifests: readonly object[]): string {
  const bag = new DiagnosticBag();
  if (!Array.isArray(manifests)) bag.error("type", [], { found: manifests, expected: "a list of objects" });
  else
    manifests.forEach((m, i) => {
      if (typeof m !== "object" || m === null || Array.isArray(m))
        bag.error("type", [i], { found: m, expected: "an object (a manifest)" });
      else checkPlain(m, [i], new Set(), bag);
    });
  bag.throwIfErrors();
  return manifests.map(documentText).join("---\n");
}
