// Deterministic ordering: canonical keys of plain values, and lists sorted by them.
import { compareStrings } from "../text.js";

/** A stable key for a plain JSON value (objects' keys sorted). */
export function canonicalKey(value: unknown): string {
  // Written directly (no sorted copy): the same text as JSON.stringify of the value with its keys sorted.
  return write(value, false) as string;
}

const isIndexKey = (k: string) => /^(?:0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;

/** Keys in the order JSON.stringify prints an object built with sorted keys: integer-like keys first, ascending. */
function orderedKeys(value: object): string[] {
  const keys = Object.keys(value).sort(compareStrings);
  if (!keys.some(isIndexKey)) return keys;
  const indexes = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((k) => !isIndexKey(k))];
}

function write(value: unknown, inArray: boolean): string | undefined {
  if (value === undefined || typeof value === "function" || typeof value === "symbol") {
    return inArray ? "null" : undefined;
  }
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => write(v, true)).join(",")}]`;
  let out = "";
  for (const k of orderedKeys(value)) {
    const v = write((value as Record<string, unknown>)[k], false);
    if (v !== undefined) out += `${out ? "," : ""}${JSON.stringify(k)}:${v}`;
  }
  return `{${out}}`;
}

/** Removes duplicates (by canonical key) and sorts by `compare`, then by key. */
export function uniqueSorted<T>(items: readonly T[], compare?: (a: T, b: T) => number): T[] {
  if (items.length < 2) return [...items];
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(canonicalKey(item), item);
  return [...byKey.entries()]
    .sort(([ka, a], [kb, b]) => (compare ? compare(a, b) : 0) || compareStrings(ka, kb))
    .map(([, item]) => item);
}
