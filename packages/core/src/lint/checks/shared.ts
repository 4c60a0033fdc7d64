// Small facts several checks share: system namespaces, the directions of rules, lists in messages.
import type { TrafficDirection } from "../../data.js";
import type { DiagnosticPath } from "../../errors.js";
import type { NetworkPolicyPeerManifest, NetworkPolicyPortManifest } from "../../render/types.js";
import { compareStrings } from "../../text.js";
import type { LintPolicy } from "../context.js";

/**
 * Namespaces the cluster runs itself in: lint does not ask that their pods be selected or denied by default (the
 * manifests users lint rarely govern them; kube-dns stands there for DNS checks).
 */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(["kube-system", "kube-public", "kube-node-lease"]);

/** The key of a rule's peers in each direction. */
export const PEERS_KEY = { ingress: "from", egress: "to" } as const satisfies Record<TrafficDirection, string>;

/** One rule of a policy as written, with where it is. */
export interface WrittenRule {
  readonly direction: TrafficDirection;
  /** Its index in its direction's list. */
  readonly index: number;
  readonly peers: readonly NetworkPolicyPeerManifest[];
  readonly ports: readonly NetworkPolicyPortManifest[];
}

/** Every rule of a policy as written, ingress first (ignored directions included). */
export function writtenRules(policy: LintPolicy): WrittenRule[] {
  const spec = policy.manifest.spec;
  const ingress = (spec.ingress ?? []).map((r, index) => ({
    direction: "ingress" as const,
    index,
    peers: r.from ?? [],
    ports: r.ports ?? [],
  }));
  const egress = (spec.egress ?? []).map((r, index) => ({
    direction: "egress" as const,
    index,
    peers: r.to ?? [],
    ports: r.ports ?? [],
  }));
  return [...ingress, ...egress];
}

/**
 * Calls `visit` with every peer (`"peers"`) or port entry (`"ports"`) of every rule of every policy as written, and
 * the entry's path in its policy.
 */
export function eachEntry<K extends "peers" | "ports">(
  policies: readonly LintPolicy[],
  key: K,
  visit: (entry: WrittenRule[K][number], path: DiagnosticPath, policy: LintPolicy, rule: WrittenRule) => void,
): void {
  for (const policy of policies)
    for (const rule of writtenRules(policy)) {
      const field = key === "peers" ? PEERS_KEY[rule.direction] : "ports";
      rule[key].forEach((entry, j) => visit(entry, ["spec", rule.direction, rule.index, field, j], policy, rule));
    }
}

/** `a, b, c and 2 more`, sorted: names in messages. */
export function describeNames(names: Iterable<string>): string {
  const sorted = [...new Set(names)].sort(compareStrings);
  return sorted.length <= 3 ? sorted.join(", ") : `${sorted.slice(0, 3).join(", ")} and ${sorted.length - 3} more`;
}
