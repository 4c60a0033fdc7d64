// Checks a parsed spec document against the spec's JSON Schema and says, for each problem, what was expected.
import type { JsonSchema } from "./schema.js";
import type { PathSegment } from "./source.js";

/** One place where a document does not match the schema. */
export interface SchemaProblem {
  /** Where, inside the document. */
  readonly path: readonly PathSegment[];
  /** Point at the key rather than its value (unknown keys). */
  readonly onKey?: boolean;
  /** Stable code. */
  readonly code: string;
  /** What is wrong. */
  readonly message: string;
  /** What was expected. */
  readonly expected?: string;
  /** How to fix it. */
  readonly hint?: string;
}

type Problems = SchemaProblem[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return "empty";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a map";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (typeof v === "number") return Number.isInteger(v) ? `the number ${v}` : `the decimal ${v}`;
  return `${typeof v} ${String(v)}`;
}

const TYPE_NAMES: Record<string, string> = {
  object: "a map",
  array: "a list",
  string: "a string",
  integer: "an integer",
  boolean: "true or false",
};

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case "object":
      return isRecord(v);
    case "array":
      return Array.isArray(v);
    case "string":
      return typeof v === "string";
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "boolean":
      return typeof v === "boolean";
    default:
      return false;
  }
}

function quoteList(values: readonly string[]): string {
  const q = values.map((v) => JSON.stringify(v));
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} or ${q[q.length - 1]}`;
}

/** Edit distance counting a swap of neighbours as one edit (`tpc` → `tcp`), to suggest the key that was meant. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The known word `key` is most likely a typo of, if any. */
export function suggestion(key: string, known: readonly string[]): string | undefined {
  const scored = known
    .map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) }))
    .filter(({ k, d }) => d <= Math.max(1, Math.floor(k.length / 3)) || k.startsWith(key) || key.startsWith(k))
    .sort((a, b) => a.d - b.d);
  return scored[0]?.k;
}

/** Validates documents against one root schema (resolving `#/definitions/…` references). */
export class SchemaValidator {
  constructor(private readonly root: JsonSchema) {}

  /** Every problem of `value`, in document order. */
  validate(value: unknown): SchemaProblem[] {
    const problems: Problems = [];
    this.check(value, this.root, [], problems);
    return problems;
  }

  private resolve(s: JsonSchema): JsonSchema {
    if (!s.$ref) return s;
    const name = s.$ref.replace("#/definitions/", "");
    const target = this.root.definitions?.[name];
    if (!target) throw new Error(`schema reference ${s.$ref} not found`);
    const { $ref: _, ...rest } = s;
    // Local keywords (a description) ride along with the target's; the target's title wins.
    return this.resolve({ ...rest, ...target });
  }

  /** What a schema accepts, in words. */
  expected(schema: JsonSchema): string {
    const s = this.resolve(schema);
    if (s.title) return s.title;
    if (s.const !== undefined) return JSON.stringify(s.const);
    if (s.enum) return quoteList(s.enum);
    if (s.oneOf) return s.oneOf.map((b) => this.expected(b)).join(", or ");
    const types = typeof s.type === "string" ? [s.type] : (s.type ?? []);
    return types.map((t) => TYPE_NAMES[t] ?? t).join(" or ") || "a value";
  }

