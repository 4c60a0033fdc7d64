// `netpol map --explain-only allow|deny` and `--focus-conn tcp-8080`: their values read into core's ExplainOptions.
import { diagnostic, NetpolError, show } from "@netpol/core";
import type { ExplainOptions, FocusConnection } from "@netpol/core/analysis";

/** The values of `--explain-only`. */
export const EXPLAIN_ONLY = ["allow", "deny"] as const;

/** The flags that shape explanations, as given on the command line. */
export interface ExplainFlags {
  /** `--explain`. */
  readonly explain: boolean;
  /** `--explain-only`. */
  readonly explainOnly?: (typeof EXPLAIN_ONLY)[number] | undefined;
  /** `--focus-conn`. */
  readonly focusConn?: string | undefined;
}

const usage = (problem: string, expected: string) => new NetpolError([diagnostic("usage", [], { problem, expected })]);

/** `tcp-8080` (any case) as a protocol and port; a usage error otherwise, in the reference's terms. */
export function parseFocusConn(text: string): FocusConnection {
  const parts = text.split("-");
  const [name = "", number = ""] = parts;
  const protocol = name.toUpperCase();
  if (parts.length !== 2) throw usage(`--focus-conn ${show(text)} is not <protocol>-<port>`, "e.g. tcp-8080");
  if (protocol !== "TCP" && protocol !== "UDP" && protocol !== "SCTP")
    throw usage(`--focus-conn ${show(text)} has an unknown protocol ${show(name)}`, "tcp, udp or sctp");
  const port = /^\d{1,5}$/.test(number) ? Number(number) : 0;
  if (port < 1 || port > 65535)
    throw usage(`--focus-conn ${show(text)} has an invalid port ${show(number)}`, "a port from 1 to 65535");
  return { protocol, port };
}

/**
 * Core's explain options from the flags. Both flags act on explanations only, so each needs `--explain` (rather than
 * being ignored with a warning, as roxctl does); the focus options of the plain map come with `--focus-workload`'s.
 */
export function explainOptions(flags: ExplainFlags): ExplainOptions {
  if (!flags.explain && flags.explainOnly !== undefined)
    throw usage("--explain-only is given without --explain", "--explain --explain-only allow|deny");
  if (!flags.explain && flags.focusConn !== undefined)
    throw usage("--focus-conn is given without --explain", "--explain --focus-conn <protocol>-<port>");
  return {
    ...(flags.explainOnly !== undefined ? { only: flags.explainOnly } : {}),
    ...(flags.focusConn !== undefined ? { focusConn: parseFocusConn(flags.focusConn) } : {}),
  };
}
