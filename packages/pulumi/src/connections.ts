// Connections: core's allowTo/allowFrom/isolate, one NetworkPolicy component per policy core writes.
import {
  type NetworkPolicy as CoreNetworkPolicy,
  allowFrom as coreAllowFrom,
  allowTo as coreAllowTo,
  isolate as coreIsolate,
  describePeer,
  diagnostic,
  type INetworkPolicyPeer,
  type IPodSelector,
  NetpolError,
  type PendingWorkload,
  type PlannedPolicy,
  type PodConnectionsOptions,
  planConnection,
} from "@netpol/core";
import * as pulumi from "@pulumi/pulumi";
import { collect, isOutput, type Lazy, map } from "./lazy.js";
import { NetworkPolicy } from "./policy.js";
import { type PeerInput, type PodSelectorInput, resolve } from "./resolve.js";
import { checkPodResource, logicalName, NAMESPACE_TYPE, typeOf } from "./workloads.js";

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
  const connect =
    (way: "to" | "from", build: Build) =>
    (peer: PeerInput, options: PodConnectionsOptions = {}) =>
      create(
        build,
        subject,
        peer,
        planConnection(way, endOf(subject, "subject") as never, endOf(peer, "peer") as never, options),
        opts,
      );
  return {
    allowTo: (peer, options = {}) => connect("to", (s, p) => coreAllowTo(s, p, options))(peer, options),
    allowFrom: (peer, options = {}) => connect("from", (s, p) => coreAllowFrom(s, p, options))(peer, options),
    isolate: () => {
      const name = `${endName(endOf(subject, "subject"))}-deny-all`;
      return create((s) => coreIsolate(s), subject, undefined, [{ name, direction: "ingress", side: "subject" }], opts);
    },
  };
}

/** An end of a connection as core plans it: a core value, or a resource whose pods are not known yet. */
function endOf(value: unknown, role: string): IPodSelector | INetworkPolicyPeer | PendingWorkload {
  if (isOutput(value) || value instanceof Promise)
    throw new NetpolError([diagnostic("connection-unknown", [role], { role })]);
  if (!pulumi.Resource.isInstance(value)) return value as IPodSelector;
  checkPodResource(value, role);
  return { name: logicalName(value), kind: typeOf(value) === NAMESPACE_TYPE ? "namespace" : "workload" };
}

function endName(end: IPodSelector | INetworkPolicyPeer | PendingWorkload): string {
  return "kind" in end && typeof end.name === "string" && (end.kind === "workload" || end.kind === "namespace")
    ? end.name
    : describePeer(end);
}

/** One component per planned policy, each given the policy core writes once the inputs are known. */
function create(
  build: Build,
  subject: unknown,
  peer: unknown,
  planned: readonly PlannedPolicy[],
  opts: pulumi.ComponentResourceOptions,
): NetworkPolicy[] {
  const resolved = collect([resolve(subject, "subject"), peer === undefined ? undefined : resolve(peer, "peer")]);
  const actual: Lazy<CoreNetworkPolicy[]> = map(resolved, ([s, p]) =>
    build(s as IPodSelector, p as INetworkPolicyPeer),
  );
  return planned.map(
    (plan, i) => new NetworkPolicy(plan.name, { policy: map(actual, (all) => nth(all, i, planned)) }, opts),
  );
}

function nth(policies: readonly CoreNetworkPolicy[], i: number, planned: readonly PlannedPolicy[]): CoreNetworkPolicy {
  const policy = policies[i];
  if (policies.length !== planned.length || !policy)
    throw new NetpolError([
      diagnostic("usage", [planned[i]?.name ?? "connection"], {
        problem: `the connection resolved to ${policies.length} policies, but ${planned.length} were named from the resources`,
        expected: "core values (Pods.select, Workload.of) whose namespaces are known for this connection",
      }),
    ]);
  return policy;
}
