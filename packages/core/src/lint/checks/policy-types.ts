// Checks about policyTypes: rules of a direction it leaves out, and `egress: []` that denies nothing.
import type { Diagnostic } from "../../errors.js";
import type { LintContext } from "../context.js";

/** Rules of a direction policyTypes leaves out: the reader's own warning. */
export function ignoredRules(ctx: LintContext): Diagnostic[] {
  return ctx.readDiagnostics.filter((d) => d.code === "ignored-rules");
}

/** `egress: []` in a policy whose policyTypes does not list Egress: meant as deny-all, it leaves egress open. */
export function egressEmptyWithoutType(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { manifest, object } of ctx.policies) {
    const types = manifest.spec.policyTypes ?? [];
    if (Array.isArray(manifest.spec.egress) && manifest.spec.egress.length === 0 && !types.includes("Egress"))
      out.push(ctx.found("egress-empty-without-type", object, ["spec", "egress"], { types }));
  }
  return out;
}
