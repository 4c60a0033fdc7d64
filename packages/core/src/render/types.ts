// Plain `networking.k8s.io/v1` NetworkPolicy shapes: what the renderer emits and the manifest reader accepts.

/** A transport protocol NetworkPolicy can match. */
export type Protocol = "TCP" | "UDP" | "SCTP";

/** A traffic direction, as written in `policyTypes`. */
export type PolicyType = "Ingress" | "Egress";

/** A label selector operator. */
export type LabelSelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

/** `LabelSelectorRequirement` as written in a manifest. */
export interface LabelSelectorRequirementManifest {
  key: string;
  operator: LabelSelectorOperator;
  values?: string[];
}

/** `LabelSelector` as written in a manifest; `{}` selects everything. */
export interface LabelSelectorManifest {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirementManifest[];
}

/** `IPBlock` as written in a manifest. */
export interface IpBlockManifest {
  cidr: string;
  except?: string[];
}

/** `NetworkPolicyPeer` as written in a manifest. */
export interface NetworkPolicyPeerManifest {
  podSelector?: LabelSelectorManifest;
  namespaceSelector?: LabelSelectorManifest;
  ipBlock?: IpBlockManifest;
}

/** `NetworkPolicyPort` as written in a manifest. */
export interface NetworkPolicyPortManifest {
  protocol?: Protocol;
  port?: number | string;
  endPort?: number;
}

/** `NetworkPolicyIngressRule` as written in a manifest. */
export interface NetworkPolicyIngressRuleManifest {
  from?: NetworkPolicyPeerManifest[];
  ports?: NetworkPolicyPortManifest[];
}

/** `NetworkPolicyEgressRule` as written in a manifest. */
export interface NetworkPolicyEgressRuleManifest {
  to?: NetworkPolicyPeerManifest[];
  ports?: NetworkPolicyPortManifest[];
}

/** `NetworkPolicySpec` as written in a manifest. */
export interface NetworkPolicySpecManifest {
  podSelector: LabelSelectorManifest;
  policyTypes?: PolicyType[];
  ingress?: NetworkPolicyIngressRuleManifest[];
  egress?: NetworkPolicyEgressRuleManifest[];
}

/** Object metadata of a rendered policy. */
export interface ObjectMetaManifest {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A complete `networking.k8s.io/v1` NetworkPolicy object. */
export interface NetworkPolicyManifest {
  apiVersion: "networking.k8s.io/v1";
  kind: "NetworkPolicy";
  metadata: ObjectMetaManifest;
  spec: NetworkPolicySpecManifest;
}
