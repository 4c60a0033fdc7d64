// The model's plain data: what selectors, peers and workloads hand to policies. No logic, no imports of logic.
import type { LabelSelectorOperator, Protocol } from "./render/types.js";

export type { LabelSelectorOperator, PolicyType, Protocol } from "./render/types.js";

/** A map of label keys to values, as on Kubernetes objects. */
export type Labels = Readonly<Record<string, string>>;

/** The protocols NetworkPolicy can match, in the order rendered ports list them. */
export const PROTOCOLS: readonly Protocol[] = Object.freeze(["TCP", "UDP", "SCTP"]);

/** A traffic direction of a policy: `ingress` (incoming) or `egress` (outgoing). */
export type TrafficDirection = "ingress" | "egress";

/** Both directions, ingress first (the order policies render them). */
export const DIRECTIONS: readonly TrafficDirection[] = Object.freeze(["ingress", "egress"]);

/** Well-known label every namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** A label requirement as plain data (a `LabelExpression` is one). */
export interface LabelExpressionSpec {
  /** The label key. */
  readonly key: string;
  /** The operator. */
  readonly operator: LabelSelectorOperator;
  /** The values, for `In` and `NotIn`. */
  readonly values?: readonly string[] | undefined;
}

/** A label selector as plain data: all `labels` must match and every expression must hold. Empty selects all. */
export interface LabelSelectorSpec {
  /** Exact label matches. */
  readonly labels?: Labels;
  /** Set-based requirements. */
  readonly expressions?: readonly LabelExpressionSpec[];
}

/** Which namespaces a pod selector reaches into; absent means the policy's own namespace. */
export interface NamespaceSelectorConfig {
  /** Namespaces selected by labels; an empty selector selects every namespace. */
  readonly labelSelector?: LabelSelectorSpec;
  /** Namespaces selected by name (at least one when given). */
  readonly names?: readonly string[];
}

/** A pod selector as plain data: which pods, in which namespaces. */
export interface PodSelectorConfig {
  /** Labels of the selected pods. */
  readonly labelSelector: LabelSelectorSpec;
  /** Namespaces of the selected pods; undefined means the namespace of the policy. */
  readonly namespaces?: NamespaceSelectorConfig | undefined;
}

/** A peer as plain data: exactly one of an IP block or a pod selector. */
export interface NetworkPolicyPeerConfig {
  /** A range of addresses. */
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] | undefined } | undefined;
  /** Pods, possibly in other namespaces. */
  readonly podSelector?: PodSelectorConfig | undefined;
}

/** Anything that selects pods: `Pods`, `Namespaces`, a `Workload`, or a custom implementation. */
export interface IPodSelector {
  /** The selected pods as plain data. */
  toPodSelectorConfig(): PodSelectorConfig;
}

/** Anything that selects namespaces: `Namespaces` or a custom implementation. */
export interface INamespaceSelector {
  /** The selected namespaces as plain data. */
  toNamespaceSelectorConfig(): NamespaceSelectorConfig;
}

/** Implement this to supply your own peer; every built-in peer implements it too. */
export interface INetworkPolicyPeer {
  /** The peer as plain data. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig;
  /** The pods this peer stands for, or undefined when it is not pods (an IP block). */
  toPodSelector?(): IPodSelector | undefined;
}
