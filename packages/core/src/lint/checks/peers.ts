// Checks about peers: one peer or two for namespace and pods (AND or OR), ipBlocks over pod IPs, overlapping except.

import { subtractRanges } from "../../engine/ip-ranges.js";
import type { Diagnostic } from "../../errors.js";
import { type IpRange, parseCidr } from "../../ip-blocks.js";
import type { IpBlockManifest, NetworkPolicyPeerManifest } from "../../render/types.js";
import type { LintContext } from "../context.js";
import { describeNames, eachEntry, PEERS_KEY, writtenRules } from "./shared.js";

const both = (p: NetworkPolicyPeerManifest) => p.namespaceSelector !== undefined && p.podSelector !== undefined;
const namespacesOnly = (p: NetworkPolicyPeerManifest) =>
  p.namespaceSelector !== undefined && p.podSelector === undefined;
const podsOnly = (p: NetworkPolicyPeerManifest) => p.podSelector !== undefined && p.namespaceSelector === undefined;

/**
 * Rules listing a namespace-only peer and a pod-only peer (either admits: OR) in an input that elsewhere combines
 * the two in one peer (both must match: AND): the OR may be a stray `-`. Found at the pod-only peer.
 */
export function peersAndOr(ctx: LintContext): Diagnostic[] {
  const rules = ctx.policies.flatMap((policy) => writtenRules(policy).map((rule) => ({ policy, rule })));
  if (!rules.some(({ rule }) => rule.peers.some(both))) return [];
  const out: Diagnostic[] = [];
  for (const { policy, rule } of rules) {
    const pods = rule.peers.findIndex(podsOnly);
    if (pods < 0 || !rule.peers.some(namespacesOnly)) continue;
    const path = ["spec", rule.direction, rule.index, PEERS_KEY[rule.direction], pods];
    out.push(ctx.found("peers-and-or", policy.object, path, {}));
  }
  return out;
}

/** The addresses an ipBlock selects (`cidr` minus `except`); empty when its CIDR is invalid. */
function blockRanges(block: IpBlockManifest): IpRange[] {
  const base = parseCidr(block.cidr);
  if (!base) return [];
  return subtractRanges(
    base.range,
    (block.except ?? []).flatMap((text) => parseCidr(text)?.range ?? []),
  );
}

const overlaps = (a: IpRange, b: IpRange) => a.family === b.family && a.lo <= b.hi && b.lo <= a.hi;

/** ipBlocks whose addresses hold known pod IPs, or overlap the cluster's pod networks when those are given. */
export function ipBlockPodIps(ctx: LintContext): Diagnostic[] {
  const pods = ctx.analysis.cluster.peers.flatMap((peer) =>
    peer.pods.flatMap((pod) => pod.ips.map((ip) => ({ name: peer.name, ip }))),
  );
  if (pods.length === 0 && ctx.podCidrs.length === 0) return [];
  const out: Diagnostic[] = [];
  eachEntry(ctx.policies, "peers", (peer, path, policy) => {
    if (!peer.ipBlock) return;
    const ranges = blockRanges(peer.ipBlock);
    const inside = (range: IpRange) => ranges.some((r) => overlaps(r, range));
    const hits = [
      ...pods.filter(({ ip }) => inside(ip)).map(({ name }) => name),
      ...ctx.podCidrs.filter((c) => inside(c.range)).map((c) => `the pod network ${c.text}`),
    ];
    if (hits.length > 0)
      out.push(
        ctx.found("ip-block-pod-ips", policy.object, [...path, "ipBlock", "cidr"], {
          cidr: peer.ipBlock.cidr,
          pods: describeNames(hits),
        }),
      );
  });
  return out;
}

/** `except` entries of one ipBlock that overlap an earlier one. */
export function exceptOverlap(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  eachEntry(ctx.policies, "peers", (peer, path, policy) => {
    const except = peer.ipBlock?.except ?? [];
    const ranges = except.map((text) => parseCidr(text)?.range);
    ranges.forEach((range, k) => {
      const earlier = range && ranges.findIndex((r, i) => i < k && r !== undefined && overlaps(r, range));
      if (earlier === undefined || earlier < 0) return;
      const args = { except: except[k] as string, other: except[earlier] as string };
      out.push(ctx.found("except-overlap", policy.object, [...path, "ipBlock", "except", k], args));
    });
  });
  return out;
}
