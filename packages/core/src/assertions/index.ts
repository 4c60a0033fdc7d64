// Assertions about connectivity: their public surface.

export {
  checkExpectations,
  type Expectation,
  type ExpectationReport,
  type ExpectationResult,
} from "./check.js";
export {
  assertExpectation,
  ConnectivityAssertionError,
  type ConnectivityAssertions,
  expectConnectivity,
  expectConnectivityLater,
  type LoadedConnectivity,
  type PairAssertions,
  type PendingConnectivityAssertions,
  type PendingPairAssertions,
} from "./expect.js";
export { type ExpectedPort, type ExpectedPorts, parsePortText, readExpectedPorts } from "./ports.js";
