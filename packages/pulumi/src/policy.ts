// The NetworkPolicy component: Pulumi Inputs resolved into one core policy, rendered into one Kubernetes child.
import {
  NetworkPolicy as CoreNetworkPolicy,
  describeDiagnostic,
  diagnostic,
  type INetworkPolicyPeer,
  isDns1123Subdomain,
  NetpolError,
  type NetworkPolicyManifest,
  type NetworkPolicyPort,
  type NetworkPolicyProps,
  type NetworkPolicyTrafficDefault,
  type TrafficDirection,
} from "@netpol/core";
import { describeFinding, type LintFinding, lint } from "@netpol/core/analysis";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { collect, fromPromise, isOutput, type Lazy, map, toOutput } from "./lazy.js";
import { type PeerInput, type PodSelectorInput, portList, resolve, trafficPorts } from "./resolve.js";

/** The Pulumi type token of the component. */
export const NETWORK_POLICY_TYPE = "netpol:index:NetworkPolicy";

/** Metadata of the policy object; the name defaults to the component's name. */
export interface NetworkPolicyMetadataArgs {
  /** The policy's name (a DNS-1123 subdomain); default the component's name. */
  readonly name?: pulumi.Input<string> | undefined;
  /** The namespace; default that of the selected pods. */
  readonly namespace?: pulumi.Input<string> | undefined;
  /** Labels of the policy object. */
  readonly labels?: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined;
  /** Annotations of the policy object. */
  readonly annotations?: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined;
}

/** One rule: traffic with these peers on these ports; no peer means any peer, no ports every port. */
export interface NetworkPolicyRuleArgs {
  /** The peer. */
  readonly peer?: pulumi.Input<PeerInput> | undefined;
  /** Several peers in one rule (instead of `peer`). */
  readonly peers?: pulumi.Input<readonly pulumi.Input<PeerInput>[]> | undefined;
  /** The ports; omit for every port. */
  readonly ports?: pulumi.Input<readonly pulumi.Input<NetworkPolicyPort>[]> | undefined;
}

/** One direction of the policy. */
export interface NetworkPolicyTrafficArgs {
  /** Deny or allow what no rule matches; setting it isolates the direction. */
  readonly default?: pulumi.Input<NetworkPolicyTrafficDefault> | undefined;
  /** The rules. */
  readonly rules?: pulumi.Input<readonly pulumi.Input<NetworkPolicyRuleArgs>[]> | undefined;
}

/** Arguments of the NetworkPolicy component; every field accepts Pulumi Inputs. */
export interface NetworkPolicyArgs {
  /** Name, namespace, labels and annotations of the policy object. */
  readonly metadata?: pulumi.Input<NetworkPolicyMetadataArgs> | undefined;
  /** The pods the policy applies to; default every pod of its namespace. */
  readonly selector?: pulumi.Input<PodSelectorInput> | undefined;
  /** Incoming traffic. */
  readonly ingress?: pulumi.Input<NetworkPolicyTrafficArgs> | undefined;
  /** Outgoing traffic. */
  readonly egress?: pulumi.Input<NetworkPolicyTrafficArgs> | undefined;
  /** A @netpol/core policy to register as it is (instead of metadata, selector, ingress and egress). */
  readonly policy?: pulumi.Input<CoreNetworkPolicy> | undefined;
}

interface PendingRule {
  readonly direction: TrafficDirection;
  readonly peer: Lazy<unknown>;
  readonly ports: Lazy<unknown>;
}

// Resource options a component passes on to its Kubernetes child (parent, providers and protect are inherited).
const PASSED_OPTIONS = [
  "dependsOn",
  "ignoreChanges",
  "customTimeouts",
  "retainOnDelete",
  "replaceOnChanges",
  "deletedWith",
] as const;

/** A Kubernetes NetworkPolicy as a Pulumi component, modelled and rendered by @netpol/core. */
export class NetworkPolicy extends pulumi.ComponentResource {
  /** The registered `kubernetes:networking.k8s.io/v1:NetworkPolicy` child. */
  readonly policy: k8s.networking.v1.NetworkPolicy;
  /** The rendered manifest; unknown during a preview while one of its inputs is unknown. */
  readonly manifest: pulumi.Output<NetworkPolicyManifest>;
  private readonly componentName: string;
  private readonly model: CoreNetworkPolicy | undefined;
  private readonly pending: PendingRule[];
  private emitted: boolean;

