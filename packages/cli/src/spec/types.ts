// The spec format as TypeScript types: what a document looks like once it matched the schema.
import type { WorkloadKind } from "@netpol/core";

/** Label keys to values. */
export type SpecLabels = Record<string, string>;

/** A label requirement, as in Kubernetes' `matchExpressions`. */
export interface SpecExpression {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}

/** Namespaces by names and/or labels, or `all`. */
export type SpecNamespaces = "all" | { names?: string[]; labels?: SpecLabels; expressions?: SpecExpression[] };

/** Pods by labels, optionally in other namespaces, or `all`. */
export type SpecPods = "all" | { labels?: SpecLabels; expressions?: SpecExpression[]; namespaces?: SpecNamespaces };

/** A port value: number, name, `from-to` range, or `all`. */
export type SpecPortValue = number | string;

/** The protocols, as spec keys. */
export type SpecProtocol = "tcp" | "udp" | "sctp";

/** One port entry of a rule: `{ tcp: 6379 }`. */
export type SpecPort = Partial<Record<SpecProtocol, SpecPortValue>>;

/** A container port of a workload: `{ tcp: 6379, name: redis }`. */
export type SpecContainerPort = Partial<Record<SpecProtocol, number>> & { name?: string };

/** The other end of a rule or connection. */
export type SpecPeer =
  | string
  | { pods: SpecPods }
  | { namespaces: SpecNamespaces }
  | { ipv4: string; except?: string[] }
  | { ipv6: string; except?: string[] };

/** The pods a policy applies to. */
export type SpecSelector = string | { pods: SpecPods } | { namespaces: SpecNamespaces };

/** One rule: peers and ports. */
export interface SpecRule {
  peer?: SpecPeer;
  peers?: SpecPeer[];
  ports?: SpecPort[];
}

/** One direction of a policy. */
export interface SpecTraffic {
  default?: "deny" | "allow";
  rules?: SpecRule[];
}

/** One NetworkPolicy. */
export interface SpecPolicy {
  name?: string;
  namespace?: string;
  selector?: SpecSelector;
  ingress?: SpecTraffic;
  egress?: SpecTraffic;
  labels?: SpecLabels;
  annotations?: Record<string, string>;
}

/** A workload: kind, namespace, pod labels, container ports. */
export interface SpecWorkload {
  kind: WorkloadKind;
  namespace?: string;
  labels: SpecLabels;
  ports?: SpecContainerPort[];
  isolate?: boolean;
}

/** A connection between a workload and a peer (allowTo / allowFrom). */
export interface SpecConnection {
  from: SpecPeer;
  to: SpecPeer;
  ports?: SpecPort[];
  isolation?: "pod" | "peer";
}

/** A peer of a cluster-wide rule: a peer, or networks, nodes or domain names (egress only). */
export type SpecClusterPeer =
  | SpecPeer
  | { networks: string[] }
  | { nodes: { labels?: SpecLabels; expressions?: SpecExpression[] } }
  | { domainNames: string[] };

/** A port of a cluster-wide rule: `{ tcp: 80 }`, `{ tcp: 8000-8080 }`, or a container port name `{ namedPort: web }`. */
export type SpecClusterPort = SpecPort | { namedPort: string };

/** One rule of a cluster-wide policy: its action on traffic with the peers on the ports. */
export interface SpecClusterRule {
  name?: string;
  action: "accept" | "deny" | "pass";
  peers: SpecClusterPeer[];
  ports?: SpecClusterPort[];
}

/** A cluster-wide policy (ClusterNetworkPolicy, or v1alpha1 AdminNetworkPolicy/BaselineAdminNetworkPolicy). */
export interface SpecClusterPolicy {
  name?: string;
  tier: "admin" | "baseline";
  priority?: number;
  version?: "v1alpha2" | "v1alpha1";
  subject: SpecSelector;
  ingress?: SpecClusterRule[];
  egress?: SpecClusterRule[];
  labels?: SpecLabels;
  annotations?: Record<string, string>;
}

/** Expected ports: `all`, `tcp/8000`, or a list of `tcp/8000` texts and `{ tcp: 8000 }` ports. */
export type SpecExpectedPorts = string | (string | SpecPort)[];

/** An assertion checked by `netpol check`: `from` may (allow) or may not (deny) open the ports toward `to`. */
export interface SpecExpectation {
  from: string;
  to: string;
  allow?: SpecExpectedPorts;
  deny?: SpecExpectedPorts;
}

/** A whole spec document. */
export interface SpecDocument {
  apiVersion: string;
  kind: string;
  namespaces?: Record<string, { labels?: SpecLabels }>;
  workloads?: Record<string, SpecWorkload>;
  policies?: SpecPolicy[];
  connections?: SpecConnection[];
  clusterPolicies?: SpecClusterPolicy[];
  expect?: SpecExpectation[];
}
