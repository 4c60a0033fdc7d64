// @netpol/core: the framework-agnostic NetworkPolicy model. Exports are listed by name on purpose.

export {
  addConnectionRule,
  allowFrom,
  allowTo,
  ConnectionPolicies,
  type ConnectionPoliciesOptions,
  type ConnectionRule,
  type ConnectionSubject,
  connectionPolicy,
  connectionRules,
  isolate,
  PodConnectionsIsolation,
  type PodConnectionsOptions,
} from "./connections.js";
export {
  type Diagnostic,
  DiagnosticBag,
  type DiagnosticInit,
  diagnostic,
  formatDiagnostic,
  isNetpolError,
  NetpolError,
  type Severity,
} from "./errors.js";
export { checkIpBlock, type IpFamily, NetworkPolicyIpBlock } from "./ip-blocks.js";
export {
  checkLabelKey,
  checkLabels,
  checkLabelValue,
  checkNamespaceName,
  checkObjectName,
  isDns1123Label,
  isDns1123Subdomain,
  type Labels,
  NAMESPACE_NAME_LABEL,
} from "./labels.js";
export { type ParsedNetworkPolicy, parseNetworkPolicyManifest } from "./manifests/network-policy.js";
export {
  describe as describePeer,
  type INetworkPolicyPeer,
  isPeer,
  isPodSelector,
  type NetworkPolicyPeerConfig,
  type Placement,
  placement,
  renderPeer,
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
export {
  checkPort,
  isIanaServiceName,
  NetworkPolicyPort,
  type NetworkPolicyPortProps,
  NetworkProtocol,
} from "./ports.js";
export { renderSelector } from "./render/selector.js";
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
export { type ContainerPort, containerPortsOf, Workload, type WorkloadProps } from "./workloads.js";

// Connectivity engine, manifest reading and output formats

export {
  ALL_CONNECTIONS,
  type AnalyzeInput,
  allowsPort,
  analyzeConnectivity,
  type Connection,
  type ConnectionSet,
  type ConnectivityMap,
  connectionSet,
  connectionSetsEqual,
  type Direction,
  type DirectionExplanation,
  formatConnectionSet,
  intersectConnections,
  isAllConnections,
  isConnectionSubset,
  isEmptyConnectionSet,
  NO_CONNECTIONS,
  type PairExplanation,
  type PeerInfo,
  type PortQuery,
  type PortRanges,
  portSet,
  protocolSet,
  type RuleContribution,
  subtractConnections,
  unionConnections,
} from "./engine/index.js";
export {
  type ConnectionFormatter,
  FORMATTERS,
  type OutputFormat,
  renderConnections,
  renderExplanationsJson,
  renderExplanationsTxt,
} from "./format/index.js";
export { listManifestFiles, MANIFEST_EXTENSIONS, type ReadPathsOptions, readManifestPaths } from "./manifests/files.js";
export {
  classifyObject,
  namespaceManifest,
  type ObjectCategory,
  podTemplateOf,
  WORKLOAD_KINDS,
} from "./manifests/objects.js";
export {
  describeObject,
  isManifestObject,
  locate,
  mergeReadResults,
  type ObjectSource,
  objectDiagnostic,
  parsePath,
  type ReadResult,
  readManifestText,
  type SourcePosition,
  withPosition,
} from "./manifests/read.js";
