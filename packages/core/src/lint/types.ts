// The shapes of lint: findings, checks, and what a check is given to look at.
import type { DiagnosticPath } from "../errors.js";
import type { LINT_WHY } from "../messages.js";

/** How serious a finding is, most serious first: `error`, `warning`, `info`. */
export type LintSeverity = "error" | "warning" | "info";

/** The severities, most serious first. */
export const LINT_SEVERITIES: readonly LintSeverity[] = Object.freeze(["error", "warning", "info"]);

/** The id of a lint check (kebab-case, stable). */
export type LintCheckId = keyof typeof LINT_WHY;

/** One thing lint found, at the offending node. */
export interface LintFinding {
  /** The check that found it. */
  readonly id: LintCheckId;
  /** The check's severity. */
  readonly severity: LintSeverity;
  /** What is wrong here, in one sentence. */
  readonly message: string;
  /** Why it matters (the same for every finding of the check). */
  readonly why: string;
  /** How to fix it. */
  readonly fix: string;
  /** The object it is in (`NetworkPolicy shop/db`). */
  readonly subject?: string;
  /** Where the node sits inside the object (`["spec", "egress", 0, "to", 1]`). */
  readonly path: DiagnosticPath;
  /** The source file, when the object came from one (`-` for stdin). */
  readonly file?: string;
  /** The 1-based line of the node in `file`. */
  readonly line?: number;
  /** The 1-based column of the node in `file`. */
  readonly column?: number;
  /** The input object the finding is in, as given (for front ends that place findings at their own objects). */
  readonly object?: unknown;
}

/** A lint check: its id and severity, and what it looks for. */
export interface LintCheckInfo {
  /** Kebab-case, stable: what `--disable` takes. */
  readonly id: LintCheckId;
  /** The severity of its findings. */
  readonly severity: LintSeverity;
  /** What it looks for, in a few words. */
  readonly title: string;
}
