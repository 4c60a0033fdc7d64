// Reading what callers hand in. Each option record is copied once — its own enumerable properties, each getter run
// once — and everything after checks and renders that copy: nothing comes through the prototype chain
// (`Object.prototype.default = "ALLOW"` must not open every policy) and a getter cannot say one thing to the check
// and another to the renderer. Unknown keys are errors: a misspelled `rule:` must not be ignored.
import type { DiagnosticBag, DiagnosticPath } from "./errors.js";
import { didYouMean } from "./text.js";

/** A record read from a caller: own data only, no prototype. */
export type OwnRecord = Readonly<Record<string, unknown>>;

/** True for an object that is no list (and no Map or Set: those hold their data elsewhere). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a record that holds its data in its own properties (not a Map, Set, Date, RegExp or promise). */
function holdsOwnData(value: object): boolean {
  return !(
    value instanceof Map ||
    value instanceof Set ||
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof Promise
  );
}

/**
 * A copy of `value`'s own enumerable string-keyed properties (each read once), without a prototype; properties set to
 * undefined are left out, as if absent. Undefined when `value` is no record of data.
 */
export function ownRecord(value: unknown): OwnRecord | undefined {
  if (!isRecord(value) || !holdsOwnData(value)) return undefined;
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A copy of a caller's list (each item read once); undefined when `value` is no list. */
export function ownList(value: unknown): readonly unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) out.push(value[i]);
  return out;
}

/**
 * Reads an option record: its own data (see ownRecord), with every key outside `known` reported as an error (and the
 * key it most likely meant). Reports `value` that is no record, and returns undefined then.
 */
export function readRecord<K extends string>(
  value: unknown,
  known: readonly K[],
  path: DiagnosticPath,
  bag: DiagnosticBag,
  expected: string,
): { readonly [P in K]: unknown } | undefined {
  if (!isRecord(value) || !holdsOwnData(value)) {
    bag.error("type", path, { found: value, expected });
    return undefined;
  }
  // Every known key is set, undefined when absent, so reading one never reaches the prototype; and the object keeps
  // one shape per list of keys, which V8 reads fast (a prototype-less copy would be a slow dictionary).
  const out = {} as Record<K, unknown>;
  for (const key of known) out[key] = undefined;
  for (const key of Object.keys(value)) {
    if ((known as readonly string[]).includes(key)) out[key as K] = value[key];
    else bag.error("unknown-key", [...path, key], { key, known, suggestion: didYouMean(key, known) });
  }
  return out;
}

/** Reads an optional list: undefined stays undefined; anything else but a list is reported. */
export function readList(
  value: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
  expected: string,
): readonly unknown[] | undefined {
  if (value === undefined) return undefined;
  const list = ownList(value);
  if (list === undefined) bag.error("type", path, { found: value, expected });
  return list;
}
