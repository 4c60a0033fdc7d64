// Reading manifest text (YAML multi-document or JSON) into plain objects that remember where they came from.
import { type Document, isCollection, isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from "yaml";
import { type Diagnostic, diagnostic } from "../errors.js";
import { isRecord } from "../options.js";

/** A 1-based position in a source file. */
export interface SourcePosition {
  /** The 1-based line. */
  readonly line: number;
  /** The 1-based column. */
  readonly column: number;
}

/** Where one manifest object was read from: enough to locate any path inside it. */
export interface ObjectSource {
  /** The file name as given (or `-` for stdin). */
  readonly file: string;
  /** The parsed YAML document holding the object. */
  readonly document: Document;
  /** Maps offsets of the file to lines and columns. */
  readonly lineCounter: LineCounter;
  /** Path of the object inside its document (`["items", 3]` for an item of a List). */
  readonly basePath: readonly (string | number)[];
}

/** Plain manifest objects with their sources and the problems met while reading them. */
export interface ReadResult {
  /** Every manifest object, in file order, Lists flattened. */
  readonly objects: unknown[];
  /** The source of each object read from text (keyed by the object itself). */
  readonly sources: Map<unknown, ObjectSource>;
  /** Warnings (skipped documents) and errors (malformed YAML). */
  readonly diagnostics: Diagnostic[];
}

/** Splits a dotted path (`spec.ingress[0].ports[1].port`) into keys and indices. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/** The 1-based position of `path` (dotted, relative to the object) in its source, or of its nearest existing parent. */
export function locate(source: ObjectSource, path: string | readonly (string | number)[] = ""): SourcePosition {
  const segments = [...source.basePath, ...(typeof path === "string" ? parsePath(path) : path)];
  const offset = deepestNode(source.document.contents, segments)?.range?.[0] ?? 0;
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/** Walks `segments` as deep as they exist; a key may itself hold dots (`app.kubernetes.io/name`), so when a
 * segment is no key, it is joined with the next ones until one is. */
function deepestNode(
  root: unknown,
  segments: readonly (string | number)[],
): { range?: [number, number, number] } | undefined {
  let node = root as { range?: [number, number, number] } | null | undefined;
  for (let i = 0; i < segments.length && node; ) {
    const seg = segments[i] as string | number;
    if (isSeq(node) && typeof seg === "number") {
      const next = node.items[seg] as typeof node | undefined;
      if (!next) break;
      node = next;
      i++;
      continue;
    }
    if (!isMap(node)) break;
    let key = String(seg);
    let j = i;
    let pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === key);
    while (!pair && j + 1 < segments.length && typeof segments[j + 1] === "string") {
      j++;
      key = `${key}.${segments[j] as string}`;
      pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === key);
    }
    if (!pair) break;
    node = (pair.value ?? pair.key) as typeof node;
    i = j + 1;
  }
  return node ?? undefined;
}

/** Adds `file`, `line` and `column` to a diagnostic about an object read from text. */
export function withPosition(d: Diagnostic, source: ObjectSource | undefined): Diagnostic {
  if (!source) return d;
  const { line, column } = locate(source, d.path);
  return { ...d, file: source.file, line, column };
}

/** A manifest object as messages name it: `Kind namespace/name`. */
export function describeObject(object: unknown): string {
  const o = isRecord(object) ? object : {};
  const meta = isRecord(o.metadata) ? o.metadata : {};
  const name = typeof meta.name === "string" ? meta.name : "(unnamed)";
  return `${String(o.kind)} ${typeof meta.namespace === "string" ? `${meta.namespace}/` : ""}${name}`;
}

/**
 * A problem in a field of a manifest object, as every front end words it: the object and the field named in the
 * message (`NetworkPolicy shop/db: spec.ingress[0].ports[0].port: …`), positioned at the field when read from text.
 */
export function objectDiagnostic(d: Diagnostic, object: unknown, source: ObjectSource | undefined): Diagnostic {
  const field = d.path ? `${d.path}: ` : "";
  return withPosition({ ...d, message: `${describeObject(object)}: ${field}${d.message}` }, source);
}

/** True for a value shaped like a Kubernetes object (`apiVersion` and `kind` strings). */
export function isManifestObject(v: unknown): v is Record<string, unknown> & { kind: string; apiVersion: string } {
  return isRecord(v) && typeof v.kind === "string" && typeof v.apiVersion === "string";
}

function isListObject(v: Record<string, unknown>): boolean {
  return typeof v.kind === "string" && v.kind.endsWith("List") && Array.isArray(v.items);
}

/** Parses YAML (multi-document) or JSON text into manifest objects; never throws on bad input. */
export function readManifestText(text: string, file: string): ReadResult {
  const lineCounter = new LineCounter();
  const result: ReadResult = { objects: [], sources: new Map(), diagnostics: [] };
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  if (!Array.isArray(docs)) return result;
  docs.forEach((document, docIndex) => {
    if (document.errors.length > 0) {
      for (const err of document.errors) {
        result.diagnostics.push(
          diagnostic({
            code: "yaml-syntax",
            path: "",
            message: `malformed YAML in document ${docIndex + 1}: ${err.message.split("\n")[0]}`,
            ...at(err.pos[0]),
          }),
        );
      }
      return;
    }
    if (document.contents === null) return;
    const value: unknown = document.toJS({ maxAliasCount: -1 });
    if (value === null || value === undefined) return;
    const start = at(document.contents.range?.[0] ?? 0);
    const add = (obj: unknown, basePath: (string | number)[]) => {
      if (!isManifestObject(obj)) {
        result.diagnostics.push(
          diagnostic({
            severity: "warning",
            code: "not-a-manifest",
            path: basePath.length ? `items[${basePath[1]}]` : "",
            message: `skipped document ${docIndex + 1}: not a Kubernetes object (no apiVersion and kind)`,
            ...start,
          }),
        );
        return;
      }
      result.objects.push(obj);
      result.sources.set(obj, { file, document, lineCounter, basePath });
    };
    if (isRecord(value) && isListObject(value) && isCollection(document.contents)) {
      // Items of a typed list (`PodList`) may omit their kind and apiVersion: they inherit them.
      const itemKind = value.kind === "List" ? undefined : (value.kind as string).slice(0, -"List".length);
      (value.items as unknown[]).forEach((item, i) => {
        if (itemKind && isRecord(item)) {
          item.kind ??= itemKind;
          item.apiVersion ??= value.apiVersion;
        }
        add(item, ["items", i]);
      });
    } else add(value, []);
  });
  return result;
}

/** Concatenates read results, keeping order. */
export function mergeReadResults(results: readonly ReadResult[]): ReadResult {
  const out: ReadResult = { objects: [], sources: new Map(), diagnostics: [] };
  for (const r of results) {
    for (const o of r.objects) out.objects.push(o);
    for (const [k, v] of r.sources) out.sources.set(k, v);
    for (const d of r.diagnostics) out.diagnostics.push(d);
  }
  return out;
}
