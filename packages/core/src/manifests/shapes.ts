// Reading a manifest object as the API server decodes it: every field netpol reads has a shape, checked and copied.
// Null is read in this one place, as Go's JSON decoding reads it: a field set to null is absent, a null item of a
// list is the item's zero value (`{}` for an object, `""` for a string). Unknown fields are errors in strict shapes;
// in loose ones (the parts of a pod spec netpol does not read, which newer Kubernetes versions extend) they are
// errors only when they look like a misspelled known field, and warnings otherwise.
import type { DiagnosticBag, DiagnosticPath } from "../errors.js";
import { didYouMean } from "../text.js";
import { writtenText } from "./yaml.js";

/** The shape of a value in a manifest. */
export type Shape =
  | {
      readonly type: "object";
      readonly fields: Readonly<Record<string, Shape>>;
      /** Unknown fields are tolerated with a warning (unless misspelled known ones). */
      readonly loose?: boolean;
    }
  | { readonly type: "map"; readonly values: Shape }
  | { readonly type: "list"; readonly items: Shape }
  | { readonly type: "string" | "integer" | "boolean" | "int-or-string" | "any" };

/** An object of these fields, unknown fields refused. */
export const object = (fields: Record<string, Shape>): Shape => ({ type: "object", fields });
/** An object of these fields, unknown fields tolerated (see the top of this file). */
export const looseObject = (fields: Record<string, Shape>): Shape => ({ type: "object", fields, loose: true });
/** A list of `items`. */
export const list = (items: Shape): Shape => ({ type: "list", items });
/** A map of string keys to `values`. */
export const map = (values: Shape): Shape => ({ type: "map", values });
/** A string. */
export const string: Shape = { type: "string" };
/** An integer. */
export const integer: Shape = { type: "integer" };
/** true or false. */
export const boolean: Shape = { type: "boolean" };
/** An integer or a string (`port`). */
export const intOrString: Shape = { type: "int-or-string" };
/** Anything: a field netpol does not read. */
export const any: Shape = { type: "any" };

/** Fields of `names` that netpol does not read. */
export function unread(...names: string[]): Record<string, Shape> {
  return Object.fromEntries(names.map((n) => [n, any]));
}

const EXPECTED: Readonly<Record<Shape["type"], string>> = {
  object: "a map of fields",
  map: "a map",
  list: "a list",
  string: "a string",
  integer: "an integer",
  boolean: "true or false",
  "int-or-string": "an integer or a string",
  any: "a value",
};

/** The zero value Go gives a null item of a list of `shape`. */
function zero(shape: Shape): unknown {
  switch (shape.type) {
    case "object":
    case "map":
      return {};
    case "list":
      return [];
    case "string":
      return "";
    case "integer":
      return 0;
    case "boolean":
      return false;
    default:
      return null;
  }
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads `value` as `shape`: a copy holding only known fields, nulls read as Go reads them; problems go to `bag`.
 * Undefined for an absent value, or one of the wrong type (reported).
 */
export function readShape(value: unknown, shape: Shape, path: DiagnosticPath, bag: DiagnosticBag): unknown {
  return readValue(value, shape, path, bag, undefined);
}

/**
 * Reads a value of a container; where a string is wanted and YAML 1.1 read a boolean or number (`name: y`), the text
 * as written is the string (the YAML reader warns that Kubernetes reads it otherwise).
 */
function readValue(
  value: unknown,
  shape: Shape,
  path: DiagnosticPath,
  bag: DiagnosticBag,
  text: string | undefined,
): unknown {
  if (value === null || value === undefined) return undefined;
  if (
    text !== undefined &&
    typeof value !== "string" &&
    (shape.type === "string" || (shape.type === "int-or-string" && typeof value !== "number"))
  )
    return text;
  switch (shape.type) {
    case "any":
      return value;
    case "string":
      return typeof value === "string" ? value : wrong(value, shape, path, bag);
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? value : wrong(value, shape, path, bag);
    case "boolean":
      return typeof value === "boolean" ? value : wrong(value, shape, path, bag);
    case "int-or-string":
      return typeof value === "string" || (typeof value === "number" && Number.isInteger(value))
        ? value
        : wrong(value, shape, path, bag);
    case "list": {
      if (!Array.isArray(value)) return wrong(value, shape, path, bag);
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        out.push(
          item === null ? zero(shape.items) : readValue(item, shape.items, [...path, i], bag, writtenText(value, i)),
        );
      }
      return out;
    }
    case "map": {
      if (!isPlain(value)) return wrong(value, shape, path, bag);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const v = readValue(value[key], shape.values, [...path, key], bag, writtenText(value, key));
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case "object": {
      if (!isPlain(value)) return wrong(value, shape, path, bag);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const field = Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
        if (field === undefined) unknownField(key, shape, [...path, key], bag);
        else {
          const v = readValue(value[key], field, [...path, key], bag, writtenText(value, key));
          if (v !== undefined) out[key] = v;
        }
      }
      return out;
    }
  }
}

function wrong(value: unknown, shape: Shape, path: DiagnosticPath, bag: DiagnosticBag): undefined {
  bag.error("type", path, { found: value, expected: EXPECTED[shape.type] });
  return undefined;
}

function unknownField(key: string, shape: Shape & { type: "object" }, path: DiagnosticPath, bag: DiagnosticBag): void {
  const known = Object.keys(shape.fields);
  const suggestion = didYouMean(key, known);
  const args = { key, known, suggestion };
  if (shape.loose && suggestion === undefined) bag.warn("unknown-field", path, args);
  else bag.error("unknown-key", path, args);
}
