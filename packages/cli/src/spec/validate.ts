// Checks a parsed spec document against the spec's JSON Schema and says, for each problem, what was expected.
import { type DiagnosticArgs, type DiagnosticCode, didYouMean, quoteList } from "@netpol/core";
import type { JsonSchema } from "./schema.js";

type PathSegment = string | number;

/** One place where a document does not match the schema: a core diagnostic code and its arguments. */
export type SchemaProblem = {
  [C in DiagnosticCode]: {
    /** Where, inside the document. */
    readonly path: readonly PathSegment[];
    /** Point at the key rather than its value (unknown keys). */
    readonly onKey?: boolean;
    readonly code: C;
    readonly args: DiagnosticArgs<C>;
  };
}[DiagnosticCode];

type Problems = SchemaProblem[];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

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
      problems.push({ path, code: "value", args: { found: value, expected: this.expected(s) } });
      return;
    }
    if (s.enum && !s.enum.includes(value as string)) {
      const suggestion = typeof value === "string" ? didYouMean(value, s.enum) : undefined;
      problems.push({ path, code: "value", args: { found: value, expected: quoteList(s.enum), suggestion } });
      return;
    }
    if (s.type !== undefined) {
      const types = typeof s.type === "string" ? [s.type] : s.type;
      if (!types.some((t) => typeMatches(t, value))) {
        problems.push({ path, code: "type", args: { found: value, expected: this.expected(s) } });
        return;
      }
    }
    if (Array.isArray(value)) {
      if (s.minItems !== undefined && value.length < s.minItems) {
        problems.push({ path, code: "empty-list", args: { expected: this.expected(s) } });
      }
      if (s.items) for (const [i, item] of value.entries()) this.check(item, s.items, [...path, i], problems);
    }
    if (isRecord(value)) this.checkObject(value, s, path, problems);
  }

  private checkObject(value: Record<string, unknown>, s: JsonSchema, path: PathSegment[], problems: Problems): void {
    const known = Object.keys(s.properties ?? {});
    for (const key of s.required ?? []) {
      if (!(key in value)) {
        problems.push({ path, code: "missing-key", args: { key, expected: this.expected(s.properties?.[key] ?? {}) } });
      }
    }
    if (s.not?.required?.every((k) => k in value)) {
      problems.push({ path, code: "exclusive-keys", args: { keys: s.not.required } });
    }
    for (const [key, v] of Object.entries(value)) {
      const prop = s.properties?.[key];
      if (prop) this.check(v, prop, [...path, key], problems);
      else if (typeof s.additionalProperties === "object")
        this.check(v, s.additionalProperties, [...path, key], problems);
      else if (s.additionalProperties === false) problems.push(this.unknownKey(key, known, [...path, key]));
    }
  }

  private unknownKey(key: string, known: readonly string[], path: PathSegment[], expected?: string): SchemaProblem {
    const args = { key, known, suggestion: didYouMean(key, known), ...(expected ? { expected } : {}) };
    return { path, onKey: true, code: "unknown-key", args };
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
      problems.push({ path, code: "type", args: { found: value, expected: this.expected(s) } });
      return;
    }
    if (isRecord(value)) {
      const score = (b: JsonSchema) => Object.keys(value).filter((k) => k in (b.properties ?? {})).length;
      const best = typed.reduce((a, b) => (score(b.b) > score(a.b) ? b : a));
      if (score(best.b) === 0) {
        const known = [...new Set(typed.flatMap((r) => Object.keys(r.b.properties ?? {})))];
        const keys = Object.keys(value);
        if (keys.length === 0) {
          problems.push({ path, code: "type", args: { found: value, expected: this.expected(s) } });
        } else for (const k of keys) problems.push(this.unknownKey(k, known, [...path, k], this.expected(s)));
        return;
      }
      problems.push(...best.p);
      return;
    }
    const first = typed[0];
    if (typed.length === 1 && first) problems.push(...first.p);
    else problems.push({ path, code: "value", args: { found: value, expected: this.expected(s) } });
  }
}
