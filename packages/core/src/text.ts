// Text shared by every message and every sorted list: one comparer, values echoed short, lists quoted, typos matched.

/** Compares strings by UTF-16 code units: the same order on every machine, whatever its locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The most characters of a value a message repeats: a 200 MB value must not come back whole in an error. */
export const ECHO_LIMIT = 80;

/** Cuts `text` to ECHO_LIMIT characters, marking the cut. */
export function cut(text: string): string {
  return text.length <= ECHO_LIMIT ? text : `${text.slice(0, ECHO_LIMIT - 1)}…`;
}

/** A value as messages echo it: strings quoted, numbers as written, anything else as short JSON; never throws. */
export function show(value: unknown): string {
  if (typeof value === "string") return cut(JSON.stringify(value));
  if (typeof value === "bigint") return `${cut(String(value))}n`;
  if (typeof value !== "object" || value === null) return String(value);
  try {
    return cut(JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)) ?? String(value));
  } catch {
    return Array.isArray(value) ? "[…]" : "{…}";
  }
}

/** What a value is, in words: `the string "x"`, `the number 80`, `a list`, `a map`, `empty`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Map) return "a Map";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `the string ${show(value)}`;
  if (typeof value === "number") return Number.isInteger(value) ? `the number ${value}` : `the decimal ${value}`;
  if (typeof value === "bigint") return `the BigInt ${show(value)}`;
  if (typeof value === "function") return "a function";
  return `${typeof value} ${show(value)}`;
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"` (with `and` when asked). */
export function quoteList(values: readonly string[], conjunction: "or" | "and" = "or"): string {
  const q = values.map((v) => show(v));
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} ${conjunction} ${q[q.length - 1]}`;
}

/** Edit distance counting a swap of neighbours as one edit (`tpc` → `tcp`). */
function distance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] as number) + 1);
      row.push(best);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length] as number;
}

/** The known word `word` is most likely a typo of (case ignored), if any. */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  if (word.length > 64) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = distance(w, k.toLowerCase());
    const close =
      d <= Math.max(1, Math.floor(k.length / 3)) ||
      (w.length >= 3 && (k.toLowerCase().startsWith(w) || w.startsWith(k.toLowerCase())));
    if (close && d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}
