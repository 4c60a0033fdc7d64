// The fluent form of assertions, for tests: `expectConnectivity(map).from(a).to(b).allows(NetworkPolicyPort.tcp(80))`
// throws an Error whose message is the explanation when the expectation fails. Adapters feed it their own references
// (cdk8s constructs, Pulumi resources) with a function naming each as the map does.
import type { ConnectivityMap } from "../engine/analyze.js";
import { NetpolError } from "../errors.js";
import { checkExpectations, type Expectation, type ExpectationResult } from "./check.js";
import type { ExpectedPort } from "./ports.js";

/** Thrown by `allows` and `denies` when the expectation does not hold; the message says why, policy by policy. */
export class ConnectivityAssertionError extends Error {
  /** The failed result, with its narrowed explanation. */
  readonly result: ExpectationResult;

  constructor(result: ExpectationResult) {
    super(result.message);
    this.name = "ConnectivityAssertionError";
    this.result = result;
  }
}

/** The assertions about one ordered pair. */
export interface PairAssertions {
  /** Passes when every given port (every connection when none is given) is allowed; throws otherwise. */
  allows(...ports: readonly ExpectedPort[]): ExpectationResult;
  /** Passes when none of the given ports (no connection at all when none is given) is allowed; throws otherwise. */
  denies(...ports: readonly ExpectedPort[]): ExpectationResult;
}

/** The start of an assertion: its source. */
export interface ConnectivityAssertions<R> {
  /** The source of the connection asserted. */
  from(source: R): { to(destination: R): PairAssertions };
}

/** Checks one expectation: its result when it holds, a ConnectivityAssertionError when not, a NetpolError if invalid. */
export function assertExpectation(map: ConnectivityMap, expectation: Expectation): ExpectationResult {
  const report = checkExpectations(map, [expectation]);
  if (report.diagnostics.some((d) => d.severity === "error")) throw new NetpolError(report.diagnostics);
  const [result] = report.results;
  if (!result) throw new Error("an expectation without a result");
  if (!result.ok) throw new ConnectivityAssertionError(result);
  return result;
}

/**
 * Assertions about a map, for tests. Peers are names the map knows (`namespace/name[Kind]`, `namespace/name`, a
 * workload name, an IP address), or any reference `nameOf` turns into one.
 */
export function expectConnectivity<R = string>(
  map: ConnectivityMap,
  nameOf: (ref: R) => string = (ref) => ref as unknown as string,
): ConnectivityAssertions<R> {
  return {
    from: (source) => ({
      to: (destination) => {
        const expect = (verdict: "allow" | "deny", ports: readonly ExpectedPort[]) =>
          assertExpectation(map, {
            from: nameOf(source),
            to: nameOf(destination),
            [verdict]: ports.length === 0 ? "all" : ports,
          });
        return { allows: (...ports) => expect("allow", ports), denies: (...ports) => expect("deny", ports) };
      },
    }),
  };
}

/** The assertions about one ordered pair, when the map is only known later (Pulumi outputs): each returns a promise. */
export interface PendingPairAssertions {
  /** Resolves when every given port (every connection when none is given) is allowed; rejects otherwise. */
  allows(...ports: readonly ExpectedPort[]): Promise<ExpectationResult>;
  /** Resolves when none of the given ports (no connection at all when none is given) is allowed; rejects otherwise. */
  denies(...ports: readonly ExpectedPort[]): Promise<ExpectationResult>;
}

/** The start of an assertion whose map is only known later. */
export interface PendingConnectivityAssertions<R> {
  /** The source of the connection asserted. */
  from(source: R): { to(destination: R): PendingPairAssertions };
}

/** What an adapter's `load` gives: the map, and the name of each reference in it. */
export interface LoadedConnectivity<R> {
  /** The map the assertions are checked against. */
  readonly map: ConnectivityMap;
  /** The map's name of a reference. */
  readonly nameOf: (ref: R) => string;
}

/**
 * `expectConnectivity` for maps known later: `load` gets the two references of each assertion (so that an adapter can
 * read them with the rest) and gives the map and the names; `allows` and `denies` return promises.
 */
export function expectConnectivityLater<R>(
  load: (refs: readonly [R, R]) => Promise<LoadedConnectivity<R>>,
): PendingConnectivityAssertions<R> {
  return {
    from: (source) => ({
      to: (destination) => {
        const expect = async (verdict: "allow" | "deny", ports: readonly ExpectedPort[]) => {
          const { map, nameOf } = await load([source, destination]);
          const pair = expectConnectivity(map, nameOf).from(source).to(destination);
          return verdict === "allow" ? pair.allows(...ports) : pair.denies(...ports);
        };
        return { allows: (...ports) => expect("allow", ports), denies: (...ports) => expect("deny", ports) };
      },
    }),
  };
}
