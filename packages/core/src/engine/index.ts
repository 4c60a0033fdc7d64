// The connectivity engine: its public surface.

export {
  type AnalyzeInput,
  analyzeConnectivity,
  type ConnectivityMap,
  type FocusedMap,
  type PeerInfo,
  type PortQuery,
} from "./analyze.js";
export {
  ALL_CONNECTIONS,
  allowsPort,
  type ConnectionSet,
  connectionSet,
  equals as connectionSetsEqual,
  formatConnectionSet,
  intersect as intersectConnections,
  isAll as isAllConnections,
  isEmpty as isEmptyConnectionSet,
  isSubset as isConnectionSubset,
  NO_CONNECTIONS,
  type PortRanges,
  portSet,
  protocolSet,
  subtract as subtractConnections,
  union as unionConnections,
} from "./connection-set.js";
export type { Connection } from "./connections.js";
export {
  type ConnectionDiff,
  type ConnectivityDiff,
  type DiffOptions,
  type DiffType,
  diffConnectivity,
} from "./diff.js";
export type {
  ClusterRuleContribution,
  DirectionExplanation,
  PairExplanation,
  RuleContribution,
} from "./explain.js";
export type { ExplainOptions } from "./explain-select.js";
export {
  type ExposureEdge,
  type ExposurePeer,
  type ExposureReport,
  formatPotentialConnection,
  type NamedPort,
  type PotentialConnection,
} from "./exposure.js";
export { exposureIgnoredBy, type FocusConnection } from "./exposure-focus.js";
export { checkFocusValues, type FocusOptions } from "./focus.js";
export type { IngressObjectContribution } from "./ingress.js";
export { INGRESS_CONTROLLER } from "./ingress-plan.js";
export type { Representative } from "./representatives.js";
export type {
  DefaultReason,
  IngressObjectReason,
  NamedPortsUnmatchedReason,
  NoRuleSelectsReason,
  NoRulesReason,
  PortGroup,
  PortsMismatchReason,
  PortVerdict,
  Reason,
  RuleAllowsReason,
  Verdict,
} from "./verdicts.js";
