// Turns vitest's JSON report into one plain line: "N passed, N failed[, N skipped]".
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function summary(reportPath) {
  if (!existsSync(reportPath)) return "0 passed, 1 failed";
  const r = JSON.parse(readFileSync(reportPath, "utf8"));
  // Suites that failed to load count as failures too: they ran no test.
  const failedSuites = (r.testResults ?? []).filter(
    (s) => s.status === "failed" && s.assertionResults.length === 0,
  ).length;
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  const line = `${r.numPassedTests} passed, ${r.numFailedTests + failedSuites} failed`;
  return skipped ? `${line}, ${skipped} skipped` : line;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(summary(process.argv[2] ?? ".vitest-report.json"));
