// Deterministic ordering helpers: code-unit comparison, never locale-dependent.

/** Compares strings by UTF-16 code units, the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A stable key for a plain JSON value (objects' keys sorted). */
export function canonicalKey(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort(compareStrings)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Removes duplicates (by canonical key) and sorts by `compare`, then by key. */
export function uniqueSorted<T>(items: readonly T[], compare?: (a: T, b: T) => number): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(canonicalKey(item), item);
  return [...byKey.entries()]
    .sort(([ka, a], [kb, b]) => (compare ? compare(a, b) : 0) || compareStrings(ka, kb))
    .map(([, item]) => item);
}
