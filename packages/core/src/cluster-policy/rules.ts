// Rules of cluster-wide policies: an action, peers and protocols, checked as the API server checks them. What a rule
// means beyond its fields' shapes (named ports beside IP peers, experimental fields, v1alpha1's Baseline tier) is
// checked by one function for rules of the model and of manifests alike, each giving its own paths.
import type { TrafficDirection } from "../data.js";
import type { DiagnosticBag, DiagnosticPath } from "../errors.js";
import { ownList, readRecord } from "../input.js";
import { didYouMean } from "../text.js";
import {
  ClusterNetworkPolicyAction,
  type ClusterNetworkPolicyPeerConfig,
  type ClusterNetworkPolicyProtocolConfig,
  type ClusterNetworkPolicyRuleConfig,
  type ClusterNetworkPolicyTier,
  type ClusterNetworkPolicyVersion,
} from "./data.js";
import { readClusterPeer } from "./peers.js";
import { readProtocol } from "./protocols.js";
import { actionsOf, LIMITS, MAX_RULE_NAME } from "./versions.js";

/** Where a rule sits: the version and tier of its policy (undefined when the tier itself is wrong), its direction. */
export interface RuleContext {
  readonly version: ClusterNetworkPolicyVersion;
  readonly tier: ClusterNetworkPolicyTier | undefined;
  readonly direction: TrafficDirection;
}

/** Where the parts of a rule are, in the syntax being read. */
export interface RulePaths {
  /** The rule's action. */
  readonly action: DiagnosticPath;
  /** Peer `i` (the entry of its list). */
  peer(i: number, field: keyof ClusterNetworkPolicyPeerConfig): DiagnosticPath;
  /** Protocol (or port) `k`. */
  protocol(k: number): DiagnosticPath;
}

const ACTIONS: readonly string[] = Object.values(ClusterNetworkPolicyAction);

/** The action a word stands for, with the word most likely meant when it is none (`Allow` is v1alpha1's Accept). */
export function suggestAction(word: unknown, words: readonly string[]): string | undefined {
  if (typeof word !== "string") return undefined;
  if (word === "Allow" && words.includes("Accept")) return "Accept";
  if (word === "Accept" && words.includes("Allow")) return "Allow";
  return didYouMean(word, words);
}

/** Checks an action the rule's tier may take; v1alpha1's Baseline tier has no Pass. */
export function checkAction(
  action: ClusterNetworkPolicyAction,
  context: RuleContext,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): boolean {
  if (context.tier === undefined || actionsOf(context.version, context.tier).includes(action)) return true;
  bag.error("v1alpha1-unsupported", path, { what: "baseline-pass" });
  return false;
}

/**
 * What a rule means beyond the shapes of its fields: v1alpha1's Baseline tier has no domainNames; nodes and
 * domainNames (and v1alpha1's named ports) are in the experimental channel only; domainNames are documented for
 * Accept rules only; a named port beside networks, nodes or domainNames peers (none of which has named ports) is
 * refused by the experimental channel's CRD.
 */
export function checkRuleMeaning(
  rule: Pick<ClusterNetworkPolicyRuleConfig, "peers" | "protocols"> & {
    readonly action: ClusterNetworkPolicyAction | undefined;
  },
  context: RuleContext,
  at: RulePaths,
  bag: DiagnosticBag,
): void {
  const { version, tier } = context;
  rule.peers.forEach((peer, i) => {
    if (peer.domainNames && version === "v1alpha1" && tier === "Baseline")
      bag.error("v1alpha1-unsupported", at.peer(i, "domainNames"), { what: "baseline-domain-names" });
    else if (peer.nodes || peer.domainNames) {
      const field = peer.nodes ? "nodes" : "domainNames";
      bag.warn("cluster-experimental", at.peer(i, field), { field });
      if (peer.domainNames && rule.action !== undefined && rule.action !== "Accept")
        bag.warn("cluster-domain-action", at.peer(i, "domainNames"), { action: rule.action });
    }
  });
  const named = (rule.protocols ?? []).findIndex((p) => p.namedPort !== undefined);
  if (named < 0) return;
  if (version === "v1alpha1") bag.warn("cluster-experimental", at.protocol(named), { field: "namedPort" });
  const ipPeers = [
    ...new Set(
      rule.peers.flatMap((p) =>
        p.networks ? ["networks"] : p.nodes ? ["nodes"] : p.domainNames ? ["domainNames"] : [],
      ),
    ),
  ];
  if (ipPeers.length === 0) return;
  // nodes and domainNames exist only in the experimental CRD, whose rule refuses this; networks alone pass the
  // standard CRD, where the named port then matches only pods reached through the networks.
  const args = { peers: ipPeers };
  if (ipPeers.includes("nodes") || ipPeers.includes("domainNames"))
    bag.error("cluster-named-port-peers", at.protocol(named), args);
  else bag.warn("cluster-named-port-peers", at.protocol(named), args);
}

