// `lint(objects)`: every check over manifest objects, findings in a stable order.
import { type Diagnostic, DiagnosticBag, diagnostic } from "../errors.js";
import { ownList } from "../input.js";
import { parseCidr } from "../ip-blocks.js";
import { describeObject, type ObjectSource } from "../manifests/read.js";
import { LINT_WHY } from "../messages.js";
import { compareStrings, didYouMean } from "../text.js";
import { lintContext } from "./context.js";
import { LINT_CHECKS, type LintCheck } from "./registry.js";
import { LINT_SEVERITIES, type LintCheckId, type LintCheckInfo, type LintFinding, type LintSeverity } from "./types.js";

/** Options of `lint`. */
export interface LintOptions {
  /** Where objects came from (as returned by the manifest reader), so findings carry file positions. */
  readonly sources?: ReadonlyMap<unknown, ObjectSource> | undefined;
  /** Ids of checks not to run. */
  readonly disable?: readonly string[] | undefined;
  /** The cluster's pod networks (CIDRs): ipBlocks overlapping them are found by `ip-block-pod-ips`. */
  readonly podCidrs?: readonly string[] | undefined;
}

/** What lint found, and what reading the objects said. */
export interface LintResult {
  /** The findings, sorted by file (in input order), line, column and id. */
  readonly findings: readonly LintFinding[];
  /** Problems reading the objects (errors: objects left out) and warnings that are no finding (skipped kinds, …). */
  readonly diagnostics: readonly Diagnostic[];
}

/** The ids of every check, in the order they run. */
export const LINT_CHECK_IDS: readonly LintCheckId[] = LINT_CHECKS.map((c) => c.id);

/** Every check's id, severity and title, in the order they run. */
export const LINT_CHECK_INFO: readonly LintCheckInfo[] = LINT_CHECKS.map(({ id, severity, title }) =>
  Object.freeze({ id, severity, title }),
);

/** The checks left after `disable`; a NetpolError naming every unknown id (with the id it most likely meant). */
function enabledChecks(disable: readonly string[]): LintCheck[] {
  const bag = new DiagnosticBag();
  for (const id of disable)
    if (!(LINT_CHECK_IDS as readonly string[]).includes(id))
      bag.error("lint-check-unknown", [], { id, suggestion: didYouMean(id, LINT_CHECK_IDS) });
  bag.throwIfErrors();
  return LINT_CHECKS.filter((c) => !disable.includes(c.id));
}

/** An option that lists strings (empty when absent); a NetpolError for anything else. */
function stringList(value: unknown, key: string, expected: string): readonly string[] {
  const list = value === undefined ? [] : ownList(value);
  if (list === undefined || list.some((v) => typeof v !== "string")) {
    const bag = new DiagnosticBag();
    bag.error("type", [key], { found: value, expected });
    bag.throwIfErrors();
  }
  return list as readonly string[];
}

/** The pod networks given, parsed; a NetpolError for any that is no CIDR. */
function podNetworks(texts: readonly string[]) {
  const bag = new DiagnosticBag();
  const out = texts.flatMap((text, i) => {
    const parsed = parseCidr(text);
    if (!parsed) bag.error("cidr", ["podCidrs", i], { cidr: text });
    return parsed ? [{ text, range: parsed.range }] : [];
  });
  bag.throwIfErrors();
  return out;
}

/** True when `severity` is `threshold` or more serious. */
export function atLeast(severity: LintSeverity, threshold: LintSeverity): boolean {
  return LINT_SEVERITIES.indexOf(severity) <= LINT_SEVERITIES.indexOf(threshold);
}

/**
 * Runs every lint check (but those disabled) over manifest objects: Namespaces, Pods, workloads and
 * NetworkPolicies, as `analyzeConnectivity` reads them. Throws a NetpolError for unknown check ids or pod CIDRs.
 */
export function lint(objects: readonly unknown[], options: LintOptions = {}): LintResult {
  const list = ownList(objects);
  if (list === undefined) {
    const bag = new DiagnosticBag();
    bag.error("type", [], { found: objects, expected: "a list of manifest objects" });
    bag.throwIfErrors();
  }
  const checks = enabledChecks(stringList(options.disable, "disable", "a list of check ids"));
  const sources = options.sources instanceof Map ? options.sources : undefined;
  const pods = podNetworks(stringList(options.podCidrs, "podCidrs", "a list of CIDRs"));
  const ctx = lintContext(list as readonly unknown[], sources, pods);
  // Findings name their object (`Deployment shop/web`): the name leads back to it, one object per name.
  const bySubject = new Map((list as readonly unknown[]).map((o) => [describeObject(o), o]));
  const findings: LintFinding[] = [];
  for (const check of checks)
    for (const d of check.run(ctx)) findings.push(toFinding(check, d, bySubject.get(d.subject ?? "")));
  // Warnings a check restates are findings; the analysis's "no connections to list" is said in lint's words.
  const restated = new Set<string>([...LINT_CHECK_IDS, "no-workloads"]);
  const diagnostics = [...ctx.readDiagnostics, ...ctx.analysisWarnings].filter((d) => !restated.has(d.code));
  if (ctx.analysis.cluster.peers.length === 0) diagnostics.push(diagnostic("lint-no-workloads", [], {}, "warning"));
  return { findings: sortFindings(findings, fileOrder(list as readonly unknown[], sources)), diagnostics };
}

function toFinding(check: LintCheck, d: Diagnostic, object: unknown): LintFinding {
  return {
    id: check.id,
    severity: check.severity,
    message: d.message,
    why: LINT_WHY[check.id],
    fix: d.hint ?? "",
    ...(d.subject !== undefined ? { subject: d.subject } : {}),
    path: d.path,
    ...(d.file !== undefined ? { file: d.file, line: d.line ?? 1, column: d.column ?? 1 } : {}),
    ...(object !== undefined ? { object } : {}),
  };
}

/** Files in the order the input names them. */
function fileOrder(objects: readonly unknown[], sources: ReadonlyMap<unknown, ObjectSource> | undefined) {
  const order = new Map<string, number>();
  for (const o of objects) {
    const file = sources?.get(o)?.document.file;
    if (file !== undefined && !order.has(file)) order.set(file, order.size);
  }
  return order;
}

function sortFindings(findings: LintFinding[], files: ReadonlyMap<string, number>): LintFinding[] {
  const rank = (f: LintFinding) => (f.file === undefined ? -1 : (files.get(f.file) ?? files.size));
  return findings.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareStrings(a.subject ?? "", b.subject ?? "") ||
      compareStrings(JSON.stringify(a.path), JSON.stringify(b.path)) ||
      compareStrings(a.id, b.id) ||
      compareStrings(a.message, b.message),
  );
}
