// `netpol map --explain-only allow|deny`: an option of explanations only, so it needs `--explain`.
import { diagnostic, NetpolError } from "@netpol/core";

/** The values of `--explain-only`. */
export const EXPLAIN_ONLY = ["allow", "deny"] as const;

/** The flags that shape explanations, as given on the command line. */
export interface ExplainFlags {
  /** `--explain`. */
  readonly explain: boolean;
  /** `--explain-only`. */
  readonly explainOnly?: (typeof EXPLAIN_ONLY)[number] | undefined;
}

/** Refuses `--explain-only` without `--explain` (rather than ignoring it with a warning, as roxctl does). */
export function checkExplainFlags(flags: ExplainFlags): void {
  if (!flags.explain && flags.explainOnly !== undefined)
    throw new NetpolError([
      diagnostic("usage", [], {
        problem: "--explain-only is given without --explain",
        expected: "--explain --explain-only allow|deny",
      }),
    ]);
}
