// Cluster-wide policies as plain data: the tiers, actions and API versions, and what peers, protocols and rules hand
// to a ClusterNetworkPolicy. No logic, no imports of logic (the renderer reads these too).
import type { LabelSelectorSpec, PodSelectorConfig, Protocol } from "../data.js";

/** Where a cluster-wide policy sits in the order of evaluation. */
export const ClusterNetworkPolicyTier = {
  /** Evaluated before NetworkPolicy: its Accept and Deny rules are final. */
  ADMIN: "Admin",
  /** Evaluated after NetworkPolicy, for pods no NetworkPolicy selects in that direction. */
  BASELINE: "Baseline",
} as const;
/** Where a cluster-wide policy sits in the order of evaluation. */
export type ClusterNetworkPolicyTier = (typeof ClusterNetworkPolicyTier)[keyof typeof ClusterNetworkPolicyTier];

/** What a rule does with the traffic it matches. */
export const ClusterNetworkPolicyAction = {
  /** Allow it, whatever later rules, tiers and NetworkPolicies say (`Allow` in v1alpha1). */
  ACCEPT: "Accept",
  /** Drop it, whatever later rules, tiers and NetworkPolicies say. */
  DENY: "Deny",
  /** Skip the rest of this tier: NetworkPolicy (then the Baseline tier) decides. */
  PASS: "Pass",
} as const;
/** What a rule does with the traffic it matches. */
export type ClusterNetworkPolicyAction = (typeof ClusterNetworkPolicyAction)[keyof typeof ClusterNetworkPolicyAction];

/** The API version a cluster-wide policy is written in. */
export const ClusterNetworkPolicyVersion = {
  /** `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy (both tiers in one kind). */
  V1ALPHA2: "v1alpha2",
  /** `policy.networking.k8s.io/v1alpha1` AdminNetworkPolicy (Admin tier) or BaselineAdminNetworkPolicy (Baseline). */
  V1ALPHA1: "v1alpha1",
} as const;
/** The API version a cluster-wide policy is written in. */
export type ClusterNetworkPolicyVersion =
  (typeof ClusterNetworkPolicyVersion)[keyof typeof ClusterNetworkPolicyVersion];

/** A peer of a cluster-wide policy as plain data: exactly one of its fields. */
export interface ClusterNetworkPolicyPeerConfig {
  /** Pods in namespaces (a pod selector whose namespaces are always given: the policy has no namespace of its own). */
  readonly pods?: PodSelectorConfig | undefined;
  /** Addresses by CIDR, IPv4 or IPv6 (egress only); they match pod IPs too. */
  readonly networks?: readonly string[] | undefined;
  /** Nodes by labels: the addresses in their status (egress only; experimental channel). */
  readonly nodes?: LabelSelectorSpec | undefined;
  /** Domain names, exact or `*.` wildcards (egress only; experimental channel). */
  readonly domainNames?: readonly string[] | undefined;
}

/** Implement this to supply a peer of a cluster-wide policy; `Nodes`, `Networks` and `DomainNames` implement it. */
export interface IClusterNetworkPolicyPeer {
  /** The peer as plain data. */
  toClusterPeerConfig(): ClusterNetworkPolicyPeerConfig;
}

/** A protocol entry as plain data: a port or range of a protocol, or a named port (whose protocol is its own). */
export interface ClusterNetworkPolicyProtocolConfig {
  /** TCP, UDP or SCTP; undefined for a named port. */
  readonly protocol?: Protocol | undefined;
  /** The port, or the first of a range; undefined for a named port. */
  readonly port?: number | undefined;
  /** The last port of a range (greater than `port`); undefined for one port. */
  readonly endPort?: number | undefined;
  /** A container port name of the destination pod; its protocol is that container port's. */
  readonly namedPort?: string | undefined;
}

/** One rule as plain data, checked: its peers match the other end, its protocols (when given) the traffic. */
export interface ClusterNetworkPolicyRuleConfig {
  /** The rule's name, for people and implementations' logs. */
  readonly name: string | undefined;
  /** What the rule does with the traffic it matches. */
  readonly action: ClusterNetworkPolicyAction;
  /** The peers (`from` of an ingress rule, `to` of an egress rule): any one matching is enough. */
  readonly peers: readonly ClusterNetworkPolicyPeerConfig[];
  /** The protocols and ports; undefined for all traffic. */
  readonly protocols: readonly ClusterNetworkPolicyProtocolConfig[] | undefined;
}
