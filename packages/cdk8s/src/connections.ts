// connections(workload): both sides of a connection, computed by core and added to the chart as constructs.
import {
  ConnectionPolicies,
  type NetworkPolicy as CorePolicy,
  diagnostic,
  NetpolError,
  type NetworkPolicyPort,
  type PodConnectionsIsolation,
} from "@netpol/core";
import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { NetworkPolicy } from "./policy.js";
import { compact, type PeerInput, type PodSelectorInput, toPeer, toSelector } from "./translate.js";

/** Options of `allowTo` and `allowFrom`. */
export interface PodConnectionsOptions {
  /** The ports; default the destination's container ports, with their real protocols. */
  readonly ports?: readonly NetworkPolicyPort[] | undefined;
  /** Which side gets a policy: `POD`, `PEER`, or both when omitted. */
  readonly isolation?: PodConnectionsIsolation | undefined;
}

/**
 * The connections of one pod or workload, as `pod.connections` in cdk8s-plus. Core computes the policies of each
 * call and keeps one policy per selected pods and chart (so the same call twice adds nothing); each is a construct.
 */
export class PodConnections {
  /** Connections of `subject`; the policies are created in the chart of `scope`. */
  constructor(
    private readonly subject: PodSelectorInput,
    private readonly scope: Construct,
  ) {}

  /** Lets the pods open connections to `peer`: egress here, ingress on the peer (see `isolation`). */
  allowTo(peer: PeerInput, options: PodConnectionsOptions = {}): NetworkPolicy[] {
    // The subject is read at each call, as its container ports may have changed since.
    const chart = chartConnections(this.scope);
    return chart.constructsOf(chart.policies.allowTo(toSelector(this.subject), toPeer(peer), coreOptions(options)));
  }

  /** Lets `peer` open connections to the pods: ingress here, egress on the peer (see `isolation`). */
  allowFrom(peer: PeerInput, options: PodConnectionsOptions = {}): NetworkPolicy[] {
    const chart = chartConnections(this.scope);
    return chart.constructsOf(chart.policies.allowFrom(toSelector(this.subject), toPeer(peer), coreOptions(options)));
  }

  /** Denies all ingress and egress of the pods, except what other policies allow. */
  isolate(): NetworkPolicy[] {
    const chart = chartConnections(this.scope);
    return chart.constructsOf(chart.policies.isolate(toSelector(this.subject)));
  }
}

/** A chart's connections: core's policies, one per selected pods, and the construct of each. */
class ChartConnections {
  readonly policies: ConnectionPolicies;
  private readonly constructs = new Map<CorePolicy, NetworkPolicy>();

  constructor(chart: Chart) {
    this.policies = new ConnectionPolicies({
      onCreate: (policy) => {
        // Core names each policy (`<pods>-connections`, unique per namespace); the id adds the namespace.
        const id = freeId(chart, `${policy.name}${policy.namespace ? `-in-${policy.namespace}` : ""}`);
        this.constructs.set(policy, NetworkPolicy.fromPolicy(chart, id, policy));
      },
    });
  }

  /** The construct of each policy. */
  constructsOf(policies: readonly CorePolicy[]): NetworkPolicy[] {
    return policies.map((p) => this.constructs.get(p) as NetworkPolicy);
  }
}

/** The connections of the chart of `scope` (made on first use). */
function chartConnections(scope: Construct): ChartConnections {
  const chart = Chart.of(scope);
  let connections = charts.get(chart);
  if (!connections) {
    connections = new ChartConnections(chart);
    charts.set(chart, connections);
  }
  return connections;
}

const charts = new WeakMap<Chart, ChartConnections>();

/** The options for core, without keys set to undefined (core's option types are exact about optional keys). */
function coreOptions(options: PodConnectionsOptions): ReturnType<typeof compact<PodConnectionsOptions>> {
  return compact(options);
}

function freeId(scope: Construct, id: string): string {
  let n = 1;
  while (scope.node.tryFindChild(n === 1 ? id : `${id}-${n}`)) n++;
  return n === 1 ? id : `${id}-${n}`;
}

/** The connections of a pod or workload; the policies go to the chart of `scope` (default: the subject itself). */
export function connections(subject: PodSelectorInput, scope?: Construct): PodConnections {
  const parent = scope ?? (isConstruct(subject) ? subject : undefined);
  if (!parent) {
    throw new NetpolError([diagnostic("scope", ["connections"], {})]);
  }
  return new PodConnections(subject, parent);
}

function isConstruct(v: unknown): v is Construct {
  return typeof v === "object" && v !== null && "node" in v && typeof (v as { node: unknown }).node === "object";
}
