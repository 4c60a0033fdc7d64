// The one YAML reader of netpol: values as Kubernetes reads them (YAML 1.1 scalars and merge keys of go-yaml v2,
// behind sigs.k8s.io/yaml), positions for messages, and limits that keep any input linear in time and memory.
import { Buffer } from "node:buffer";
import type { Alias, Document, Pair, ParsedNode, Scalar, YAMLMap } from "yaml";
import { Composer, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, Parser } from "yaml";
import { type Diagnostic, type DiagnosticArgs, diagnostic } from "../errors.js";
import { insideFlow, leadingTabs, spacedTabs } from "./yaml-tabs.js";

/** What reading one text may cost at most. */
export interface YamlLimits {
  /** Size of the whole text in UTF-8 bytes. */
  readonly maxBytes: number;
  /** Aliases resolved per document, those inside a copied node counted again (as yaml's maxAliasCount). */
  readonly maxAliases: number;
  /** Nesting depth of collections, aliases expanded. */
  readonly maxDepth: number;
  /** Documents in one text. */
  readonly maxDocuments: number;
}

/** The limits where a caller sets none. */
export const DEFAULT_YAML_LIMITS: YamlLimits = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxAliases: 100,
  maxDepth: 256,
  maxDocuments: 100_000,
});

/** One document read without errors. */
export interface YamlDocument {
  /** The file name as given (`-` for stdin). */
  readonly file: string;
  /** 0-based index of the document in the file. */
  readonly index: number;
  /** The parsed document, for positions. */
  readonly document: Document.Parsed;
  /** Maps offsets of the text to lines and columns. */
  readonly lineCounter: LineCounter;
  /** The plain value as Kubernetes reads it: YAML 1.1 scalars, string keys, merge keys applied, aliases copied. */
  readonly value: unknown;
}

/** The codes of the reader's problems; their words are in messages.ts. */
type YamlCode =
  | "yaml-syntax"
  | "yaml-duplicate-key"
  | "yaml-limit"
  | "yaml-1.1"
  | "yaml-alias"
  | "yaml-merge"
  | "yaml-key";

/** Records a problem of `code` at an offset of the text. */
type Report = <C extends YamlCode>(at: number, code: C, args: DiagnosticArgs<C>, warning?: boolean) => void;

/** Thrown out of a document that Kubernetes would refuse as a whole, once the reason is reported. */
class Refusal extends Error {}

/** yaml's message without a capital or a code frame. */
const yamlMessage = (m: string): string => `${m.charAt(0).toLowerCase()}${m.slice(1).split("\n", 1)[0]}`;

