// ClusterNetworkPolicy (and v1alpha1 AdminNetworkPolicy/BaselineAdminNetworkPolicy) as a cluster-scoped cdk8s
// ApiObject: props translated to core, rendered by core when the chart is synthesized.
import {
  type ClusterNetworkPolicyAction,
  type ClusterNetworkPolicyProtocolInput,
  ClusterNetworkPolicy as CorePolicy,
  type ClusterNetworkPolicyProps as CoreProps,
  type Diagnostic,
  diagnostic,
  formatDiagnostic,
  NetpolError,
} from "@netpol/core";
import { ApiObject, JsonPatch } from "cdk8s";
import type { Construct } from "constructs";
import { printAtSynthesis } from "./print-once.js";
import { type PeerInput, type PodSelectorInput, toPeer, toSelector } from "./translate.js";

/** A rule of a cluster-wide policy: core's, with peers that may be cdk8s-plus objects or imported workloads. */
export interface ClusterNetworkPolicyRule {
  /** A name for people and implementations' logs. */
  readonly name?: string;
  /** Accept, Deny or Pass (`ClusterNetworkPolicyAction`). */
  readonly action: ClusterNetworkPolicyAction;
  /** The sources of an ingress rule. */
  readonly from?: readonly (PeerInput | object)[];
  /** The destinations of an egress rule (also Networks, Nodes, DomainNames). */
  readonly to?: readonly (PeerInput | object)[];
  /** The ports and protocols; omit for all traffic. */
  readonly protocols?: readonly ClusterNetworkPolicyProtocolInput[];
}

/** Options of a ClusterNetworkPolicy construct: core's, with cdk8s-plus objects accepted as subject and peers. */
export interface ClusterNetworkPolicyProps extends Omit<CoreProps, "tier" | "subject" | "ingress" | "egress"> {
  /** Admin (before NetworkPolicy) or Baseline (after it); required unless `policy` is given. */
  readonly tier?: CoreProps["tier"];
  /** The pods the policy applies to (give their namespaces: the policy has none). */
  readonly subject?: PodSelectorInput;
  /** Ingress rules, first match wins. */
  readonly ingress?: readonly ClusterNetworkPolicyRule[];
  /** Egress rules, first match wins. */
  readonly egress?: readonly ClusterNetworkPolicyRule[];
  /** A @netpol/core policy to add to the chart as it is (instead of the other props). */
  readonly policy?: CorePolicy;
}

const BRAND = Symbol.for("@netpol/cdk8s.ClusterNetworkPolicy");

/** A peer as core takes it: cluster peers (Networks, Nodes, DomainNames) as they are, others translated. */
const peer = (p: unknown): unknown =>
  typeof p === "object" && p !== null && "toClusterPeerConfig" in p ? p : toPeer(p);

function translateRule(rule: ClusterNetworkPolicyRule): unknown {
  if (typeof rule !== "object" || rule === null) return rule;
  const out: Record<string, unknown> = { ...rule };
  if (Array.isArray(rule.from)) out.from = rule.from.map(peer);
  if (Array.isArray(rule.to)) out.to = rule.to.map(peer);
  return out;
}

function corePolicy(props: ClusterNetworkPolicyProps): CorePolicy {
  const { policy, subject, ingress, egress, ...rest } = props;
  if (policy !== undefined) {
    if (Object.keys(rest).length > 0 || subject !== undefined || ingress !== undefined || egress !== undefined)
      throw new NetpolError([diagnostic("exclusive-keys", [], { keys: ["policy", "the policy's own props"] })]);
    return policy;
  }
  return new CorePolicy({
    ...rest,
    ...(subject !== undefined ? { subject: toSelector(subject) } : {}),
    ...(ingress !== undefined ? { ingress: ingress.map(translateRule) } : {}),
    ...(egress !== undefined ? { egress: egress.map(translateRule) } : {}),
  } as CoreProps);
}

/** A ClusterNetworkPolicy (or v1alpha1 AdminNetworkPolicy/BaselineAdminNetworkPolicy) in a chart: cluster-scoped. */
export class ClusterNetworkPolicy extends ApiObject {
  /** True when `value` is a ClusterNetworkPolicy of this package (also across duplicated module copies). */
  static isClusterNetworkPolicy(value: unknown): value is ClusterNetworkPolicy {
    return typeof value === "object" && value !== null && BRAND in value;
  }

  /** `instanceof` checks this package's brand. */
  static override [Symbol.hasInstance](value: unknown): value is ClusterNetworkPolicy {
    return ClusterNetworkPolicy.isClusterNetworkPolicy(value);
  }

  /** The core model of this policy. */
  readonly policy: CorePolicy;
  private readonly jsonPatches: JsonPatch[] = [];

  /** Creates the policy, named by core (its name, or one derived from subject, tier and priority). */
  constructor(scope: Construct, id: string, props: ClusterNetworkPolicyProps) {
    const policy = corePolicy(props);
    const { apiVersion, kind, metadata } = policy.toManifest();
    super(scope, id, { apiVersion, kind, metadata });
    this.policy = policy;
    printAtSynthesis(this, () => this.warnings.map((w) => formatDiagnostic(w, this.node.path)));
  }

  /** Adds JSON patches, applied to the object as synthesized (as for any ApiObject). */
  override addJsonPatch(...ops: JsonPatch[]): void {
    this.jsonPatches.push(...ops);
  }

  /** The object as cdk8s synthesizes it: core's rendering; cluster-scoped, so without a chart's namespace. */
  override toJson(): unknown {
    const { namespace: _, ...metadata } = this.metadata.toJson() as Record<string, unknown>;
    const { spec } = this.policy.toManifest();
    const json = { apiVersion: this.apiVersion, kind: this.kind, metadata, spec };
    return this.jsonPatches.length === 0 ? json : JsonPatch.apply(json, ...this.jsonPatches);
  }

  /** Warnings about this policy, naming this object. */
  get warnings(): Diagnostic[] {
    return this.policy.warnings.map((w) => ({ ...w, subject: `${this.kind} ${this.name}` }));
  }
}

Object.defineProperty(ClusterNetworkPolicy.prototype, BRAND, { value: true });
