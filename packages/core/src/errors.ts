// The one home of errors and warnings: every front end reports these, never its own kinds.

/** How serious a diagnostic is: an `error` stops output, a `warning` is reported beside it. */
export type Severity = "error" | "warning";

/** One problem found in a model value, a manifest or a spec file. */
export interface Diagnostic {
  /** `error` or `warning`. */
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `port-range` or `cidr-host-bits`. */
  readonly code: string;
  /** Where the offending value sits, as a dotted path (`spec.ingress[0].ports[1].port`). */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** What was expected instead. */
  readonly expected?: string;
  /** How to fix it. */
  readonly hint?: string;
  /** The source file, when the value came from one. */
  readonly file?: string;
  /** The 1-based line in `file`. */
  readonly line?: number;
  /** The 1-based column in `file`. */
  readonly column?: number;
}

/** Fields of a diagnostic a caller supplies; severity defaults to error. */
export type DiagnosticInit = Omit<Diagnostic, "severity"> & { readonly severity?: Severity };

/** Builds a diagnostic, defaulting severity to `error`. */
export function diagnostic(init: DiagnosticInit): Diagnostic {
  return { severity: "error", ...init };
}

/** Formats a diagnostic as `file:line:col: message — expected … (hint)`, or `path: …` without a file. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file
    ? `${d.file}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ""}${d.path ? ` (${d.path})` : ""}`
    : d.path || "(root)";
  const level = d.severity === "warning" ? "warning: " : "";
  const expected = d.expected ? ` — expected ${d.expected}` : "";
  const hint = d.hint ? `. ${d.hint}` : "";
  return `${where}: ${level}${d.message}${expected}${hint}`;
}

/** The one error type of netpol: carries every problem found, each with its path, expectation and hint. */
export class NetpolError extends Error {
  /** Every error-level diagnostic that caused this error (at least one). */
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const list =
      diagnostics.length > 0 ? diagnostics : [diagnostic({ code: "unknown", path: "", message: "invalid value" })];
    super(list.map(formatDiagnostic).join("\n"));
    this.name = "NetpolError";
    this.diagnostics = list;
  }

  /** Path of the first problem. */
  get path(): string {
    return this.diagnostics[0]?.path ?? "";
  }

  /** Expectation of the first problem. */
  get expected(): string | undefined {
    return this.diagnostics[0]?.expected;
  }

  /** Hint of the first problem. */
  get hint(): string | undefined {
    return this.diagnostics[0]?.hint;
  }
}

/** Throws a NetpolError for one problem. */
export function fail(init: Omit<DiagnosticInit, "severity">): never {
  throw new NetpolError([diagnostic(init)]);
}

/** Returns true when the value is a NetpolError (also across duplicated module copies). */
export function isNetpolError(e: unknown): e is NetpolError {
  return e instanceof NetpolError || (e instanceof Error && e.name === "NetpolError" && "diagnostics" in e);
}

/** Collects diagnostics while checking a value, then throws once if any is an error. */
export class DiagnosticBag {
  /** Everything collected so far, errors and warnings. */
  readonly items: Diagnostic[] = [];
  private errorCount = 0;

  /** Adds an error. */
  error(init: Omit<DiagnosticInit, "severity">): void {
    this.items.push(diagnostic(init));
    this.errorCount++;
  }

  /** Adds a warning. */
  warn(init: Omit<DiagnosticInit, "severity">): void {
    this.items.push(diagnostic({ ...init, severity: "warning" }));
  }

  /** The error-level diagnostics. */
  get errors(): Diagnostic[] {
    return this.errorCount === 0 ? [] : this.items.filter((d) => d.severity === "error");
  }

  /** The warning-level diagnostics. */
  get warnings(): Diagnostic[] {
    return this.errorCount === this.items.length ? [] : this.items.filter((d) => d.severity === "warning");
  }

  /** Throws a NetpolError carrying all errors, if there is any. */
  throwIfErrors(): void {
    if (this.errorCount > 0) throw new NetpolError(this.errors);
  }
}
