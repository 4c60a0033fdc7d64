// Checks about repetition: a rule another rule for the same pods already covers, and policies with the same spec.
import type { TrafficDirection } from "../../data.js";
import { isSubset, protocolSet } from "../../engine/connection-set.js";
import type { CompiledPeer, CompiledRule } from "../../engine/policies.js";
import type { Diagnostic } from "../../errors.js";
import { rangeContains } from "../../ip-blocks.js";
import { canonicalKey } from "../../render/order.js";
import { canonicalSelector, selectorKey } from "../../render/selector.js";
import type { LintContext, LintPolicy } from "../context.js";

/** What a policy does, as a key: equal for policies of one namespace selecting the same pods with the same rules. */
function specKey({ compiled, manifest }: LintPolicy): string {
  return canonicalKey({
    namespace: compiled.namespace,
    podSelector: canonicalSelector(manifest.spec.podSelector ?? {}),
    ingress: compiled.ingressIsolates ? (manifest.spec.ingress ?? []) : null,
    egress: compiled.egressIsolates ? (manifest.spec.egress ?? []) : null,
  });
}

/** Policies whose spec repeats an earlier policy's, found at the later one. */
export function identicalPolicies(ctx: LintContext): Diagnostic[] {
  const first = new Map<string, LintPolicy>();
  const out: Diagnostic[] = [];
  for (const policy of ctx.policies) {
    const key = specKey(policy);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, policy);
    else {
      const at = ctx.placeOf(earlier.object, []);
      const other = `NetworkPolicy ${earlier.compiled.id}${at === undefined ? "" : ` (${at})`}`;
      out.push(ctx.found("identical-policies", policy.object, ["spec"], { other }));
    }
  }
  return out;
}

const peerCovers = (b: CompiledPeer, a: CompiledPeer): boolean =>
  b.key === a.key ||
  (a.type === "ipBlock" &&
    b.type === "ipBlock" &&
    a.ranges.every((r) => (b.ranges as typeof a.ranges).some((outer) => rangeContains(outer, r))));

/** True when rule `b` allows every peer and port rule `a` allows (named ports compared by name). */
function covers(b: CompiledRule, a: CompiledRule): boolean {
  if (b.peers !== undefined && (a.peers === undefined || !a.peers.every((p) => b.peers?.some((q) => peerCovers(q, p)))))
    return false;
  if (!isSubset(a.ports.numeric, b.ports.numeric)) return false;
  return a.ports.named.every(
    (n) =>
      b.ports.named.some((m) => m.name === n.name && m.protocol === n.protocol) ||
      isSubset(protocolSet(n.protocol), b.ports.numeric),
  );
}

interface PlacedRule {
  readonly policy: LintPolicy;
  readonly rule: CompiledRule;
}

/**
 * Rules that another rule of the same direction, for the same pods (the same namespace and podSelector), already
 * covers: an allow-all rule covers every other. Of two equal rules, the later is found. Policies repeating an earlier
 * policy's spec are left to identical-policies.
 */
export function ruleSubsumed(ctx: LintContext): Diagnostic[] {
  const groups = new Map<string, PlacedRule[]>();
  const out: Diagnostic[] = [];
  for (const direction of ["ingress", "egress"] as const) {
    groups.clear();
    const specs = new Set<string>();
    for (const policy of ctx.policies) {
      // A policy repeating another's spec is identical-policies' finding: its rules are not compared again.
      const key = specKey(policy);
      if (specs.has(key)) continue;
      specs.add(key);
      const group = `${policy.compiled.namespace}\u0000${selectorKey(policy.manifest.spec.podSelector ?? {})}`;
      const list = groups.get(group) ?? [];
      groups.set(group, list);
      for (const rule of policy.compiled[direction]) list.push({ policy, rule });
    }
    for (const list of groups.values())
      list.forEach((a, i) => {
        const by = list.find((b, j) => j !== i && covers(b.rule, a.rule) && (j < i || !covers(a.rule, b.rule)));
        if (by) out.push(subsumed(ctx, direction, a, by));
      });
  }
  return out;
}

function subsumed(ctx: LintContext, direction: TrafficDirection, a: PlacedRule, by: PlacedRule): Diagnostic {
  const rule = `rule ${direction}[${by.rule.index}]`;
  const other = by.policy === a.policy ? `${rule} of this policy` : `${rule} of NetworkPolicy ${by.policy.compiled.id}`;
  return ctx.found("rule-subsumed", a.policy.object, ["spec", direction, a.rule.index], { other });
}