  private check(value: unknown, schema: JsonSchema, path: PathSegment[], problems: Problems): void {
    const s = this.resolve(schema);
    if (s.oneOf) {
      this.checkOneOf(value, s, path, problems);
      return;
    }
    if (s.const !== undefined && value !== s.const) {
      problems.push({ path, code: "value", message: `found ${describeValue(value)}`, expected: this.expected(s) });
      return;
    }
    if (s.enum && !s.enum.includes(value as string)) {
      const near = typeof value === "string" ? suggestion(value, s.enum) : undefined;
      problems.push({
        path,
        code: "value",
        message: `found ${describeValue(value)}`,
        expected: quoteList(s.enum),
        ...(near ? { hint: `did you mean "${near}"?` } : {}),
      });
      return;
    }
    if (s.type !== undefined) {
      const types = typeof s.type === "string" ? [s.type] : s.type;
      if (!types.some((t) => typeMatches(t, value))) {
        problems.push({ path, code: "type", message: `found ${describeValue(value)}`, expected: this.expected(s) });
        return;
      }
    }
    if (s.pattern !== undefined && typeof value === "string" && !new RegExp(s.pattern, "u").test(value)) {
      problems.push({ path, code: "pattern", message: `found ${describeValue(value)}`, expected: this.expected(s) });
    }
    if (Array.isArray(value)) {
      if (s.minItems !== undefined && value.length < s.minItems) {
        problems.push({ path, code: "min-items", message: "the list is empty", expected: this.expected(s) });
      }
      if (s.items) for (const [i, item] of value.entries()) this.check(item, s.items, [...path, i], problems);
    }
    if (isRecord(value)) this.checkObject(value, s, path, problems);
  }

  private checkObject(value: Record<string, unknown>, s: JsonSchema, path: PathSegment[], problems: Problems): void {
    const known = Object.keys(s.properties ?? {});
    for (const key of s.required ?? []) {
      if (!(key in value)) {
        problems.push({
          path,
          code: "missing-key",
          message: `missing key "${key}"`,
          expected: `${key}: ${this.expected(s.properties?.[key] ?? {})}`,
        });
      }
    }
    if (s.not?.required?.every((k) => k in value)) {
      problems.push({
        path,
        code: "exclusive-keys",
        message: `${quoteList(s.not.required).replace(" or ", " and ")} cannot be used together`,
        expected: `one of ${quoteList(s.not.required)}`,
      });
    }
    for (const [key, v] of Object.entries(value)) {
      const prop = s.properties?.[key];
      if (prop) this.check(v, prop, [...path, key], problems);
      else if (typeof s.additionalProperties === "object")
        this.check(v, s.additionalProperties, [...path, key], problems);
      else if (s.additionalProperties === false) problems.push(this.unknownKey(key, known, [...path, key]));
    }
  }

  private unknownKey(key: string, known: readonly string[], path: PathSegment[]): SchemaProblem {
    const near = suggestion(key, known);
    return {
      path,
      onKey: true,
      code: "unknown-key",
      message: `unknown key "${key}"`,
      expected: known.length > 0 ? `one of ${quoteList(known)}` : "no keys",
      ...(near ? { hint: `did you mean "${near}"?` } : {}),
    };
  }

  private checkOneOf(value: unknown, s: JsonSchema, path: PathSegment[], problems: Problems): void {
    const branches = (s.oneOf ?? []).map((b) => this.resolve(b));
    const results = branches.map((b) => {
      const p: Problems = [];
      this.check(value, b, path, p);
      return { b, p };
    });
    if (results.some((r) => r.p.length === 0)) return;
    // Pick the branch the author most likely meant: the right type, then the most keys it knows.
    const typed = results.filter((r) => !r.p.some((p) => p.path.length === path.length && p.code === "type"));
    if (typed.length === 0) {
      problems.push({ path, code: "type", message: `found ${describeValue(value)}`, expected: this.expected(s) });
      return;
    }
    if (isRecord(value)) {
      const score = (b: JsonSchema) => Object.keys(value).filter((k) => k in (b.properties ?? {})).length;
      const best = typed.reduce((a, b) => (score(b.b) > score(a.b) ? b : a));
      if (score(best.b) === 0) {
        const known = [...new Set(typed.flatMap((r) => Object.keys(r.b.properties ?? {})))];
        const keys = Object.keys(value);
        if (keys.length === 0) {
          problems.push({ path, code: "type", message: "found an empty map", expected: this.expected(s) });
        } else
          for (const k of keys)
            problems.push({ ...this.unknownKey(k, known, [...path, k]), expected: this.expected(s) });
        return;
      }
      problems.push(...best.p);
      return;
    }
    const first = typed[0];
    if (typed.length === 1 && first) problems.push(...first.p);
    else problems.push({ path, code: "value", message: `found ${describeValue(value)}`, expected: this.expected(s) });
  }
}
