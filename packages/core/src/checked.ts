// Checks run once per frozen value: a deeply frozen config that passed its checks cannot change, so it passes again.
// Core's own values (workloads, selectors, namespaces, IP blocks) hand out frozen configs, so a config read a
// thousand times (a workload in a thousand connections) is checked once; anyone else's configs are checked each time.
import type { DiagnosticBag } from "./errors.js";
import type { Selection } from "./selection.js";

/** Key of the method by which a core selector hands out the Selection it keeps (checked when the selector was made). */
export const SELECTION: unique symbol = Symbol("selection");

/** The selection `value` keeps, when it is a core selector that keeps one (a workload). */
export function ownSelection(value: unknown): Selection | undefined {
  const own = (value as { [SELECTION]?: () => Selection } | undefined)?.[SELECTION];
  return typeof own === "function" ? own.call(value) : undefined;
}

const passed = new WeakSet<object>();

/** Runs `check` on `value` unless it is a deeply frozen value that already passed it without a single diagnostic. */
export function checkOnce<T>(
  value: T,
  path: string,
  bag: DiagnosticBag,
  check: (value: T, path: string, bag: DiagnosticBag) => void,
): void {
  if (typeof value !== "object" || value === null) {
    check(value, path, bag);
    return;
  }
  if (passed.has(value)) return;
  const before = bag.items.length;
  check(value, path, bag);
  // Warnings count too: they belong to every use, so a value that has any is checked (and reported) every time.
  if (bag.items.length === before && deeplyFrozen(value)) passed.add(value);
}

/**
 * Freezes `value` and everything it holds, and records that `value` passes its checks: for configs core builds out
 * of parts it has just checked (a workload's selector from its checked labels and namespace). Only `value` itself is
 * recorded — a part used on its own is checked then, once — as each record costs the garbage collector. Returns it.
 */
export function checkedValue<T>(value: T): T {
  if (typeof value === "object" && value !== null && !passed.has(value)) {
    deepFreeze(value);
    passed.add(value);
  }
  return value;
}

/** True for a value known to pass its checks; such a value is deeply frozen, so anything derived from it lasts. */
export function isChecked(value: unknown): boolean {
  return typeof value === "object" && value !== null && passed.has(value);
}

/** Freezes `value` and everything it holds (a checked value is frozen through already), and returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.freeze(value);
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key];
      if (typeof v === "object" && v !== null && !passed.has(v)) deepFreeze(v);
    }
  }
  return value;
}

function deeplyFrozen(value: object): boolean {
  if (!Object.isFrozen(value)) return false;
  for (const v of Object.values(value))
    if (typeof v === "object" && v !== null && !passed.has(v) && !deeplyFrozen(v)) return false;
  return true;
}
