// Connections: core's allowTo/allowFrom/isolate, one NetworkPolicy component per policy core writes.
import {
  type NetworkPolicy as CoreNetworkPolicy,
  allowFrom as coreAllowFrom,
  allowTo as coreAllowTo,
  isolate as coreIsolate,
  diagnostic,
  type INetworkPolicyPeer,
  type IPodSelector,
  NetpolError,
  type PodConnectionsOptions,
} from "@netpol/core";
import type * as pulumi from "@pulumi/pulumi";
import { collect, isOutput, type Lazy, map } from "./lazy.js";
import { MODEL, type ModelArgs, NetworkPolicy } from "./policy.js";
import { type PeerInput, type PodSelectorInput, resolve, resolveNow } from "./resolve.js";

/** Both sides of connections of some pods, written at once. */
export interface PodConnections {
  /** Lets the pods open connections to `peer`: egress here, ingress on the peer (see `isolation`). */
  allowTo(peer: PeerInput, options?: PodConnectionsOptions): NetworkPolicy[];
  /** Lets `peer` open connections to the pods: ingress here, egress on the peer (see `isolation`). */
  allowFrom(peer: PeerInput, options?: PodConnectionsOptions): NetworkPolicy[];
  /** Denies all ingress and egress of the pods, except what other policies allow. */
  isolate(): NetworkPolicy[];
}

type Build = (subject: IPodSelector, peer: INetworkPolicyPeer) => CoreNetworkPolicy[];

/** The connections of `subject` (a workload resource, a namespace or a core selector); `opts` go to every policy. */
export function connections(subject: PodSelectorInput, opts: pulumi.ComponentResourceOptions = {}): PodConnections {
  return {
    allowTo: (peer, options = {}) => create((s, p) => coreAllowTo(s, p, options), subject, peer, opts),
    allowFrom: (peer, options = {}) => create((s, p) => coreAllowFrom(s, p, options), subject, peer, opts),
    isolate: () => create((s) => coreIsolate(s), subject, undefined, opts),
  };
}

/**
 * Names the policies now, from stand-ins of what is not known yet (a resource's program name), then builds the real
 * policies once the inputs are known and hands policy `i` to component `i`.
 */
function create(build: Build, subject: unknown, peer: unknown, opts: pulumi.ComponentResourceOptions): NetworkPolicy[] {
  const now = [needNow(subject, "subject"), peer === undefined ? undefined : needNow(peer, "peer")];
  const planned = build(now[0] as IPodSelector, now[1] as INetworkPolicyPeer);
  const resolved = collect([resolve(subject, "subject"), peer === undefined ? undefined : resolve(peer, "peer")]);
  const actual: Lazy<CoreNetworkPolicy[]> = isOutput(resolved)
    ? map(resolved, ([s, p]) => build(s as IPodSelector, p as INetworkPolicyPeer))
    : planned;
  return planned.map((plan, i) => {
    const args: ModelArgs = { [MODEL]: map(actual, (policies) => nth(policies, i, planned)) };
    return new NetworkPolicy(plan.name, args, opts);
  });
}

function needNow(value: unknown, role: string): unknown {
  const now = resolveNow(value, role);
  if (now === undefined)
    throw new NetpolError([
      diagnostic({
        code: "connection-unknown",
        path: role,
        message: `the ${role} of a connection is a Pulumi Output or promise, so its policies cannot be named yet`,
        expected: "a workload or namespace resource, or Pods/Namespaces/Workload/NetworkPolicyIpBlock",
        hint: "Pass the resource itself, or build a NetworkPolicy with a selector Output instead",
      }),
    ]);
  return now;
}

function nth(policies: CoreNetworkPolicy[], i: number, planned: CoreNetworkPolicy[]): CoreNetworkPolicy {
  const policy = policies[i];
  if (policies.length !== planned.length || !policy)
    throw new NetpolError([
      diagnostic({
        code: "connection-shape",
        path: planned[i]?.name ?? "connection",
        message: `the connection resolved to ${policies.length} policies, but ${planned.length} were named from the resources`,
        hint: "Pass core values (Pods.select, Workload.of) whose namespaces are known for this connection",
      }),
    ]);
  return policy;
}