// The plain scalars go-yaml v2 (resolve.go) looks up before trying numbers.
const WORDS = new Map<string, unknown>([
  ...["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map((w) => [w, true] as const),
  ...["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map((w) => [w, false] as const),
  ...["", "~", "null", "Null", "NULL"].map((w) => [w, null] as const),
  ...[".nan", ".NaN", ".NAN"].map((w) => [w, Number.NaN] as const),
  ...[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map((w) => [w, Number.POSITIVE_INFINITY] as const),
  ...["-.inf", "-.Inf", "-.INF"].map((w) => [w, Number.NEGATIVE_INFINITY] as const),
]);
// Go's strconv.ParseInt(s, 0, 64) once go-yaml drops every `_`: 0x, 0b, 0o in either case; a bare leading 0 is octal.
const GO_INT = /^([-+]?)(?:0([xX][0-9a-fA-F]+|[bB][01]+|[oO][0-7]+)|0([0-7]*)|([1-9][0-9]*))$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
// Text starting with "." goes to Go's ParseFloat as is, which takes `_` between digits.
const DOT_FLOAT = /^\.[0-9]+(?:_[0-9]+)*(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?$/;

/** Go's ParseFloat fails on overflow, and go-yaml then keeps the text. */
const finite = (n: number, source: string): unknown => (Number.isFinite(n) ? n : source);

/** The value go-yaml v2 gives an untagged plain scalar decoded into interface{} (where timestamps stay strings). */
export function yaml11Value(source: string): unknown {
  if (WORDS.has(source)) return WORDS.get(source);
  if (source.startsWith("."))
    return DOT_FLOAT.test(source) ? finite(Number(source.replaceAll("_", "")), source) : source;
  if (!/^[-+0-9]/.test(source)) return source;
  const plain = source.replaceAll("_", "");
  const [, sign, prefixed, octal, decimal] = GO_INT.exec(plain) ?? [];
  if (sign !== undefined) {
    const magnitude = BigInt(prefixed ? `0${prefixed}` : octal !== undefined ? `0o${octal || "0"}` : (decimal ?? "0"));
    // ParseInt takes int64; without a sign, ParseUint then takes up to 2^64-1; beyond, only decimals become floats.
    if (sign === "-" ? magnitude <= 2n ** 63n : magnitude < (sign ? 2n ** 63n : 2n ** 64n)) {
      return Number(sign === "-" ? -magnitude : magnitude);
    }
  }
  return GO_FLOAT.test(plain) ? finite(Number(plain), source) : source;
}

/** The value of a scalar node: YAML 1.1 for untagged plain scalars, else what yaml read. */
const scalarValue = (node: Scalar): unknown =>
  node.type === "PLAIN" && !node.tag ? yaml11Value(node.source ?? String(node.value)) : node.value;
const same = (a: unknown, b: unknown): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isPlain = (n: unknown, source: string): boolean =>
  isScalar(n) && n.type === "PLAIN" && !n.tag && n.source === source;

/**
 * The text of plain scalars that YAML 1.1 reads as another type than text (`y` → true, `010` → 8), by their container
 * and key: where a field takes a string, that text is what its author wrote.
 */
const written = new WeakMap<object, Map<string | number, string>>();

/** The text a plain scalar at `key` of `container` was written as, when YAML 1.1 read it as a boolean or number. */
export function writtenText(container: object, key: string | number): string | undefined {
  return written.get(container)?.get(key);
}

function remember(container: object, key: string | number, node: ParsedNode | null): void {
  if (!isScalar(node) || node.type !== "PLAIN" || node.tag || typeof node.source !== "string") return;
  if (typeof yaml11Value(node.source) === "string") return;
  const texts = written.get(container) ?? new Map<string | number, string>();
  written.set(container, texts);
  texts.set(key, node.source);
}

/** Sets `key` as an own property, even `__proto__`. */
function assign(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}

/** Builds the plain value of a document in one walk: 1.1 warnings, duplicate keys, aliases copied within bounds. */
function toValue(doc: Document.Parsed, limits: YamlLimits, report: Report, lineOf: (at: number) => number): unknown {
  const anchors = new Map<string, ParsedNode>(); // the last anchor of each name, set once its node is complete
  const open = new Set<string>(); // anchors whose node is being walked
  const bound = new Map<Alias, ParsedNode>(); // each alias to the node it named where it stands
  // Copies may add one node per character of the document (at least 10,000): work stays linear in the input.
  const budget = Math.max(10_000, doc.range[2] - doc.range[0]);
  let aliases = 0;
  let copied = 0;
  let copying = 0; // > 0 inside an alias: its nodes were checked where they stand, so nothing is reported twice
  const refuse = <C extends YamlCode>(node: ParsedNode, code: C, args: DiagnosticArgs<C>): never => {
    report(node.range[0], code, args);
    throw new Refusal();
  };
  const alias = (node: Alias.Parsed, depth: number): unknown => {
    let target = bound.get(node);
    if (!target) {
      const name = node.source;
      if (open.has(name)) refuse(node, "yaml-alias", { name, inside: true });
      target = anchors.get(name) ?? refuse(node, "yaml-alias", { name, inside: false });
      bound.set(node, target);
    }
    if (++aliases > limits.maxAliases) refuse(node, "yaml-limit", { limit: "maxAliases", value: limits.maxAliases });
    copying++;
    const value = walk(target, depth);
    copying--;
    return value;
  };
  const map = (node: YAMLMap.Parsed, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const seen = copying ? undefined : new Map<string, number>();
    for (const { key, value } of node.items) {
      if (isPlain(key, "<<")) {
        // go-yaml v2 merges in document order, over keys set before; in a list, earlier maps win.
        const maps = (isSeq(value) ? (value.items as ParsedNode[]) : [value]).map((source) => {
          const v = walk(source, depth + 1);
          return isRecord(v) ? v : refuse(source ?? key, "yaml-merge", {});
        });
        for (const m of maps.reverse()) for (const [k, v] of Object.entries(m)) assign(out, k, v);
        continue;
      }
      const k = walk(key, depth + 1);
      if (typeof k === "object" && k !== null) refuse(key, "yaml-key", {});
      const name = String(k); // sigs.k8s.io/yaml turns every key into a string
      const first = seen?.get(name);
      if (first === undefined) seen?.set(name, key.range[0]);
      else report(key.range[0], "yaml-duplicate-key", { key: name, firstLine: lineOf(first) });
      assign(out, name, walk(value, depth + 1));
      remember(out, name, value);
    }
    return out;
  };
  const walk = (node: ParsedNode | null, depth: number): unknown => {
    if (!node) return null;
    if (depth > limits.maxDepth) refuse(node, "yaml-limit", { limit: "maxDepth", value: limits.maxDepth });
    if (copying && ++copied > budget) refuse(node, "yaml-limit", { limit: "copies", value: budget });
    if (isAlias(node)) return alias(node, depth);
    const anchor = copying ? undefined : node.anchor;
    if (anchor) open.add(anchor);
    let value: unknown;
    if (isSeq(node)) {
      const items = node.items as ParsedNode[];
      const list = items.map((item) => walk(item, depth + 1));
      items.forEach((item, i) => remember(list, i, item));
      value = list;
    } else if (isMap(node)) value = map(node, depth);
    else {
      value = scalarValue(node);
      if (!copying && !same(value, node.value))
        report(node.range[0], "yaml-1.1", { text: node.source, yaml11: value, yaml12: node.value }, true);
    }
    if (anchor) open.delete(anchor);
    if (anchor) anchors.set(anchor, node);
    return value;
  };
  return walk(doc.contents, 0);
}

const COLLECTIONS = new Set(["block-map", "block-seq", "flow-collection"]);

/** The first collection open in the parser deeper than `maxDepth`, if any (counted only when it may be). */
function tooDeep(parser: Parser, maxDepth: number): { offset: number } | undefined {
  return parser.stack.length > maxDepth + 1 ? parser.stack.filter((t) => COLLECTIONS.has(t.type))[maxDepth] : undefined;
}

/** What reading one text gives: the documents read, and every problem. */
type YamlRead = { documents: YamlDocument[]; problems: Diagnostic[] };

/**
 * Reads YAML or JSON text (any number of `---` documents) as Kubernetes reads it. Never throws: every problem is
 * returned; a document with an error, or empty, or only comments, gives no entry, and the others still read.
 */
export function readYaml(text: string, file: string, limits: Partial<YamlLimits> = {}): YamlRead {
  const read = readText(text, file, limits);
  const errors = (r: YamlRead) => r.problems.filter((p) => p.severity === "error").length;
  if (errors(read) === 0) return read;
  // Tabs starting lines inside flow collections, which go-yaml skips: read again with spaces there.
  const tabs = leadingTabs(text);
  if (tabs.length === 0) return read;
  const retry = readText(spacedTabs(text, tabs), file, limits);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0; // documents' offsets leave it out
  const inFlow = insideFlow(
    retry.documents.map((d) => d.document),
    tabs.map((t) => t - bom),
  );
  return inFlow && errors(retry) < errors(read) ? retry : read;
}

/** Reads a text once, as `readYaml` describes. */
function readText(text: string, file: string, limits: Partial<YamlLimits>): YamlRead {
  const lim: YamlLimits = { ...DEFAULT_YAML_LIMITS, ...limits };
  const read: YamlRead = { documents: [], problems: [] };
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0); // as Parser.parse() does
  const report: Report = (at, code, args, warning) => {
    const { line, col } = lineCounter.linePos(Math.max(0, at));
    read.problems.push({ ...diagnostic(code, [], args, warning ? "warning" : "error"), file, line, column: col });
  };
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > lim.maxBytes) {
    report(0, "yaml-limit", { limit: "maxBytes", value: lim.maxBytes, found: bytes });
    return read;
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors do not count a BOM as a column
  const parser = new Parser(lineCounter.addNewLine);
  // The core schema gives each scalar's YAML 1.2 value to compare with, whatever %YAML says. Like go-yaml v2, no
  // !!set, !!omap or !!binary: such tags are reported as unknown and their nodes read as plain maps, lists, strings.
  const composer = new Composer({ schema: "core", uniqueKeys: false, resolveKnownTags: false });
  const indices: number[] = [];
  let count = 0;
  const finish = (doc: Document.Parsed): void => {
    const index = indices.shift() ?? count;
    for (const e of doc.errors) report(e.pos[0], "yaml-syntax", { detail: yamlMessage(e.message) });
    for (const w of doc.warnings) report(w.pos[0], "yaml-syntax", { detail: yamlMessage(w.message) }, true);
    if (doc.errors.length > 0 || !doc.contents || isPlain(doc.contents, "")) return;
    const before = read.problems.length;
    try {
      const value = toValue(doc, lim, report, (at) => lineCounter.linePos(at).line);
      if (read.problems.slice(before).every((p) => p.severity === "warning")) {
        read.documents.push({ file, index, document: doc, lineCounter, value });
      }
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
    }
  };
  // Parser.parse() by hand, to stop at the first lexeme too deep: yaml's composer recurses and would overflow.
  try {
    // Gives a token to the composer; false once the document limit is reached.
    const feed = (token: Parameters<Composer["next"]>[0]): boolean => {
      if (token.type === "document") {
        if (count >= lim.maxDocuments) {
          report(token.offset, "yaml-limit", { limit: "maxDocuments", value: lim.maxDocuments, stopped: true });
          return false;
        }
        indices.push(count++);
      }
      for (const doc of composer.next(token)) finish(doc);
      return true;
    };
    let reading = true; // until a limit stops it
    for (const lexeme of new Lexer().lex(source)) {
      for (const token of parser.next(lexeme)) reading &&= feed(token);
      const deep = reading ? tooDeep(parser, lim.maxDepth) : undefined;
      if (deep) {
        report(deep.offset, "yaml-limit", { limit: "maxDepth", value: lim.maxDepth, stopped: true });
        reading = false;
      }
      if (!reading) break;
    }
    if (reading) for (const token of parser.end()) reading &&= feed(token);
    for (const doc of composer.end(true, source.length)) finish(doc);
  } catch (e) {
    // Only a maxDepth raised far beyond the default can exhaust the stack: say so rather than crash.
    if (!(e instanceof RangeError)) throw e;
    report(0, "yaml-limit", { limit: "stack", value: lim.maxDepth });
  }
  return read;
}

/** The text of a key, as its map's plain value has it. */
const keyText = (node: unknown): string | undefined => (isScalar(node) ? String(scalarValue(node)) : undefined);

/** The pairs of each map looked into, by key text, the last of each key (as Kubernetes keeps the last). */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

/**
 * The pair of `key` in `map`. Indexed on first use: a message per key of a map of 40,000 keys stays linear.
 */
function pairOf(map: YAMLMap, key: string | number): Pair | undefined {
  let index = pairIndex.get(map);
  if (index === undefined) {
    index = new Map();
    for (const pair of map.items as Pair[]) {
      const text = keyText(pair.key);
      if (text !== undefined) index.set(text, pair);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(key));
}

/**
 * The 1-based position of `path` (keys and indices, so keys may hold dots; `["items", 3, …]` for a List item), or of
 * its deepest existing part; with `onKey`, of the key of that part if a map holds it. An empty value is at its key.
 */
export function positionOf(
  source: { readonly document: Document; readonly lineCounter: LineCounter },
  path: readonly (string | number)[],
  options: { readonly onKey?: boolean } = {},
): { line: number; column: number } {
  let node: unknown = source.document.contents;
  let key: unknown;
  for (const segment of path) {
    if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
      node = node.items[segment];
      key = undefined;
    } else if (isMap(node)) {
      const pair = pairOf(node, segment);
      if (!pair) break;
      node = pair.value;
      key = pair.key;
    } else break;
  }
  const target = (options.onKey || !node || isPlain(node, "")) && key ? key : node;
  const range = (target as { range?: [number, number, number] } | null)?.range;
  const { line, col } = source.lineCounter.linePos(range?.[0] ?? source.document.contents?.range?.[0] ?? 0);
  return { line, column: col };
}

/** The node at exactly `path` in a document, or undefined where the path leaves it. */
export function nodeAt(source: { readonly document: Document }, path: readonly (string | number)[]): unknown {
  let node: unknown = source.document.contents;
  for (const segment of path) {
    if (isSeq(node) && typeof segment === "number") node = node.items[segment];
    else if (isMap(node)) {
      const pair = pairOf(node, segment);
      // A key without a value is there all the same.
      node = pair === undefined ? undefined : (pair.value ?? null);
    } else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}
