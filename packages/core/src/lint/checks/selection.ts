// Checks about what policies select: pods no policy selects, namespaces without a default deny, policies and peers
// that select nothing.
import { NAMESPACE_NAME_LABEL, type TrafficDirection } from "../../data.js";
import { isAll } from "../../engine/connection-set.js";
import type { Diagnostic } from "../../errors.js";
import type { LabelSelectorManifest } from "../../render/types.js";
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
  const denied = defaultDenies(ctx);
  const out: Diagnostic[] = [];
  for (const namespace of ctx.analysis.cluster.namespaces.keys()) {
    if (SYSTEM_NAMESPACES.has(namespace)) continue;
    const directions = (["ingress", "egress"] as const).filter((d) => !denied.get(namespace)?.has(d));
    if (directions.length === 0) continue;
    const object = declared.get(namespace) ?? firstPeer.get(namespace);
    out.push(ctx.found("namespace-no-default-deny", object, [], { namespace, directions }));
  }
  return out;
}

/**
 * The directions each namespace denies by default: a policy there selects all its pods, isolates the direction and
 * admits not everyone (no rule without peers on every port).
 */
function defaultDenies(ctx: LintContext): Map<string, Set<TrafficDirection>> {
  const out = new Map<string, Set<TrafficDirection>>();
  for (const { compiled, manifest } of ctx.policies) {
    const selector = manifest.spec.podSelector ?? {};
    if (Object.keys(selector.matchLabels ?? {}).length > 0 || (selector.matchExpressions ?? []).length > 0) continue;
    for (const direction of ["ingress", "egress"] as const) {
      const isolates = direction === "ingress" ? compiled.ingressIsolates : compiled.egressIsolates;
      const open = compiled[direction].some((r) => r.peers === undefined && isAll(r.ports.numeric));
      if (!isolates || open) continue;
      const set = out.get(compiled.namespace) ?? new Set<TrafficDirection>();
      out.set(compiled.namespace, set.add(direction));
    }
  }
  return out;
}

/** Policies that select no pod of the input: the analysis's own warning. */
export function policySelectsNothing(ctx: LintContext): Diagnostic[] {
  return ctx.analysisWarnings.filter((d) => d.code === "policy-selects-nothing");
}

/** The namespaces a namespace selector names (by `kubernetes.io/metadata.name`), or undefined when it names none. */
function namedNamespaces(selector: LabelSelectorManifest | undefined): readonly string[] | undefined {
  const name = selector?.matchLabels?.[NAMESPACE_NAME_LABEL];
  if (name !== undefined) return [name];
  const listed = selector?.matchExpressions?.find((e) => e.key === NAMESPACE_NAME_LABEL && e.operator === "In");
  return listed?.values;
}

/**
 * Pod-selecting peers that match no pod, where every namespace they look in has pods in the input: the policy's own
 * namespace, or namespaces named in the namespaceSelector. A selector by other labels may match namespaces the input
 * does not show (an ingress controller's, kube-system), where such pods may well be.
 */
export function peerMatchesNothing(ctx: LintContext): Diagnostic[] {
  const { index, match } = ctx.analysis;
  const known = (ns: string) => index.byNamespace.has(ns);
  const out: Diagnostic[] = [];
  for (const { compiled, manifest, object } of ctx.policies)
    for (const direction of ["ingress", "egress"] as const)
      for (const rule of compiled[direction])
        rule.peers?.forEach((peer, j) => {
          if (peer.type !== "selector" || peer.key === "none" || match.classes(peer).length > 0) return;
          const written =
            direction === "ingress"
              ? manifest.spec.ingress?.[rule.index]?.from?.[j]
              : manifest.spec.egress?.[rule.index]?.to?.[j];
          const names =
            typeof peer.namespace === "string" ? [peer.namespace] : namedNamespaces(written?.namespaceSelector);
          if (names !== undefined && names.length > 0 && names.every(known))
            out.push(
              ctx.found("peer-matches-nothing", object, ["spec", direction, rule.index, PEERS_KEY[direction], j], {}),
            );
        });
  return out;
}
