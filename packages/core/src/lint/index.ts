// Lint: checks of manifests that are valid but likely not what their author meant; its public surface.

export {
  describeFinding,
  findingPlace,
  findingsForReport,
  formatFinding,
  LINT_FORMATTERS,
  type LintFormat,
  summarizeFindings,
} from "./format.js";
export {
  atLeast as isAtLeast,
  LINT_CHECK_IDS,
  LINT_CHECK_INFO,
  type LintOptions,
  type LintResult,
  lint,
} from "./lint.js";
export { LINT_SEVERITIES, type LintCheckId, type LintCheckInfo, type LintFinding, type LintSeverity } from "./types.js";
