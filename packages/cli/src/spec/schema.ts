// The JSON Schema of the spec format: the CLI validates with it and prints it; editors validate with it too.
import { WORKLOAD_KINDS } from "@netpol/core";

/** The subset of JSON Schema (draft-07) this spec format uses. */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: "object" | "array" | "string" | "integer" | "boolean" | readonly ("string" | "integer")[];
  readonly const?: string;
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly oneOf?: readonly JsonSchema[];
  readonly not?: JsonSchema;
  readonly examples?: readonly unknown[];
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

/** The spec format's `apiVersion`. */
export const SPEC_API_VERSION = "netpol.dev/v1alpha1";
/** The spec format's `kind`. */
export const SPEC_KIND = "NetworkPolicySpec";

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const strings = (title: string): JsonSchema => ({ type: "array", title, items: { type: "string" } });

const portValue: JsonSchema = {
  type: ["integer", "string"],
  title: "a port number, a named port, a range such as 8000-8080, or all",
};

const protocolPort = (protocol: "tcp" | "udp" | "sctp"): JsonSchema => ({
  type: "object",
  title: `a ${protocol.toUpperCase()} port: { ${protocol}: 6379 }, { ${protocol}: http }, { ${protocol}: 8000-8080 } or { ${protocol}: all }`,
  additionalProperties: false,
  required: [protocol],
  properties: { [protocol]: portValue },
});

const containerPort = (protocol: "tcp" | "udp" | "sctp"): JsonSchema => ({
  type: "object",
  title: `a ${protocol.toUpperCase()} container port: { ${protocol}: 6379, name: redis }`,
  additionalProperties: false,
  required: [protocol],
  properties: {
    [protocol]: { type: "integer", title: "a port number" },
    name: { type: "string", title: "a port name, usable as a named port in rules" },
  },
});

const selectorFields = {
  labels: ref("labels"),
  expressions: { type: "array", title: "a list of label expressions", items: ref("expression") },
} as const satisfies Record<string, JsonSchema>;

