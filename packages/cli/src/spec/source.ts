// Spec text → YAML documents that remember positions, and paths → `file:line:col`.
import { type Diagnostic, type DiagnosticInit, diagnostic } from "@netpol/core";
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";

/** A key or index inside a document. */
export type PathSegment = string | number;

/** One spec document with what is needed to point at any of its nodes. */
export interface SpecSource {
  /** The file name as given on the command line (`-` for stdin). */
  readonly file: string;
  /** The parsed document. */
  readonly document: Document;
  /** Offsets → lines and columns. */
  readonly lineCounter: LineCounter;
}

/** Renders a path as `policies[0].ingress.rules[1]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const s of path) out += typeof s === "number" ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

interface Found {
  /** The deepest node reached. */
  node: Node | undefined;
  /** The key node of the last map entry walked through, if the walk ended on it. */
  key: Node | undefined;
}

function pairs(node: Node) {
  return isMap(node) ? node.items : [];
}

/** Walks `segments` and then a dotted `rest` (as core writes paths; keys may contain dots) as deep as they exist. */
/** Other names a path segment may have in the spec (core says `cidr`, the spec `ipv4`); "" skips the segment. */
export type PathAliases = Readonly<Record<string, readonly string[]>>;

function walk(root: Node | null, segments: readonly PathSegment[], rest: string, aliases: PathAliases): Found {
  let node: Node | undefined = root ?? undefined;
  let key: Node | undefined;
  const stepKey = (k: string): boolean => {
    const pair = node ? pairs(node).find((p) => isScalar(p.key) && String(p.key.value) === k) : undefined;
    if (!pair) return false;
    key = pair.key as Node;
    node = (pair.value as Node | null) ?? undefined;
    return true;
  };
  const stepIndex = (i: number): boolean => {
    const item = node && isSeq(node) ? (node.items[i] as Node | undefined) : undefined;
    if (!item) return false;
    node = item;
    key = undefined;
    return true;
  };
  for (const s of segments) {
    const before = node;
    if (!(typeof s === "number" ? stepIndex(s) : stepKey(s))) return { node: before, key };
    if (!node) return { node: undefined, key };
  }
  let r = rest;
  while (r.length > 0 && node) {
    const index = /^\[(\d+)\]/.exec(r);
    if (index) {
      if (!stepIndex(Number(index[1]))) break;
      r = r.slice(index[0].length);
    } else {
      // The longest key that the path continues with wins: label keys such as `app.kubernetes.io/name` hold dots.
      const keys = pairs(node)
        .map((p) => (isScalar(p.key) ? String(p.key.value) : ""))
        .filter((k) => k && (r === k || r.startsWith(`${k}.`) || r.startsWith(`${k}[`)))
        .sort((a, b) => b.length - a.length);
      const k = keys[0];
      if (k !== undefined && stepKey(k)) r = r.slice(k.length);
      else {
        const segment = /^[^.[]+/.exec(r)?.[0] ?? "";
        const alias = aliases[segment]?.find((a) => a === "" || stepKey(a));
        if (alias === undefined) break;
        r = r.slice(segment.length);
      }
    }
    if (r.startsWith(".")) r = r.slice(1);
  }
  return { node, key };
}

/** The 1-based position of a path (segments, then an optional dotted rest), or of its nearest existing parent. */
export function positionOf(
  source: SpecSource,
  segments: readonly PathSegment[],
  options: { rest?: string; onKey?: boolean; aliases?: PathAliases } = {},
): { line: number; column: number } {
  const { node, key } = walk(source.document.contents, segments, options.rest ?? "", options.aliases ?? {});
  const target = options.onKey && key ? key : (node ?? key);
  const offset = target?.range?.[0] ?? source.document.contents?.range?.[0] ?? 0;
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/** Builds a diagnostic located at a path of a spec document. */
export function specDiagnostic(
  source: SpecSource,
  segments: readonly PathSegment[],
  init: Omit<DiagnosticInit, "path"> & { rest?: string; onKey?: boolean; aliases?: PathAliases },
): Diagnostic {
  const { rest, onKey, aliases, ...fields } = init;
  const at = positionOf(source, segments, {
    ...(rest ? { rest } : {}),
    ...(onKey ? { onKey } : {}),
    ...(aliases ? { aliases } : {}),
  });
  const base = formatPath(segments);
  const path = !rest ? base : !base || rest.startsWith("[") ? base + rest : `${base}.${rest}`;
  return diagnostic({ ...fields, path, file: source.file, line: at.line, column: at.column });
}

/** Parses YAML or JSON text (possibly several `---` documents) and reports syntax errors with positions. */
export function parseYamlText(
  text: string,
  file: string,
): { sources: SpecSource[]; values: unknown[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const out = { sources: [] as SpecSource[], values: [] as unknown[], diagnostics: [] as Diagnostic[] };
  for (const document of Array.isArray(documents) ? documents : []) {
    if (document.errors.length > 0) {
      for (const e of document.errors) {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        const what = e.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
        out.diagnostics.push(
          diagnostic({
            code: "yaml-syntax",
            path: "",
            message: `malformed YAML: ${what}`,
            expected: "valid YAML or JSON",
            file,
            line,
            column: col,
          }),
        );
      }
      continue;
    }
    if (document.contents === null) continue;
    out.sources.push({ file, document, lineCounter });
    out.values.push(document.toJS({ maxAliasCount: 100 }));
  }
  return out;
}

/** Parses a spec file's text: like parseYamlText, and a file without any document is an error. */
export function parseSpecText(
  text: string,
  file: string,
): { sources: SpecSource[]; values: unknown[]; diagnostics: Diagnostic[] } {
  const out = parseYamlText(text, file);
  if (out.diagnostics.length === 0 && out.sources.length === 0) {
    out.diagnostics.push(
      diagnostic({
        code: "empty-spec",
        path: "",
        message: "the file holds no spec document",
        expected: `apiVersion: netpol.dev/v1alpha1 and kind: NetworkPolicySpec`,
        file,
        line: 1,
        column: 1,
      }),
    );
  }
  return out;
}
