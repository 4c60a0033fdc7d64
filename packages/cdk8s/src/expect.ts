// Assertions about a chart's connectivity, for tests: `expectConnectivity(chart).from(web).to(redis).allows(...)`.
// Translation only: the chart is synthesized as cdk8s synthesizes it, its workloads are named as the map names them,
// and core's engine and assertions decide and explain.
import { diagnostic, NetpolError, Workload } from "@netpol/core";
import {
  analyzeConnectivity,
  type ConnectivityAssertions,
  type ConnectivityMap,
  expectConnectivity as expectIn,
} from "@netpol/core/analysis";
import { App, Chart, Testing } from "cdk8s";
import { type PodSelectorInput, toSelector } from "./translate.js";

/** A peer of an assertion: a cdk8s-plus Pod or workload, a workload `ApiObject`, a core `Workload`, or a peer name. */
export type ConnectivityPeer = PodSelectorInput | Workload | string;

/** The map's name of a peer: `namespace/name[Kind]` for a workload (the namespace `default` when it has none). */
function peerName(ref: ConnectivityPeer): string {
  if (typeof ref === "string") return ref;
  const w = toSelector(ref);
  if (w instanceof Workload) return `${w.namespace ?? "default"}/${w.name}[${w.kind}]`;
  throw new NetpolError([
    diagnostic("type", [], {
      found: ref,
      expected: "a cdk8s-plus Pod or workload (Deployment, StatefulSet, …), a workload ApiObject, or a peer name",
    }),
  ]);
}

/** The objects of a chart, or of every chart of an app, as cdk8s synthesizes them. */
function objectsOf(scope: Chart | App): unknown[] {
  if (scope instanceof App) return scope.charts.flatMap((c) => Testing.synth(c));
  if (scope instanceof Chart) return Testing.synth(scope);
  throw new NetpolError([diagnostic("type", [], { found: scope, expected: "a cdk8s Chart or App" })]);
}

/**
 * Assertions about the connectivity of a chart (or every chart of an app) as it is now: `allows` and `denies` throw an
 * Error explaining, policy by policy, why an expectation fails. Peers are the constructs themselves.
 */
export function expectConnectivity(scope: Chart | App): ConnectivityAssertions<ConnectivityPeer> & {
  /** The map the assertions are checked against. */
  readonly map: ConnectivityMap;
} {
  const map = analyzeConnectivity({ objects: objectsOf(scope) });
  return { ...expectIn(map, peerName), map };
}
