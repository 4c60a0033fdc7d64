// The connectivity engine: its public surface.

export {
  type AnalyzeInput,
  analyzeConnectivity,
  type ConnectivityMap,
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
export type {
  ClusterRuleContribution,
  DirectionExplanation,
  PairExplanation,
  RuleContribution,
} from "./explain.js";
