// Plain `policy.networking.k8s.io` shapes: v1alpha2 ClusterNetworkPolicy, v1alpha1 AdminNetworkPolicy and
// BaselineAdminNetworkPolicy, as the renderer emits them and the manifest reader accepts them.
import type { LabelSelectorManifest, Protocol } from "./types.js";

/** Pods in namespaces, as written in a subject or peer. */
export interface NamespacedPodManifest {
  namespaceSelector: LabelSelectorManifest;
  podSelector: LabelSelectorManifest;
}

/** The pods a cluster-wide policy applies to: exactly one field. */
export interface ClusterPolicySubjectManifest {
  namespaces?: LabelSelectorManifest;
  pods?: NamespacedPodManifest;
}

/** A source of an ingress rule: exactly one field. */
export interface ClusterPolicyIngressPeerManifest {
  namespaces?: LabelSelectorManifest;
  pods?: NamespacedPodManifest;
}

/** A destination of an egress rule: exactly one field (`nodes` and `domainNames` are experimental). */
export interface ClusterPolicyEgressPeerManifest {
  namespaces?: LabelSelectorManifest;
  pods?: NamespacedPodManifest;
  nodes?: LabelSelectorManifest;
  networks?: string[];
  domainNames?: string[];
}

/** A destination port of v1alpha2: one number or an inclusive range (start < end). */
export interface ClusterNetworkPolicyPortManifest {
  number?: number;
  range?: { start: number; end: number };
}

/** A protocol entry of v1alpha2: exactly one field. */
export interface ClusterNetworkPolicyProtocolManifest {
  tcp?: { destinationPort: ClusterNetworkPolicyPortManifest };
  udp?: { destinationPort: ClusterNetworkPolicyPortManifest };
  sctp?: { destinationPort: ClusterNetworkPolicyPortManifest };
  destinationNamedPort?: string;
}

/** An ingress rule of v1alpha2. */
export interface ClusterNetworkPolicyIngressRuleManifest {
  name?: string;
  action: "Accept" | "Deny" | "Pass";
  from: ClusterPolicyIngressPeerManifest[];
  protocols?: ClusterNetworkPolicyProtocolManifest[];
}

/** An egress rule of v1alpha2. */
export interface ClusterNetworkPolicyEgressRuleManifest {
  name?: string;
  action: "Accept" | "Deny" | "Pass";
  to: ClusterPolicyEgressPeerManifest[];
  protocols?: ClusterNetworkPolicyProtocolManifest[];
}

/** Metadata of a cluster-scoped policy: no namespace. */
export interface ClusterObjectMetaManifest {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A complete `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy object. */
export interface ClusterNetworkPolicyManifest {
  apiVersion: "policy.networking.k8s.io/v1alpha2";
  kind: "ClusterNetworkPolicy";
  metadata: ClusterObjectMetaManifest;
  spec: {
    tier: "Admin" | "Baseline";
    priority: number;
    subject: ClusterPolicySubjectManifest;
    ingress?: ClusterNetworkPolicyIngressRuleManifest[];
    egress?: ClusterNetworkPolicyEgressRuleManifest[];
  };
}

/** A port entry of v1alpha1: exactly one field. */
export interface AdminNetworkPolicyPortManifest {
  portNumber?: { protocol: Protocol; port: number };
  portRange?: { protocol: Protocol; start: number; end: number };
  namedPort?: string;
}

/** An ingress rule of v1alpha1 (`Allow` for v1alpha2's Accept). */
export interface AdminNetworkPolicyIngressRuleManifest {
  name?: string;
  action: "Allow" | "Deny" | "Pass";
  from: ClusterPolicyIngressPeerManifest[];
  ports?: AdminNetworkPolicyPortManifest[];
}

/** An egress rule of v1alpha1. */
export interface AdminNetworkPolicyEgressRuleManifest {
  name?: string;
  action: "Allow" | "Deny" | "Pass";
  to: ClusterPolicyEgressPeerManifest[];
  ports?: AdminNetworkPolicyPortManifest[];
}

/** A complete `policy.networking.k8s.io/v1alpha1` AdminNetworkPolicy object. */
export interface AdminNetworkPolicyManifest {
  apiVersion: "policy.networking.k8s.io/v1alpha1";
  kind: "AdminNetworkPolicy";
  metadata: ClusterObjectMetaManifest;
  spec: {
    priority: number;
    subject: ClusterPolicySubjectManifest;
    ingress?: AdminNetworkPolicyIngressRuleManifest[];
    egress?: AdminNetworkPolicyEgressRuleManifest[];
  };
}

/** A complete `policy.networking.k8s.io/v1alpha1` BaselineAdminNetworkPolicy: named `default`, Allow and Deny only. */
export interface BaselineAdminNetworkPolicyManifest {
  apiVersion: "policy.networking.k8s.io/v1alpha1";
  kind: "BaselineAdminNetworkPolicy";
  metadata: ClusterObjectMetaManifest;
  spec: {
    subject: ClusterPolicySubjectManifest;
    ingress?: (AdminNetworkPolicyIngressRuleManifest & { action: "Allow" | "Deny" })[];
    egress?: (AdminNetworkPolicyEgressRuleManifest & { action: "Allow" | "Deny" })[];
  };
}

/** Any cluster-wide policy object netpol writes and reads. */
export type ClusterPolicyManifest =
  | ClusterNetworkPolicyManifest
  | AdminNetworkPolicyManifest
  | BaselineAdminNetworkPolicyManifest;
