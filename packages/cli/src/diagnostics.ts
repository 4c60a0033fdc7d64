// How the CLI reports problems: `FILE:LINE:COL: [warning: ]what is wrong — what was expected`, one per line.
import type { Diagnostic } from "@netpol/core";

/** Process exit codes of every command. */
export const ExitCode = {
  /** Success. */
  OK: 0,
  /** Reserved for analysis findings. */
  FINDINGS: 1,
  /** Bad input or bad usage: nothing was written. */
  INPUT: 2,
  /** A bug in netpol itself. */
  INTERNAL: 3,
} as const;

/** Thrown to stop a command with exit code 2 after its diagnostics were collected. */
export class InputError extends Error {
  /** Every problem found (errors and warnings). */
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(`${diagnostics.length} problem(s)`);
    this.name = "InputError";
    this.diagnostics = diagnostics;
  }
}

/** Formats one diagnostic in the compiler style editors and CI annotate; without a file, as `netpol: …`. */
export function formatCliDiagnostic(d: Diagnostic): string {
  const file = d.file === "-" ? "<stdin>" : d.file;
  const where = file === undefined ? "netpol" : d.line === undefined ? file : `${file}:${d.line}:${d.column ?? 1}`;
  const level = d.severity === "warning" ? "warning: " : "";
  const expected = d.expected ? ` — expected ${d.expected}` : "";
  const hint = d.hint ? `. ${d.hint.charAt(0).toUpperCase()}${d.hint.slice(1)}` : "";
  return `${where}: ${level}${d.message}${expected}${hint}`;
}

/** Orders diagnostics by file (in first-seen order), then position; keeps the order of equal ones. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const files = new Map<string, number>();
  for (const d of ds) if (!files.has(d.file ?? "")) files.set(d.file ?? "", files.size);
  return ds
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (files.get(a.d.file ?? "") ?? 0) - (files.get(b.d.file ?? "") ?? 0) ||
        (a.d.line ?? 0) - (b.d.line ?? 0) ||
        (a.d.column ?? 0) - (b.d.column ?? 0) ||
        a.i - b.i,
    )
    .map(({ d }) => d);
}

/** Drops repeated diagnostics (same place, same message). */
export function uniqueDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = formatCliDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Writes diagnostics to stderr, sorted and without duplicates. */
export function printDiagnostics(ds: readonly Diagnostic[]): void {
  const lines = sortDiagnostics(uniqueDiagnostics(ds)).map(formatCliDiagnostic);
  if (lines.length > 0) process.stderr.write(`${lines.join("\n")}\n`);
}

/** True when any diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}