/** The JSON Schema of a spec document. */
export const specSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "a netpol spec",
  description:
    "Namespaces, workloads, NetworkPolicies, connections and cluster-wide policies; `netpol generate` turns it into Kubernetes NetworkPolicy (and ClusterNetworkPolicy) objects.",
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind"],
  properties: {
    apiVersion: { const: SPEC_API_VERSION, title: `"${SPEC_API_VERSION}"` },
    kind: { const: SPEC_KIND, title: `"${SPEC_KIND}"` },
    namespaces: {
      type: "object",
      title: "a map of namespace names to { labels }",
      description:
        "The namespaces the workloads live in, with their labels: checked, kept for analysis; they do not change the generated policies.",
      additionalProperties: ref("namespace"),
    },
    workloads: {
      type: "object",
      title: "a map of workload names to workloads",
      description: "Workloads by name; policies, rules and connections refer to them by that name.",
      additionalProperties: ref("workload"),
    },
    policies: {
      type: "array",
      title: "a list of policies",
      description: "NetworkPolicies, each with a selector and ingress/egress defaults and rules.",
      items: ref("policy"),
    },
    connections: {
      type: "array",
      title: "a list of connections",
      description:
        "Connections between a workload and a peer; each writes the policies of both ends (allowTo/allowFrom).",
      items: ref("connection"),
    },
    clusterPolicies: {
      type: "array",
      title: "a list of cluster-wide policies",
      description:
        "ClusterNetworkPolicies (v1alpha2; v1alpha1 AdminNetworkPolicy or BaselineAdminNetworkPolicy with version: v1alpha1): the admin tier decides before NetworkPolicies, the baseline tier after, for pods no NetworkPolicy selects.",
      items: ref("clusterPolicy"),
    },
    expect: {
      type: "array",
      title: "a list of expectations",
      description:
        "Assertions about connectivity, checked by `netpol check`: `from` may open `allow` toward `to`, or may open none of `deny`.",
      items: ref("expectation"),
    },
  },
  definitions: {
    labels: {
      type: "object",
      title: "a map of label keys to string values",
      additionalProperties: { type: "string", title: 'a string (quote numbers and booleans: "1", "true")' },
    },
    expression: {
      type: "object",
      title: "a label expression { key, operator, values? }",
      additionalProperties: false,
      required: ["key", "operator"],
      properties: {
        key: { type: "string", title: "a label key" },
        operator: { enum: ["In", "NotIn", "Exists", "DoesNotExist"] },
        values: strings("a list of label values (In and NotIn only)"),
      },
    },
    namespace: {
      type: "object",
      title: "a namespace { labels? }",
      additionalProperties: false,
      properties: { labels: ref("labels") },
    },
    workload: {
      type: "object",
      title: "a workload { kind, namespace?, labels, ports?, isolate? }",
      description: "A workload and the pod labels that select its pods.",
      additionalProperties: false,
      required: ["kind", "labels"],
      properties: {
        kind: { enum: WORKLOAD_KINDS, description: "The kind of workload, as in its manifest." },
        namespace: { type: "string", title: "a namespace name" },
        labels: { ...ref("labels"), description: "The pod labels that select exactly this workload's pods." },
        ports: { type: "array", title: "a list of container ports", items: ref("containerPort") },
        isolate: { type: "boolean", title: "true or false", description: "Deny all ingress and egress of its pods." },
      },
    },
    containerPort: {
      title: "a container port: { tcp: 6379, name: redis }, { udp: 53 } or { sctp: 9 }",
      oneOf: [containerPort("tcp"), containerPort("udp"), containerPort("sctp")],
    },
    namespaceSelector: {
      title: "all, or namespaces { names?, labels?, expressions? }",
      oneOf: [
        { const: "all", title: "all" },
        {
          type: "object",
          title: "namespaces { names?, labels?, expressions? }",
          additionalProperties: false,
          properties: { names: strings("a list of namespace names"), ...selectorFields },
        },
      ],
    },
    podSelector: {
      title: "all, or pods { labels?, expressions?, namespaces? }",
      oneOf: [
        { const: "all", title: "all" },
        {
          type: "object",
          title: "pods { labels?, expressions?, namespaces? }",
          additionalProperties: false,
          properties: {
            ...selectorFields,
            namespaces: {
              ...ref("namespaceSelector"),
              description: "Where the pods are; default the policy's namespace.",
            },
          },
        },
      ],
    },
    workloadRef: { type: "string", title: "the name of a workload declared under workloads" },
    podsPeer: {
      type: "object",
      title: "{ pods: … }",
      additionalProperties: false,
      required: ["pods"],
      properties: { pods: ref("podSelector") },
    },
    namespacesPeer: {
      type: "object",
      title: "{ namespaces: … }",
      additionalProperties: false,
      required: ["namespaces"],
      properties: { namespaces: ref("namespaceSelector") },
    },
    ipv4Peer: {
      type: "object",
      title: "{ ipv4: 10.0.0.0/8, except?: […] }",
      additionalProperties: false,
      required: ["ipv4"],
      properties: {
        ipv4: { type: "string", title: "an IPv4 CIDR such as 172.17.0.0/16, or any" },
        except: strings("a list of CIDRs inside the range"),
      },
    },
    ipv6Peer: {
      type: "object",
      title: "{ ipv6: 2001:db8::/32, except?: […] }",
      additionalProperties: false,
      required: ["ipv6"],
      properties: {
        ipv6: { type: "string", title: "an IPv6 CIDR such as 2001:db8::/32, or any" },
        except: strings("a list of CIDRs inside the range"),
      },
    },
    peer: {
      title: "a peer: a workload name, { pods: … }, { namespaces: … }, { ipv4: … } or { ipv6: … }",
      oneOf: [ref("workloadRef"), ref("podsPeer"), ref("namespacesPeer"), ref("ipv4Peer"), ref("ipv6Peer")],
    },
    selector: {
      title: "a selector: a workload name, { pods: … } or { namespaces: … }",
      oneOf: [ref("workloadRef"), ref("podsPeer"), ref("namespacesPeer")],
    },
    port: {
      title: "a port: { tcp: 6379 }, { udp: 53 }, { tcp: http }, { tcp: 8000-8080 } or { tcp: all }",
      oneOf: [protocolPort("tcp"), protocolPort("udp"), protocolPort("sctp")],
    },
    ports: {
      type: "array",
      title: "a list of ports",
      description: "Omit for every port.",
      items: ref("port"),
    },
    rule: {
      type: "object",
      title: "a rule { peer? | peers?, ports? }",
      description: "Traffic with the peer(s) on the ports. No peer means any peer; no ports means every port.",
      additionalProperties: false,
      not: { required: ["peer", "peers"] },
      properties: {
        peer: ref("peer"),
        peers: { type: "array", title: "a non-empty list of peers", minItems: 1, items: ref("peer") },
        ports: ref("ports"),
      },
    },
    traffic: {
      type: "object",
      title: "{ default?, rules? }",
      additionalProperties: false,
      properties: {
        default: {
          enum: ["deny", "allow"],
          description: "deny: isolate this direction (only rules open it); allow: allow everything.",
        },
        rules: { type: "array", title: "a list of rules", items: ref("rule") },
      },
    },
    policy: {
      type: "object",
      title: "a policy { name?, namespace?, selector?, ingress?, egress? }",
      additionalProperties: false,
      properties: {
        name: { type: "string", title: "a policy name", description: "Derived from the selector when omitted." },
        namespace: {
          type: "string",
          title: "a namespace name",
          description: "Default: the namespace of the selected workload.",
        },
        selector: { ...ref("selector"), description: "The pods the policy applies to; default every pod." },
        ingress: { ...ref("traffic"), description: "Incoming traffic." },
        egress: { ...ref("traffic"), description: "Outgoing traffic." },
        labels: { ...ref("labels"), description: "Labels of the NetworkPolicy object." },
        annotations: {
          type: "object",
          title: "a map of annotation keys to strings",
          additionalProperties: { type: "string", title: "a string" },
        },
      },
    },
    networksPeer: {
      type: "object",
      title: "{ networks: [10.0.0.0/8, …] }",
      additionalProperties: false,
      required: ["networks"],
      properties: { networks: strings("a list of CIDRs (pods' addresses included)") },
    },
    nodesPeer: {
      type: "object",
      title: "{ nodes: { labels?, expressions? } }",
      additionalProperties: false,
      required: ["nodes"],
      properties: {
        nodes: {
          type: "object",
          title: "nodes { labels?, expressions? }",
          additionalProperties: false,
          properties: selectorFields,
        },
      },
    },
    domainNamesPeer: {
      type: "object",
      title: "{ domainNames: [example.com, *.example.com] }",
      additionalProperties: false,
      required: ["domainNames"],
      properties: { domainNames: strings("a list of domain names") },
    },
    clusterPeer: {
      title:
        "a peer: a workload name, { pods: … }, { namespaces: … }, { networks: … }, { nodes: … }, { domainNames: … }, { ipv4: … } or { ipv6: … }",
      oneOf: [
        ref("workloadRef"),
        ref("podsPeer"),
        ref("namespacesPeer"),
        ref("networksPeer"),
        ref("nodesPeer"),
        ref("domainNamesPeer"),
        ref("ipv4Peer"),
        ref("ipv6Peer"),
      ],
    },
    clusterPort: {
      title: "a port: { tcp: 80 }, { udp: 53 }, { tcp: 8000-8080 } or a container port name { namedPort: web }",
      oneOf: [
        protocolPort("tcp"),
        protocolPort("udp"),
        protocolPort("sctp"),
        {
          type: "object",
          title: "{ namedPort: web }",
          additionalProperties: false,
          required: ["namedPort"],
          properties: { namedPort: { type: "string", title: "a container port name of the destination" } },
        },
      ],
    },
    clusterRule: {
      type: "object",
      title: "a rule { name?, action, peers, ports? }",
      description: "The first rule matching a connection's peer and port decides it. No ports means all traffic.",
      additionalProperties: false,
      required: ["action", "peers"],
      properties: {
        name: { type: "string", title: "a rule name (for people and logs)" },
        action: {
          enum: ["accept", "deny", "pass"],
          description: "accept or deny: final; pass: the NetworkPolicies (then the baseline tier) decide.",
        },
        peers: { type: "array", title: "a non-empty list of peers", minItems: 1, items: ref("clusterPeer") },
        ports: { type: "array", title: "a list of ports", items: ref("clusterPort") },
      },
    },
    clusterPolicy: {
      type: "object",
      title: "a cluster-wide policy { name?, tier, priority, subject, ingress?, egress? }",
      additionalProperties: false,
      required: ["tier", "subject"],
      properties: {
        name: {
          type: "string",
          title: "a policy name",
          description: "Derived from subject, tier and priority when omitted.",
        },
        tier: { enum: ["admin", "baseline"], description: "admin: before NetworkPolicies; baseline: after them." },
        priority: { type: "integer", title: "an integer from 0 to 1000 (lower first within the tier)" },
        version: {
          enum: ["v1alpha2", "v1alpha1"],
          description:
            "v1alpha2 (default): ClusterNetworkPolicy; v1alpha1: AdminNetworkPolicy or BaselineAdminNetworkPolicy.",
        },
        subject: { ...ref("selector"), description: "The pods the policy applies to (give their namespaces)." },
        ingress: { type: "array", title: "a list of rules", items: ref("clusterRule") },
        egress: { type: "array", title: "a list of rules", items: ref("clusterRule") },
        labels: { ...ref("labels"), description: "Labels of the policy object." },
        annotations: {
          type: "object",
          title: "a map of annotation keys to strings",
          additionalProperties: { type: "string", title: "a string" },
        },
      },
    },
    expectedPorts: {
      title: "all, a port such as tcp/8000, udp/53, tcp/8000-8080 or tcp (every TCP port), or a list of ports",
      oneOf: [
        { type: "string", title: "all, or a port such as tcp/8000, udp/53, tcp/8000-8080 or tcp" },
        {
          type: "array",
          title: "a non-empty list of ports: tcp/8000 or { tcp: 8000 }",
          minItems: 1,
          items: {
            title: "a port: tcp/8000 or { tcp: 8000 }",
            oneOf: [{ type: "string", title: "a port such as tcp/8000" }, ref("port")],
          },
        },
      ],
    },
    expectation: {
      type: "object",
      title: "an expectation { from, to, allow | deny }",
      description:
        "`from` and `to` name workloads: declared under workloads, or in the manifests checked beside the spec (name, namespace/name or namespace/name[Kind]), or IP addresses.",
      additionalProperties: false,
      required: ["from", "to"],
      properties: {
        from: { type: "string", title: "the source: a workload name, namespace/name or an IP address" },
        to: { type: "string", title: "the destination: a workload name, namespace/name or an IP address" },
        allow: { ...ref("expectedPorts"), description: "Every one of these ports must be allowed (all: everything)." },
        deny: { ...ref("expectedPorts"), description: "None of these ports may be allowed (all: no connection)." },
      },
    },
    connection: {
      type: "object",
      title: "a connection { from, to, ports?, isolation? }",
      description:
        "Allows traffic from `from` to `to`, writing the egress policy of `from` and the ingress policy of `to`. One side must be a workload name.",
      additionalProperties: false,
      required: ["from", "to"],
      properties: {
        from: ref("peer"),
        to: ref("peer"),
        ports: { ...ref("ports"), description: "Default: the container ports of the destination workload." },
        isolation: {
          enum: ["pod", "peer"],
          description:
            "pod: only the policy of the connection's workload (`from`, or `to` when `from` is not a workload); peer: only the other side's.",
        },
      },
    },
  },
};

/** The schema as printed by `netpol schema` and shipped as `schema/netpol-spec.schema.json`. */
export function schemaText(): string {
  return `${JSON.stringify(specSchema, null, 2)}\n`;
}
