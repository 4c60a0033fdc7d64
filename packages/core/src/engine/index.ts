// The connectivity engine: public surface.
export {
  ALL_CONNECTIONS,
  allowsPort,
  type ConnectionSet,
  connectionSet,
  equals as connectionSetEquals,
  formatConnectionSet,
  intersect as intersectConnections,
  isAll as isAllConnections,
  isEmpty as isNoConnection,
  isSubset as isConnectionSubset,
  NO_CONNECTIONS,
  type PortRanges,
  portSet,
  protocolSet,
  subtract as subtractConnections,
  union as unionConnections,
} from "./connection-set.js";
export { type Connection, compareNames, listConnections } from "./connections.js";
export {
  type AnalyzeInput,
  analyzeConnectivity,
  type ConnectivityMap,
  type PeerInfo,
  type PortQuery,
} from "./connectivity-map.js";
export type { DirectionExplanation, PairExplanation, RuleContribution } from "./explain.js";
export { cutAddressSpace, formatIpRange, type IpFamily, type IpRange, parseCidr, parseIp } from "./ip-ranges.js";
export { compileSelector, type Labels, matchesSelector } from "./selectors.js";