  /** Creates the component and its NetworkPolicy child; rules may still be added until the program yields. */
  constructor(name: string, args: NetworkPolicyArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
    const base = args.policy !== undefined ? givenPolicy(args) : modelOf(name, args);
    super(NETWORK_POLICY_TYPE, name, {}, opts);
    this.componentName = name;
    this.model = isOutput(base) ? undefined : base;
    this.pending = [];
    this.emitted = false;
    // Rules added in the same synchronous part of the program are collected; the spec is built after that.
    const rules = fromPromise(
      Promise.resolve().then(() => {
        this.emitted = true;
        return this.pending.splice(0);
      }),
    );
    const final = map(rules, (pending) =>
      map(
        collect(pending.map((r) => map(collect([r.peer, r.ports]), ([peer, ports]) => ({ ...r, peer, ports })))),
        (added) =>
          map(base, (policy) => {
            for (const r of added)
              policy.addRule(r.direction, r.peer as INetworkPolicyPeer, r.ports as NetworkPolicyPort[]);
            return policy;
          }),
      ),
    );
    this.manifest = toOutput(
      map(final, (policy) => {
        for (const w of policy.warnings) pulumi.log.warn(describeDiagnostic(w), this);
        const manifest = policy.toManifest();
        for (const f of lintAlone(manifest)) pulumi.log.warn(describeFinding(f), this);
        return manifest;
      }),
    );
    this.policy = new k8s.networking.v1.NetworkPolicy(
      name,
      {
        metadata: this.manifest.apply((m) => m.metadata),
        spec: this.manifest.apply((m) => m.spec as k8s.types.input.networking.v1.NetworkPolicySpec),
      },
      childOptions(this, opts),
    );
    this.registerOutputs({ manifest: this.manifest });
  }

  /** Allows incoming traffic from `peer` on `ports` (every port when omitted). */
  addIngressRule(
    peer: pulumi.Input<PeerInput>,
    ports?: pulumi.Input<readonly pulumi.Input<NetworkPolicyPort>[]>,
  ): this {
    return this.addRule("ingress", peer, ports);
  }

  /** Allows outgoing traffic to `peer` on `ports` (every port when omitted). */
  addEgressRule(peer: pulumi.Input<PeerInput>, ports?: pulumi.Input<readonly pulumi.Input<NetworkPolicyPort>[]>): this {
    return this.addRule("egress", peer, ports);
  }

  private addRule(direction: TrafficDirection, peerInput: unknown, portsInput: unknown): this {
    const method = direction === "ingress" ? "addIngressRule" : "addEgressRule";
    if (this.emitted) {
      throw new NetpolError([
        diagnostic("policy-emitted", [direction], { method, policy: this.componentName, direction }),
      ]);
    }
    const peer = resolve(peerInput, `${direction}.peer`);
    const ports = map(resolve(portsInput, `${direction}.ports`), portList);
    const known = !isOutput(peer) && !isOutput(ports);
    if (known && this.model) {
      this.model.addRule(direction, peer as INetworkPolicyPeer, ports as NetworkPolicyPort[] | undefined);
      return this;
    }
    // A rule known now is checked now, even when the policy itself is not known yet.
    if (known)
      CoreNetworkPolicy.checkRule(direction, peer as INetworkPolicyPeer, ports as NetworkPolicyPort[] | undefined);
    this.pending.push({ direction, peer, ports });
    return this;
  }
}

/** The core policy for the arguments: now when every input is known now, otherwise once they are. */
function modelOf(name: string, args: NetworkPolicyArgs): Lazy<CoreNetworkPolicy> {
  const meta = args.metadata;
  const named = isOutput(meta) || meta instanceof Promise || (meta?.name !== undefined && meta.name !== null);
  if (!named && !isDns1123Subdomain(name)) throw new NetpolError([diagnostic("component-name", ["name"], { name })]);
  return map(resolve(args), (resolved) => {
    const { metadata, ...rest } = resolved as Record<string, unknown>;
    const { name: given, ...meta } = (metadata ?? {}) as Record<string, unknown>;
    const props = {
      ...rest,
      ...meta,
      name: given ?? name,
      ingress: trafficPorts(rest.ingress),
      egress: trafficPorts(rest.egress),
    };
    return new CoreNetworkPolicy(dropUndefined(props) as NetworkPolicyProps);
  });
}

/** The core policy given in the arguments, alone (the other arguments describe a policy too). */
function givenPolicy(args: NetworkPolicyArgs): Lazy<CoreNetworkPolicy> {
  const { policy, ...rest } = args;
  const others = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  if (others.length > 0) throw new NetpolError([diagnostic("exclusive-keys", [], { keys: ["policy", ...others] })]);
  return resolve(policy) as Lazy<CoreNetworkPolicy>;
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

function childOptions(parent: pulumi.Resource, opts: pulumi.ComponentResourceOptions): pulumi.CustomResourceOptions {
  const out: Record<string, unknown> = { parent };
  for (const key of PASSED_OPTIONS) if (opts[key] !== undefined) out[key] = opts[key];
  return out as pulumi.CustomResourceOptions;
}

/**
 * Core's lint findings about one policy, linted alone: a component sees no other resource of the program, so only the
 * checks of a policy's own spec can find anything (lint the program's objects in its tests for the others).
 */
function lintAlone(manifest: NetworkPolicyManifest): readonly LintFinding[] {
  // Its only diagnostic would say that there are no workloads to look at, which is known.
  return lint([manifest]).findings;
}
