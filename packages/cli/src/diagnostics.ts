// How the CLI reports problems: `FILE:LINE:COL: [warning: ]what is wrong — what was expected. Hint.`, one per line,
// through core's one formatter; and the exit codes of every command.
import { type Diagnostic, formatDiagnostic, hasErrors, NetpolError } from "@netpol/core";

/** Process exit codes of every command. */
export const ExitCode = {
  /** Success. */
  OK: 0,
  /** Reserved for analysis findings. */
  FINDINGS: 1,
  /** Bad input, bad usage, or output that could not be written: nothing was written. */
  INPUT: 2,
  /** A bug in netpol itself. */
  INTERNAL: 3,
} as const;

/** Ends a run that printed its results with exit code 1 (findings), e.g. `netpol diff --exit-code` and a difference. */
export class Findings extends Error {
  constructor() {
    super("findings");
    this.name = "Findings";
  }
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

/** The lines to print: sorted, each once (one problem met twice is said once). */
export function diagnosticLines(ds: readonly Diagnostic[]): string[] {
  const lines = sortDiagnostics(ds).map((d) => formatDiagnostic(d, "netpol"));
  return [...new Set(lines)];
}

/** Writes diagnostics to stderr, sorted and without duplicates. */
export function printDiagnostics(ds: readonly Diagnostic[]): void {
  const lines = diagnosticLines(ds);
  if (lines.length > 0) process.stderr.write(`${lines.join("\n")}\n`);
}

/** Stops the command with exit code 2 when any diagnostic is an error (all of them are printed). */
export function stopOnErrors(ds: readonly Diagnostic[]): void {
  if (hasErrors(ds)) throw new NetpolError(ds);
}
