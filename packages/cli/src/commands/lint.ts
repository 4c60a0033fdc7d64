// `netpol lint`: core's lint checks over manifests and spec files; findings on stdout, exit 1 at --fail-on or above.
import {
  isAtLeast,
  LINT_CHECK_INFO,
  LINT_FORMATTERS,
  LINT_SEVERITIES,
  type LintFormat,
  type LintSeverity,
  lint,
} from "@netpol/core/analysis";
import { Findings, printDiagnostics, stopOnErrors } from "../diagnostics.js";
import { readAnalysisInput } from "../io/objects.js";
import { writeStdout } from "../io/output.js";

/** The output formats of `netpol lint`. */
export const LINT_FORMATS = Object.keys(LINT_FORMATTERS) as LintFormat[];

/** The thresholds of `--fail-on`. */
export const FAIL_ON = LINT_SEVERITIES;

/** Options of `netpol lint`. */
export interface LintCommandOptions {
  /** The output format. */
  readonly format: LintFormat;
  /** Ids of checks not to run. */
  readonly disable?: readonly string[];
  /** Fail (exit 1) when a finding of this severity or a more serious one exists. */
  readonly failOn?: LintSeverity;
  /** The cluster's pod networks. */
  readonly podCidrs?: readonly string[];
}

/** `--disable a,b --disable c` → `[a, b, c]`. */
export function collectIds(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  ];
}

/** The checks, one a line: `id  severity  title`. */
export function listChecks(): void {
  const width = Math.max(...LINT_CHECK_INFO.map((c) => c.id.length));
  writeStdout(LINT_CHECK_INFO.map((c) => `${c.id.padEnd(width)}  ${c.severity.padEnd(7)}  ${c.title}\n`).join(""));
}

/** Runs `netpol lint`. */
export function lintCommand(paths: readonly string[], options: LintCommandOptions): void {
  const input = readAnalysisInput(paths);
  const result = lint(input.objects, {
    sources: input.sources,
    disable: options.disable ?? [],
    podCidrs: options.podCidrs ?? [],
  });
  // An object with an error is left out of the checks: that is bad input (exit 2), as for `netpol map`.
  const diagnostics = [...input.diagnostics, ...result.diagnostics];
  stopOnErrors(diagnostics);
  writeStdout(LINT_FORMATTERS[options.format](result.findings));
  printDiagnostics(diagnostics);
  const threshold = options.failOn ?? "error";
  if (result.findings.some((f) => isAtLeast(f.severity, threshold))) throw new Findings();
}
