// connections(workload): both sides of a connection, computed by core and added to the chart as constructs.
import {
  allowFrom,
  allowTo,
  type NetworkPolicy as CorePolicy,
  diagnostic,
  isolate,
  NetpolError,
  type NetworkPolicyPort,
  type PodConnectionsIsolation,
} from "@netpol/core";
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

/** The connections of one pod or workload, as `pod.connections` in cdk8s-plus. */
export class PodConnections {
  private readonly subject: ReturnType<typeof toSelector>;

  /** Connections of `subject`; the policies are created as children of `scope`. */
  constructor(
    subject: PodSelectorInput,
    private readonly scope: Construct,
  ) {
    this.subject = toSelector(subject);
  }

  /** Lets the pods open connections to `peer`: egress here, ingress on the peer (see `isolation`). */
  allowTo(peer: PeerInput, options: PodConnectionsOptions = {}): NetworkPolicy[] {
    return this.add(allowTo(this.subject, toPeer(peer), compact(options)));
  }

  /** Lets `peer` open connections to the pods: ingress here, egress on the peer (see `isolation`). */
  allowFrom(peer: PeerInput, options: PodConnectionsOptions = {}): NetworkPolicy[] {
    return this.add(allowFrom(this.subject, toPeer(peer), compact(options)));
  }

  /** Denies all ingress and egress of the pods, except what other policies allow. */
  isolate(): NetworkPolicy[] {
    return this.add(isolate(this.subject));
  }

  /** Adds each policy under an id derived from its content; the same policy twice is added once. */
  private add(policies: readonly CorePolicy[]): NetworkPolicy[] {
    return policies.map((policy) => {
      const base = policy.name;
      let key: string | undefined;
      for (let n = 1; ; n++) {
        const id = n === 1 ? base : `${base}-${n}`;
        const existing = this.scope.node.tryFindChild(id);
        if (existing === undefined) return NetworkPolicy.fromPolicy(this.scope, id, policy);
        key ??= JSON.stringify(policy.toManifest());
        if (NetworkPolicy.isNetworkPolicy(existing) && JSON.stringify(existing.policy.toManifest()) === key)
          return existing;
      }
    });
  }
}

/** The connections of a pod or workload; `scope` (default: the subject itself) receives the policies. */
export function connections(subject: PodSelectorInput, scope?: Construct): PodConnections {
  const parent = scope ?? (isConstruct(subject) ? subject : undefined);
  if (!parent) {
    throw new NetpolError([
      diagnostic({
        code: "scope",
        path: "connections",
        message: "the subject is not a construct, so there is nowhere to add its policies",
        hint: "Pass a scope: connections(workload, chart)",
      }),
    ]);
  }
  return new PodConnections(subject, parent);
}

function isConstruct(v: unknown): v is Construct {
  return typeof v === "object" && v !== null && "node" in v && typeof (v as { node: unknown }).node === "object";
}
