// @netpol/pulumi: Pulumi components for Kubernetes NetworkPolicy, backed by @netpol/core. Exports by name.

export {
  ClusterNetworkPolicyAction,
  ClusterNetworkPolicyProtocol,
  ClusterNetworkPolicyTier,
  ClusterNetworkPolicyVersion,
  type ContainerPort,
  DomainNames,
  isNetpolError,
  LabelExpression,
  Namespaces,
  NetpolError,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  NetworkPolicyTrafficDefault,
  Networks,
  Nodes,
  PodConnectionsIsolation,
  type PodConnectionsOptions,
  Pods,
  Workload,
} from "@netpol/core";
export { ConnectivityAssertionError } from "@netpol/core/analysis";
export {
  CLUSTER_NETWORK_POLICY_TYPE,
  ClusterNetworkPolicy,
  type ClusterNetworkPolicyArgs,
} from "./cluster-policy.js";
export { connections, type PodConnections } from "./connections.js";
export { type ConnectivityPeer, expectConnectivity } from "./expect.js";
export {
  NETWORK_POLICY_TYPE,
  NetworkPolicy,
  type NetworkPolicyArgs,
  type NetworkPolicyMetadataArgs,
  type NetworkPolicyRuleArgs,
  type NetworkPolicyTrafficArgs,
} from "./policy.js";
export type { PeerInput, PodSelectorInput } from "./resolve.js";
export type { PodResource, WorkloadResource } from "./workloads.js";
