// The one home of errors and warnings: every front end reports these, and formats them with formatDiagnostic.
import { type DiagnosticArgs, type DiagnosticCode, messageOf, type Syntax } from "./messages.js";

export type { DiagnosticArgs, DiagnosticCode, Syntax } from "./messages.js";

/** How serious a diagnostic is: an `error` stops output, a `warning` is reported beside it. */
export type Severity = "error" | "warning";

/** Where a value sits inside what was read: keys and list indices, outermost first. */
export type DiagnosticPath = readonly (string | number)[];

/** One problem found in a model value, a manifest or a spec file. */
export interface Diagnostic {
  /** `error` or `warning`. */
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `port-range` or `cidr-host-bits`. */
  readonly code: DiagnosticCode;
  /** Where the offending value sits (`["spec", "ingress", 0, "ports", 1, "port"]`). */
  readonly path: DiagnosticPath;
  /** The values the message was made from. */
  readonly args: Readonly<Record<string, unknown>>;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** What was expected instead. */
  readonly expected?: string;
  /** How to fix it. */
  readonly hint?: string;
  /** The object the problem is in, when read from manifests (`NetworkPolicy shop/db`). */
  readonly subject?: string;
  /** The source file, when the value came from one (`-` for stdin). */
  readonly file?: string;
  /** The 1-based line in `file`. */
  readonly line?: number;
  /** The 1-based column in `file`. */
  readonly column?: number;
}

/** Where a diagnostic points, besides its path. */
export type DiagnosticPlace = Pick<Diagnostic, "subject" | "file" | "line" | "column">;

/** Builds a diagnostic of `code` at `path`, its words made from `args` (hints in TypeScript syntax by default). */
export function diagnostic<C extends DiagnosticCode>(
  code: C,
  path: DiagnosticPath,
  args: DiagnosticArgs<C>,
  severity: Severity = "error",
  syntax: Syntax = "code",
): Diagnostic {
  const words = messageOf(code, args, syntax, severity);
  return { severity, code, path, args: args as Readonly<Record<string, unknown>>, ...words };
}

/** The same diagnostic worded for another syntax (a spec file's hints in spec syntax, say). */
export function restate(d: Diagnostic, syntax: Syntax): Diagnostic {
  const { message: _m, expected: _e, hint: _h, ...rest } = d;
  return { ...rest, ...messageOf(d.code, d.args as DiagnosticArgs<DiagnosticCode>, syntax, d.severity) };
}

/** Renders a path as `spec.ingress[0].ports[1].port`. */
export function formatPath(path: DiagnosticPath): string {
  let out = "";
  for (const s of path) out += typeof s === "number" ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

/**
 * Formats a diagnostic in the compiler style editors and CI annotate: `file:line:col: [warning: ]message — expected …
 * Hint.`; the object it is in and the field follow the position when read from manifests; without a file, the path
 * leads (or `fallback`, e.g. the program's name).
 */
export function formatDiagnostic(d: Diagnostic, fallback?: string): string {
  const file = d.file === "-" ? "<stdin>" : d.file;
  const place = file === undefined ? undefined : d.line === undefined ? file : `${file}:${d.line}:${d.column ?? 1}`;
  const path = formatPath(d.path);
  const where = place ?? (d.subject === undefined && path ? path : fallback);
  const level = d.severity === "warning" ? "warning: " : "";
  return `${where === undefined ? "" : `${where}: `}${level}${about(d, false)}${body(d)}`;
}

/**
 * A diagnostic without position and level — `subject: path: message — expected …. Hint.` — for hosts that show the
 * level themselves (Pulumi's `log.warn`).
 */
export function describeDiagnostic(d: Diagnostic): string {
  return `${about(d, true)}${body(d)}`;
}

/** What the diagnostic is about: its subject and path; without a subject, the path only if asked. */
function about(d: Diagnostic, pathAlone: boolean): string {
  const path = formatPath(d.path);
  if (d.subject !== undefined) return `${d.subject}: ${path ? `${path}: ` : ""}`;
  return pathAlone && path ? `${path}: ` : "";
}

/** The message, what was expected and the hint. */
function body(d: Diagnostic): string {
  const expected = d.expected ? ` — expected ${d.expected}` : "";
  const hint = d.hint ? `. ${d.hint.charAt(0).toUpperCase()}${d.hint.slice(1)}` : "";
  return `${d.message}${expected}${hint}`;
}

/** The one error type of netpol: carries every problem found (errors, and the warnings met with them). */
export class NetpolError extends Error {
  /** Every diagnostic: at least one error, and any warning found alongside. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const list = diagnostics.length > 0 ? diagnostics : [diagnostic("usage", [], { problem: "invalid value" })];
    super(list.map((d) => formatDiagnostic(d)).join("\n"));
    this.name = "NetpolError";
    this.diagnostics = list;
  }

  /** The error-level diagnostics. */
  get errors(): readonly Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === "error");
  }
}

/** Throws a NetpolError for one problem. */
export function fail<C extends DiagnosticCode>(code: C, path: DiagnosticPath, args: DiagnosticArgs<C>): never {
  throw new NetpolError([diagnostic(code, path, args)]);
}

/** Returns true when the value is a NetpolError (also across duplicated module copies). */
export function isNetpolError(e: unknown): e is NetpolError {
  return e instanceof NetpolError || (e instanceof Error && e.name === "NetpolError" && "diagnostics" in e);
}

/** True when any diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  for (const d of ds) if (d.severity === "error") return true;
  return false;
}

/** Collects diagnostics while checking a value, then throws once if any is an error (internal to netpol). */
export class DiagnosticBag {
  /** Everything collected so far, errors and warnings, in order. */
  readonly items: Diagnostic[] = [];
  #errors = 0;

  /** A bag whose diagnostics give their hints in `syntax` (a manifest reader's bag speaks of manifests). */
  constructor(private readonly syntax: Syntax = "code") {}

  /** Adds an error. */
  error<C extends DiagnosticCode>(code: C, path: DiagnosticPath, args: DiagnosticArgs<C>): void {
    this.add(diagnostic(code, path, args, "error", this.syntax));
  }

  /** Adds a warning. */
  warn<C extends DiagnosticCode>(code: C, path: DiagnosticPath, args: DiagnosticArgs<C>): void {
    this.add(diagnostic(code, path, args, "warning", this.syntax));
  }

  /** Adds a diagnostic made elsewhere. */
  add(d: Diagnostic): void {
    this.items.push(d);
    if (d.severity === "error") this.#errors++;
  }

  /** How many errors were added (counted as they come: checking stays linear). */
  get errorCount(): number {
    return this.#errors;
  }

  /** The warnings. */
  get warnings(): Diagnostic[] {
    return this.#errors === this.items.length ? [] : this.items.filter((d) => d.severity === "warning");
  }

  /** Throws a NetpolError carrying everything collected, if there is any error. */
  throwIfErrors(): void {
    if (this.#errors > 0) throw new NetpolError(this.items);
  }
}