/** Checks the count of a list against the API's limits: at least one, at most `max`. */
export function checkCount(
  list: readonly unknown[],
  what: "rules" | "peers" | "protocols",
  version: ClusterNetworkPolicyVersion,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): void {
  const max = LIMITS[version][what];
  if (list.length > max) bag.error("cluster-limit", path, { what, count: list.length, max, version });
}

/** Checks a rule's name: optional, at most 100 characters; "" is no name (the API leaves it out). */
export function checkRuleName(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") bag.error("type", path, { found: value, expected: "a string" });
  else if (value.length > MAX_RULE_NAME)
    bag.error("value", path, {
      found: value,
      expected: `a name of at most ${MAX_RULE_NAME} characters (${value.length} given)`,
    });
  else return value;
  return undefined;
}

/** Reads a rule of the model: `{ name?, action, from | to, protocols? }`, checked. */
export function readClusterRule(
  value: unknown,
  context: RuleContext,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): ClusterNetworkPolicyRuleConfig | undefined {
  const peersKey = context.direction === "ingress" ? "from" : "to";
  const r = readRecord(
    value,
    ["name", "action", peersKey, "protocols"],
    path,
    bag,
    `{ name?, action, ${peersKey}, protocols? }`,
  );
  if (r === undefined) return undefined;
  const errors = bag.errorCount;
  const name = checkRuleName(r.name, [...path, "name"], bag);
  const action = readModelAction(r.action, context, [...path, "action"], bag);
  const peers: ClusterNetworkPolicyPeerConfig[] = [];
  const given = r[peersKey];
  if (given === undefined) bag.error("missing-key", path, { key: peersKey, expected: "a list of peers" });
  else {
    const list = ownList(given);
    if (list === undefined) bag.error("type", [...path, peersKey], { found: given, expected: "a list of peers" });
    else if (list.length === 0) bag.error("empty-list", [...path, peersKey], { expected: "at least one peer" });
    else {
      checkCount(list, "peers", context.version, [...path, peersKey], bag);
      list.forEach((p, i) => {
        const peer = readClusterPeer(p, context.direction, [...path, peersKey, i], bag);
        if (peer) peers.push(peer);
      });
    }
  }
  const protocols = readProtocols(r.protocols, context.version, [...path, "protocols"], bag);
  const rule = { name, action, peers: Object.freeze(peers), protocols: protocols && Object.freeze(protocols) };
  // What the peers and protocols mean together is checked even when the action is wrong: every problem at once.
  checkRuleMeaning(
    rule,
    context,
    { action: [...path, "action"], peer: (i) => [...path, peersKey, i], protocol: (k) => [...path, "protocols", k] },
    bag,
  );
  return bag.errorCount > errors || action === undefined ? undefined : Object.freeze({ ...rule, action });
}

function readModelAction(
  value: unknown,
  context: RuleContext,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): ClusterNetworkPolicyAction | undefined {
  if (value === undefined) {
    bag.error("missing-key", path.slice(0, -1), {
      key: "action",
      expected: "ClusterNetworkPolicyAction.ACCEPT, DENY or PASS",
    });
    return undefined;
  }
  if (!ACTIONS.includes(value as string)) {
    const actions = context.tier === undefined ? ACTIONS : actionsOf(context.version, context.tier);
    bag.error("cluster-action", path, {
      value,
      actions: actions as readonly ClusterNetworkPolicyAction[],
      version: context.version,
      suggestion: suggestAction(value, actions),
    });
    return undefined;
  }
  const action = value as ClusterNetworkPolicyAction;
  return checkAction(action, context, path, bag) ? action : undefined;
}

/** Reads a rule's protocols: undefined for all traffic; an empty list is refused (the API requires one at least). */
function readProtocols(
  value: unknown,
  version: ClusterNetworkPolicyVersion,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): ClusterNetworkPolicyProtocolConfig[] | undefined {
  if (value === undefined) return undefined;
  const list = ownList(value);
  if (list === undefined) {
    bag.error("type", path, { found: value, expected: "a list of protocols" });
    return undefined;
  }
  if (list.length === 0) {
    bag.error("empty-list", path, { expected: "at least one protocol (omit protocols to match all traffic)" });
    return undefined;
  }
  checkCount(list, "protocols", version, path, bag);
  const out: ClusterNetworkPolicyProtocolConfig[] = [];
  list.forEach((p, i) => {
    const read = readProtocol(p, [...path, i], bag);
    if (read) out.push(read);
  });
  return out;
}
