// @netpol/core/manifests: reading YAML and existing Kubernetes manifests (NetworkPolicy and the cluster-wide
// ClusterNetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy), as the API server reads them.

export { type ParsedClusterPolicy, parseClusterPolicyManifest } from "./cluster-policy.js";
export {
  DEFAULT_MAX_INPUT_BYTES,
  describeIoError,
  formatBytes,
  MANIFEST_EXTENSIONS,
  ReadBudget,
  type ReadPathsOptions,
  readManifestPaths,
  readTextFile,
  retryWhileBusy,
  type TextOrDiagnostic,
} from "./files.js";
export { namespaceManifest } from "./namespaces.js";
export { type ParsedNetworkPolicy, parseNetworkPolicyManifest } from "./network-policy.js";
export { type KubeObject, type ObjectsRead, type ReadObjectsOptions, readObjects } from "./objects.js";
export {
  type ObjectSource,
  positioned,
  type ReadResult,
  type ReadTextOptions,
  readManifestText,
} from "./read.js";
export { type ClusterPolicyFromManifest, clusterPolicyFromManifest } from "./to-cluster-model.js";
export { type PoliciesRead, type PolicyFromManifest, policyFromManifest, readPolicies } from "./to-model.js";
export { workloadFromManifest } from "./workloads.js";
export {
  DEFAULT_YAML_LIMITS,
  nodeAt,
  positionOf,
  readYaml,
  type YamlDocument,
  type YamlLimits,
} from "./yaml.js";
