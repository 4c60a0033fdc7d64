// Reading manifest text (YAML multi-document or JSON) into plain objects that remember where they came from.
import {
  type Diagnostic,
  DiagnosticBag,
  type DiagnosticCode,
  type DiagnosticPath,
  formatPath,
  restate,
} from "../errors.js";
import { isRecord } from "../input.js";
import { positionOf, readYaml, type YamlDocument, type YamlLimits } from "./yaml.js";

/** Where one manifest object was read from: enough to locate any path inside it. */
export interface ObjectSource {
  /** The YAML document holding the object. */
  readonly document: YamlDocument;
  /** Path of the object inside its document (`["items", 3]` for an item of a List). */
  readonly basePath: DiagnosticPath;
}

/** Plain manifest objects with their sources and the problems met while reading them. */
export interface ReadResult {
  /** Every manifest object, in file order, Lists flattened. */
  readonly objects: unknown[];
  /** The source of each object read from text (keyed by the object itself). */
  readonly sources: Map<unknown, ObjectSource>;
  /** Warnings (skipped documents, YAML 1.1 readings) and errors (malformed YAML, limits). */
  readonly diagnostics: Diagnostic[];
}

/** Options of `readManifestText`. */
export interface ReadTextOptions {
  /** Limits of the YAML reader (size, aliases, depth, documents). */
  readonly limits?: Partial<YamlLimits>;
}

/** The file, line and column of `path` (relative to the object) in its source, or of its nearest existing parent. */
export function locate(
  source: ObjectSource,
  path: DiagnosticPath = [],
  options: { readonly onKey?: boolean } = {},
): { file: string; line: number; column: number } {
  const { line, column } = positionOf(source.document, [...source.basePath, ...path], options);
  return { file: source.document.file, line, column };
}

/** `file:line:col` of an object, for messages naming another place. */
export function placeOf(source: ObjectSource | undefined): string {
  if (!source) return "an earlier object";
  const { file, line, column } = locate(source);
  return `${file === "-" ? "<stdin>" : file}:${line}:${column}`;
}

/** A manifest object as messages name it: `Kind namespace/name`. */
export function describeObject(object: unknown): string {
  const o = isRecord(object) ? object : {};
  const meta = isRecord(o.metadata) ? o.metadata : {};
  const name = typeof meta.name === "string" && meta.name !== "" ? meta.name : "(unnamed)";
  const kind = typeof o.kind === "string" ? o.kind : "object";
  return `${kind} ${typeof meta.namespace === "string" && meta.namespace !== "" ? `${meta.namespace}/` : ""}${name}`;
}

/** Problems of a key itself (a misspelled or unknown field): they point at the key, not at its value. */
const ON_KEY: ReadonlySet<DiagnosticCode> = new Set(["unknown-key", "unknown-field"]);

/**
 * A problem in a manifest object, as every front end words it: the object named (`NetworkPolicy shop/db`), the
 * field in the path, positioned at the field when the object was read from text.
 */
export function positioned(d: Diagnostic, object: unknown, source: ObjectSource | undefined): Diagnostic {
  const subject = object === undefined ? {} : { subject: describeObject(object) };
  return source ? { ...d, ...subject, ...locate(source, d.path, { onKey: ON_KEY.has(d.code) }) } : { ...d, ...subject };
}

/** Parses YAML (multi-document, YAML 1.1 as Kubernetes reads it) or JSON text into manifest objects; never throws. */
export function readManifestText(text: string, file: string, options: ReadTextOptions = {}): ReadResult {
  const result: ReadResult = { objects: [], sources: new Map(), diagnostics: [] };
  const { documents, problems } = readYaml(text, file, options.limits);
  for (const d of problems) result.diagnostics.push(restate(d, "manifest"));
  for (const document of documents) {
    const bag = new DiagnosticBag();
    const add = (value: unknown, basePath: DiagnosticPath, inherited: { kind?: string; apiVersion?: unknown }) => {
      const source: ObjectSource = { document, basePath };
      // Items of a typed list (`PodList`) may leave out their kind and apiVersion: they inherit them.
      if (isRecord(value) && inherited.kind !== undefined) {
        value.kind ??= inherited.kind;
        value.apiVersion ??= inherited.apiVersion;
      }
      if (!isRecord(value) || (value.kind === undefined && value.apiVersion === undefined)) {
        if (value !== null && value !== undefined)
          bag.warn("not-a-manifest", basePath, { document: document.index + 1 });
        return;
      }
      const kind = value.kind;
      if (typeof kind === "string" && kind.endsWith("List") && "items" in value) {
        const items = value.items;
        if (!Array.isArray(items))
          bag.error("type", [...basePath, "items"], { found: items, expected: "a list of objects" });
        else {
          const itemKind = kind === "List" ? undefined : kind.slice(0, -"List".length);
          const next = itemKind === undefined ? {} : { kind: itemKind, apiVersion: value.apiVersion };
          items.forEach((item, i) => add(item, [...basePath, "items", i], next));
        }
        return;
      }
      result.objects.push(value);
      result.sources.set(value, source);
    };
    add(document.value, [], {});
    for (const d of bag.items) {
      const { line, column } = positionOf(document, d.path);
      result.diagnostics.push({ ...d, file, line, column, path: [], message: pathNote(d) });
    }
  }
  return result;
}

/** A document-level message, with the list item it is about when that is not the whole document. */
function pathNote(d: Diagnostic): string {
  return d.path.length === 0 ? d.message : `${formatPath(d.path)}: ${d.message}`;
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
