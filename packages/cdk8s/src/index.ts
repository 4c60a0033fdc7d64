// @netpol/cdk8s: NetworkPolicy for cdk8s, with the cdk8s-plus API, modelled and rendered by @netpol/core.

export {
  ClusterNetworkPolicyAction,
  ClusterNetworkPolicyProtocol,
  ClusterNetworkPolicyTier,
  ClusterNetworkPolicyVersion,
  type Diagnostic,
  DomainNames,
  diagnostic,
  formatDiagnostic,
  isNetpolError,
  LabelExpression,
  NetpolError,
  NetworkPolicyPort,
  type NetworkPolicyPortProps,
  NetworkPolicyTrafficDefault,
  NetworkProtocol,
  Networks,
  Nodes,
  PodConnectionsIsolation,
  type TrafficDirection,
  Workload,
  type WorkloadProps,
} from "@netpol/core";
export { ConnectivityAssertionError } from "@netpol/core/analysis";
export {
  ClusterNetworkPolicy,
  type ClusterNetworkPolicyProps,
  type ClusterNetworkPolicyRule,
} from "./cluster-policy.js";
export { connections, PodConnections, type PodConnectionsOptions } from "./connections.js";
export { type ConnectivityPeer, expectConnectivity } from "./expect.js";
export { NetworkPolicyIpBlock } from "./ip-blocks.js";
export { LINT_CONTEXT, LINT_DISABLE_CONTEXT } from "./lint.js";
export {
  NetworkPolicy,
  type NetworkPolicyMetadata,
  type NetworkPolicyProps,
  type NetworkPolicyRule,
  type NetworkPolicyTraffic,
} from "./policy.js";
export {
  Namespaces,
  type NamespacesSelectOptions,
  Pods,
  type PodsAllOptions,
  type PodsSelectOptions,
} from "./selectors.js";
export type {
  NamespaceSelectorLike,
  PeerInput,
  PeerLike,
  PodSelectorInput,
  PodSelectorLike,
} from "./translate.js";
