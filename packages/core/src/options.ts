// Runtime checks of option objects, for plain JavaScript callers TypeScript cannot protect.
import type { DiagnosticBag } from "./errors.js";

/** Reports keys of `value` that are not in `allowed` (a misspelled `rule:` must not be ignored). */
export function checkKnownKeys(value: object, allowed: readonly string[], path: string, bag: DiagnosticBag): void {
  // Index loops on the hot paths of core: before the JIT optimizes them, each for-of runs an iterator.
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (!allowed.includes(key)) reportUnknownKey(key, allowed, path, bag);
  }
}

// Apart from the check: the check runs for every object core reads, the report almost never.
function reportUnknownKey(key: string, allowed: readonly string[], path: string, bag: DiagnosticBag): void {
  const close = allowed.find((a) => a.startsWith(key) || key.startsWith(a));
  bag.error({
    code: "unknown-key",
    path: path ? `${path}.${key}` : key,
    message: `unknown option "${key}"`,
    expected: `one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
    ...(close ? { hint: `Did you mean "${close}"?` } : {}),
  });
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
