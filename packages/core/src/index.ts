// @netpol/core: the framework-agnostic NetworkPolicy and ClusterNetworkPolicy model and its renderer. Exports are listed by name on purpose.
// The connectivity engine is `@netpol/core/analysis`; reading existing manifests is `@netpol/core/manifests`.

export {
  ClusterNetworkPolicyAction,
  type ClusterNetworkPolicyPeerConfig,
  type ClusterNetworkPolicyProtocolConfig,
  type ClusterNetworkPolicyRuleConfig,
  ClusterNetworkPolicyTier,
  ClusterNetworkPolicyVersion,
  type IClusterNetworkPolicyPeer,
} from "./cluster-policy/data.js";
export { DomainNames, Networks, Nodes, type NodesSelectOptions } from "./cluster-policy/peers.js";
export {
  ClusterNetworkPolicy,
  type ClusterNetworkPolicyConfig,
  type ClusterNetworkPolicyEgressPeer,
  type ClusterNetworkPolicyEgressRule,
  type ClusterNetworkPolicyIngressPeer,
  type ClusterNetworkPolicyIngressRule,
  type ClusterNetworkPolicyProps,
  type ClusterNetworkPolicyProtocolInput,
} from "./cluster-policy/policy.js";
export { ClusterNetworkPolicyProtocol, type ClusterNetworkPolicyProtocolProps } from "./cluster-policy/protocols.js";
export type { ClusterPolicyKind } from "./cluster-policy/versions.js";
export {
  allowFrom,
  allowTo,
  ConnectionPolicies,
  type ConnectionPoliciesOptions,
  type ConnectionSubject,
  isolate,
  type PendingWorkload,
  type PlannedPolicy,
  PodConnectionsIsolation,
  type PodConnectionsOptions,
  planConnection,
} from "./connections.js";
export { NAMESPACE_NAME_LABEL, PROTOCOLS } from "./data.js";
export {
  type Diagnostic,
  type DiagnosticArgs,
  type DiagnosticCode,
  type DiagnosticPath,
  describeDiagnostic,
  diagnostic,
  formatDiagnostic,
  formatPath,
  hasErrors,
  isNetpolError,
  NetpolError,
  restate,
  type Severity,
  type Syntax,
} from "./errors.js";
export { type IpFamily, NetworkPolicyIpBlock } from "./ip-blocks.js";
export { isDns1123Label, isDns1123Subdomain, type Labels } from "./labels.js";
export {
  describe as describePeer,
  type INetworkPolicyPeer,
  isPeer,
  isPodSelector,
  type NetworkPolicyPeerConfig,
  type Placement,
  placement,
} from "./peers.js";
export {
  NetworkPolicy,
  type NetworkPolicyConfig,
  type NetworkPolicyProps,
  type NetworkPolicyRule,
  type NetworkPolicyRuleConfig,
  type NetworkPolicyTraffic,
  type NetworkPolicyTrafficConfig,
  NetworkPolicyTrafficDefault,
  type TrafficDirection,
} from "./policy.js";
export { isIanaServiceName, NetworkPolicyPort, type NetworkPolicyPortProps, NetworkProtocol } from "./ports.js";
export type {
  AdminNetworkPolicyEgressRuleManifest,
  AdminNetworkPolicyIngressRuleManifest,
  AdminNetworkPolicyManifest,
  AdminNetworkPolicyPortManifest,
  BaselineAdminNetworkPolicyManifest,
  ClusterNetworkPolicyEgressRuleManifest,
  ClusterNetworkPolicyIngressRuleManifest,
  ClusterNetworkPolicyManifest,
  ClusterNetworkPolicyPortManifest,
  ClusterNetworkPolicyProtocolManifest,
  ClusterObjectMetaManifest,
  ClusterPolicyEgressPeerManifest,
  ClusterPolicyIngressPeerManifest,
  ClusterPolicyManifest,
  ClusterPolicySubjectManifest,
  NamespacedPodManifest,
} from "./render/cluster-types.js";
export type {
  IpBlockManifest,
  LabelSelectorManifest,
  LabelSelectorOperator,
  LabelSelectorRequirementManifest,
  NetworkPolicyEgressRuleManifest,
  NetworkPolicyIngressRuleManifest,
  NetworkPolicyManifest,
  NetworkPolicyPeerManifest,
  NetworkPolicyPortManifest,
  NetworkPolicySpecManifest,
  ObjectMetaManifest,
  PolicyType,
  Protocol,
} from "./render/types.js";
export { toYaml } from "./render/yaml.js";
export {
  type INamespaceSelector,
  type IPodSelector,
  isEmptySelector,
  LabelExpression,
  type LabelExpressionSpec,
  type LabelSelectorSpec,
  type NamespaceSelectorConfig,
  Namespaces,
  type NamespacesSelectOptions,
  type PodSelectorConfig,
  Pods,
  type PodsAllOptions,
  type PodsSelectOptions,
} from "./selectors.js";
export { didYouMean, quoteList, show } from "./text.js";
export {
  type ContainerPort,
  isWorkloadKind,
  WORKLOAD_KINDS,
  Workload,
  type WorkloadKind,
  type WorkloadProps,
} from "./workloads.js";
