// The facts of each API version of cluster-wide policies (kubernetes-sigs/network-policy-api): group, kinds, the words
// for actions, and the limits of lists. v1alpha2 (ClusterNetworkPolicy) is current; v1alpha1 (AdminNetworkPolicy,
// BaselineAdminNetworkPolicy; last released as v0.1.7) is still deployed widely.
import { ClusterNetworkPolicyAction, ClusterNetworkPolicyTier, ClusterNetworkPolicyVersion } from "./data.js";

/** The API group of every cluster-wide policy kind. */
export const CLUSTER_POLICY_GROUP = "policy.networking.k8s.io";

/** The kinds of cluster-wide policies. */
export type ClusterPolicyKind = "ClusterNetworkPolicy" | "AdminNetworkPolicy" | "BaselineAdminNetworkPolicy";

/** The one name a v1alpha1 BaselineAdminNetworkPolicy may have (the API allows one per cluster). */
export const BASELINE_V1ALPHA1_NAME = "default";

/** The highest priority (priorities order policies of one tier: lower first). */
export const MAX_PRIORITY = 1000;
/** The longest rule name. */
export const MAX_RULE_NAME = 100;
/** The most CIDRs of one networks peer, and domain names of one domainNames peer (both versions). */
export const MAX_SET_ITEMS = 25;
/** The longest CIDR string the API accepts. */
export const MAX_CIDR_LENGTH = 43;

/** How many rules a direction, peers a rule, and protocols (ports) a rule may have, by version. */
export const LIMITS: Readonly<
  Record<ClusterNetworkPolicyVersion, { readonly rules: number; readonly peers: number; readonly protocols: number }>
> = {
  v1alpha2: { rules: 25, peers: 25, protocols: 25 },
  v1alpha1: { rules: 100, peers: 100, protocols: 100 },
};

/**
 * A domain name as the API's pattern accepts it: exact, or `*.` and one or more whole labels. (The pattern's `A-z`
 * spans `[\]^_` and the backtick too; netpol accepts exactly what the API server accepts.)
 */
export const DOMAIN_NAME =
  /^(\*\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

/** `policy.networking.k8s.io/<version>`. */
export function apiVersionOf(version: ClusterNetworkPolicyVersion): string {
  return `${CLUSTER_POLICY_GROUP}/${version}`;
}

/** The kind a policy of `tier` has in `version`. */
export function kindOf(version: ClusterNetworkPolicyVersion, tier: ClusterNetworkPolicyTier): ClusterPolicyKind {
  if (version === ClusterNetworkPolicyVersion.V1ALPHA2) return "ClusterNetworkPolicy";
  return tier === ClusterNetworkPolicyTier.ADMIN ? "AdminNetworkPolicy" : "BaselineAdminNetworkPolicy";
}

/** The version and tier of a kind and API version, when they are a cluster-wide policy's. */
export function versionOfKind(
  apiVersion: unknown,
  kind: unknown,
): { version: ClusterNetworkPolicyVersion; tier: ClusterNetworkPolicyTier | undefined } | undefined {
  if (kind === "ClusterNetworkPolicy" && apiVersion === apiVersionOf("v1alpha2"))
    return { version: ClusterNetworkPolicyVersion.V1ALPHA2, tier: undefined };
  if (apiVersion !== apiVersionOf("v1alpha1")) return undefined;
  if (kind === "AdminNetworkPolicy") return { version: ClusterNetworkPolicyVersion.V1ALPHA1, tier: "Admin" };
  if (kind === "BaselineAdminNetworkPolicy") return { version: ClusterNetworkPolicyVersion.V1ALPHA1, tier: "Baseline" };
  return undefined;
}

/** The actions a rule of `tier` may take in `version` (v1alpha1's Baseline tier has no Pass). */
export function actionsOf(
  version: ClusterNetworkPolicyVersion,
  tier: ClusterNetworkPolicyTier,
): readonly ClusterNetworkPolicyAction[] {
  const { ACCEPT, DENY, PASS } = ClusterNetworkPolicyAction;
  return version === "v1alpha1" && tier === "Baseline" ? [ACCEPT, DENY] : [ACCEPT, DENY, PASS];
}

/** The word an action is written as in `version`: v1alpha1 says `Allow` for Accept. */
export function actionWord(version: ClusterNetworkPolicyVersion, action: ClusterNetworkPolicyAction): string {
  return version === "v1alpha1" && action === "Accept" ? "Allow" : action;
}

/** The action a word of `version` stands for; undefined for a word that version does not have. */
export function actionOfWord(
  version: ClusterNetworkPolicyVersion,
  word: unknown,
): ClusterNetworkPolicyAction | undefined {
  const accept = version === "v1alpha1" ? "Allow" : "Accept";
  return word === accept ? "Accept" : word === "Deny" || word === "Pass" ? word : undefined;
}

/** The words of actions in `version` for a tier, as written in manifests. */
export function actionWords(version: ClusterNetworkPolicyVersion, tier: ClusterNetworkPolicyTier): string[] {
  return actionsOf(version, tier).map((a) => actionWord(version, a));
}
