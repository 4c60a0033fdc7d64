// Findings as text: `FILE:LINE:COL: severity id: message` with why and fix indented below, or JSON.
import { formatPath } from "../errors.js";
import { LINT_SEVERITIES, type LintFinding, type LintSeverity } from "./types.js";

/** The output formats of findings. */
export type LintFormat = "txt" | "json";

/** Where a finding is: `file:line:col`, else its object and path. */
export function findingPlace(f: LintFinding): string {
  if (f.file !== undefined) return `${f.file === "-" ? "<stdin>" : f.file}:${f.line ?? 1}:${f.column ?? 1}`;
  const path = formatPath(f.path);
  return [f.subject, path].filter((s) => s !== undefined && s !== "").join(": ") || "input";
}

/** One finding's first line: `FILE:LINE:COL: severity id: message`. */
export function formatFinding(f: LintFinding): string {
  return `${findingPlace(f)}: ${f.severity} ${f.id}: ${f.message}`;
}

/**
 * A finding without position and level, for hosts that show the place and level themselves (a cdk8s construct path,
 * Pulumi's log): `id (severity): subject: path: message. Fix.`
 */
export function describeFinding(f: LintFinding): string {
  const path = formatPath(f.path);
  const about = [f.subject, path]
    .filter((s) => s !== undefined && s !== "")
    .map((s) => `${s}: `)
    .join("");
  return `${f.id} (${f.severity}): ${about}${f.message}. ${f.fix}`;
}

/** How many findings of each severity. */
export function countFindings(findings: readonly LintFinding[]): Record<LintSeverity, number> {
  const counts: Record<LintSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** `2 findings: 1 error, 1 warning`, or `no findings`. */
export function summarizeFindings(findings: readonly LintFinding[]): string {
  if (findings.length === 0) return "no findings";
  const counts = countFindings(findings);
  const parts = LINT_SEVERITIES.filter((s) => counts[s] > 0).map(
    (s) => `${counts[s]} ${s === "info" || counts[s] === 1 ? s : `${s}s`}`,
  );
  return `${findings.length} finding${findings.length === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

/** Text: each finding's line, its object when the line does not name it, why and fix indented; a summary last. */
function txt(findings: readonly LintFinding[]): string {
  const blocks = findings.map((f) => {
    const about = f.file !== undefined && f.subject !== undefined ? [`    in: ${f.subject}`] : [];
    return [formatFinding(f), ...about, `    why: ${f.why}`, `    fix: ${f.fix}`].map((l) => `${l}\n`).join("");
  });
  return `${blocks.join("")}${summarizeFindings(findings)}\n`;
}

/** JSON: `{ findings: [{id, severity, file, line, column, subject, path, message, why, fix}], summary }`. */
function json(findings: readonly LintFinding[]): string {
  const list = findings.map((f) => ({
    id: f.id,
    severity: f.severity,
    ...(f.file !== undefined ? { file: f.file, line: f.line, column: f.column } : {}),
    ...(f.subject !== undefined ? { subject: f.subject } : {}),
    path: formatPath(f.path),
    message: f.message,
    why: f.why,
    fix: f.fix,
  }));
  return `${JSON.stringify({ findings: list, summary: countFindings(findings) }, null, 2)}\n`;
}

/** The formatters of findings, by format. */
export const LINT_FORMATTERS: Readonly<Record<LintFormat, (findings: readonly LintFinding[]) => string>> = {
  txt,
  json,
};

/** Findings as the report page lists them (`netpol report`'s Findings section): place, id, message and fix. */
export function findingsForReport(
  findings: readonly LintFinding[],
): { severity: LintSeverity; code: string; message: string; location: string }[] {
  return findings.map((f) => ({
    severity: f.severity,
    code: f.id,
    message: `${f.message}. Fix: ${f.fix}`,
    location: findingPlace(f),
  }));
}
