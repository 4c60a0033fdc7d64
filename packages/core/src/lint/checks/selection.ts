// Checks about what policies select: pods no policy selects, namespaces without a default deny, policies and peers
// that select nothing.
import type { TrafficDirection } from "../../data.js";
import { isAll } from "../../engine/connection-set.js";
import type { Diagnostic } from "../../errors.js";
import type { LintContext } from "../context.js";
import { PEERS_KEY, SYSTEM_NAMESPACES } from "./shared.js";

/** Workloads and pods that no policy selects, outside the system namespaces. */
export function podUnselected(ctx: LintContext): Diagnostic[] {
  const { cluster, index, sides } = ctx.analysis;
  const out: Diagnostic[] = [];
  cluster.peers.forEach((peer, i) => {
    if (SYSTEM_NAMESPACES.has(peer.namespace)) return;
    const selected = (index.peerClasses[i] ?? []).some((c) => sides.ingress[c] || sides.egress[c]);
    if (!selected) out.push(ctx.found("pod-unselected", peer.objects[0], [], { peer: peer.name }));
  });
  return out;
}

/** Namespaces of the input (outside the system ones) where no policy isolates every pod by default. */
export function namespaceNoDefaultDeny(ctx: LintContext): Diagnostic[] {
  const declared = new Map(ctx.objects.filter((o) => o.category === "namespace").map((o) => [o.name, o.raw]));
  const firstPeer = new Map<string, unknown>();
  for (const p of ctx.analysis.cluster.peers) if (!firstPeer.has(p.namespace)) firstPeer.set(p.namespace, p.objects[0]);
  const out: Diagnostic[] = [];
  for (const namespace of ctx.analysis.cluster.namespaces.keys()) {
    if (SYSTEM_NAMESPACES.has(namespace)) continue;
    const directions = (["ingress", "egress"] as const).filter((d) => !deniesByDefault(ctx, namespace, d));
    if (directions.length === 0) continue;
    const object = declared.get(namespace) ?? firstPeer.get(namespace);
    out.push(ctx.found("namespace-no-default-deny", object, [], { namespace, directions }));
  }
  return out;
}

/** True when a policy of `namespace` selects all its pods, isolates `direction` and admits not everyone. */
function deniesByDefault(ctx: LintContext, namespace: string, direction: TrafficDirection): boolean {
  return ctx.policies.some(({ compiled, manifest }) => {
    const selector = manifest.spec.podSelector ?? {};
    const all = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
    const isolates = direction === "ingress" ? compiled.ingressIsolates : compiled.egressIsolates;
    const open = compiled[direction].some((r) => r.peers === undefined && isAll(r.ports.numeric));
    return compiled.namespace === namespace && all && isolates && !open;
  });
}

/** Policies that select no pod of the input: the analysis's own warning. */
export function policySelectsNothing(ctx: LintContext): Diagnostic[] {
  return ctx.analysisWarnings.filter((d) => d.code === "policy-selects-nothing");
}

/**
 * Pod-selecting peers that match no pod, though the namespaces they look in have pods in the input (a peer of
 * namespaces the input does not show, such as an ingress controller's, may well match pods elsewhere).
 */
export function peerMatchesNothing(ctx: LintContext): Diagnostic[] {
  const { index, match } = ctx.analysis;
  const known = (ns: string) => index.byNamespace.has(ns);
  const knownMatch = (test: (labels: Readonly<Record<string, string>>) => boolean) =>
    [...index.byNamespace.values()].some((ids) => test(index.classes[ids[0] as number]?.namespaceLabels ?? {}));
  const out: Diagnostic[] = [];
  for (const { compiled, object } of ctx.policies)
    for (const direction of ["ingress", "egress"] as const)
      for (const rule of compiled[direction])
        rule.peers?.forEach((peer, j) => {
          if (peer.type !== "selector" || peer.key === "none" || match.classes(peer).length > 0) return;
          const looks = typeof peer.namespace === "string" ? known(peer.namespace) : knownMatch(peer.namespace);
          if (looks)
            out.push(
              ctx.found("peer-matches-nothing", object, ["spec", direction, rule.index, PEERS_KEY[direction], j], {}),
            );
        });
  return out;
}
