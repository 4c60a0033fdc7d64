// Lint at synthesis: core's lint checks over every object of the app, each finding printed once as a warning at the
// construct of its object, as the policies' own warnings are. Core finds; this file only places and prints.
import { describeFinding, lint } from "@netpol/core/analysis";
import { ApiObject } from "cdk8s";
import type { IConstruct } from "constructs";
import { printAtSynthesis } from "./print-once.js";

/** The context key that turns lint at synthesis off when `false` (it is on otherwise). */
export const LINT_CONTEXT = "@netpol/cdk8s:lint";

/** The context key listing lint checks not to run at synthesis (a list of ids, or one comma-separated string). */
export const LINT_DISABLE_CONTEXT = "@netpol/cdk8s:lint-disable";

/**
 * Port checks core's policies make themselves, on the workloads they were given: their warnings (printed with each
 * policy's) say it already.
 */
const SAID_BY_POLICIES = ["port-unserved", "named-port-undefined"];

const linted = new WeakSet<IConstruct>();

/** The ids the app's context disables. */
function disabledIds(root: IConstruct): string[] {
  const value: unknown = root.node.tryGetContext(LINT_DISABLE_CONTEXT);
  const list = Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(",") : [];
  return list.map((s) => s.trim()).filter((s) => s !== "");
}

/** Adds, once per app, the validation that lints the app's objects when it is synthesized. */
export function lintAtSynthesis(scope: IConstruct): void {
  const root = scope.node.root;
  if (linted.has(root)) return;
  linted.add(root);
  printAtSynthesis(root, () => {
    const on: unknown = root.node.tryGetContext(LINT_CONTEXT);
    if (on === false || on === "false") return [];
    const paths = new Map<unknown, string>();
    for (const c of root.node.findAll()) if (ApiObject.isApiObject(c)) paths.set(c.toJson(), c.node.path);
    const disable = [...SAID_BY_POLICIES, ...disabledIds(root)];
    return lint([...paths.keys()], { disable }).findings.map(
      (f) => `${paths.get(f.object) ?? root.node.path}: warning: ${describeFinding(f)}`,
    );
  });
}
