// Every diagnostic netpol gives, by code: the closed list of codes, and the words of each, in one place.
// A message is made from its code and plain arguments; hints that show how to write something come in the syntax of
// the reader's input (TypeScript, a manifest, or a spec file), so `restate` can say the same thing another way.
import { cut, describeValue, quoteList, show } from "./text.js";

/** The syntax a hint is written in: the TypeScript API, a Kubernetes manifest, or a netpol spec file. */
export type Syntax = "code" | "manifest" | "spec";

/** The words of one diagnostic. */
export interface MessageText {
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** What was expected instead. */
  readonly expected?: string;
  /** How to fix it. */
  readonly hint?: string;
}

type Say = (args: never, syntax: Syntax, severity: "error" | "warning") => MessageText;
/** The arguments of a message that needs none. */
type None = Readonly<Record<string, never>>;

const say = <A>(
  f: (args: A, syntax: Syntax, severity: "error" | "warning") => MessageText,
): ((args: A, syntax: Syntax, severity: "error" | "warning") => MessageText) => f;
const meant = (suggestion: string | undefined) => (suggestion ? { hint: `Did you mean ${show(suggestion)}?` } : {});
const by = (syntax: Syntax, code: string, manifest: string, spec: string) =>
  syntax === "code" ? code : syntax === "manifest" ? manifest : spec;
/**
 * What each YAML limit says when reached (`#` is the limit), how to stay below it, and — to a program, which sets
 * the limits — which option changes it.
 */
const YAML_LIMITS = {
  maxBytes: ["more than # bytes", "Split the file", "raise maxBytes"],
  maxAliases: ["more than # aliases in one document", "Write the repeated parts out", "raise maxAliases"],
  maxDepth: ["nesting deeper than # levels", "Flatten it", "raise maxDepth"],
  maxDocuments: ["more than # documents", "Split the file", "raise maxDocuments"],
  copies: ["aliases copy more than # nodes, the document's size", "Write them out", undefined],
  stack: ["too deeply nested to read", "Flatten it", "lower maxDepth"],
} as const;
const DNS_LABEL = "a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending alphanumeric";
const DNS_SUBDOMAIN =
  "a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' or '.', starting and ending alphanumeric";
const PORT_NAME =
  "an IANA service name: at most 15 lowercase letters, digits or '-', with a letter, no leading, trailing or double '-'";

const MESSAGES = {
  // Shapes of values, wherever they come from.
  type: say((a: { found: unknown; expected: string; hint?: string }) => ({
    message: `found ${describeValue(a.found)}`,
    expected: a.expected,
    ...(a.hint ? { hint: a.hint } : {}),
  })),
  "unknown-key": say(
    (a: { key: string; known: readonly string[]; suggestion?: string | undefined; expected?: string }) => ({
      message: `unknown key ${show(a.key)}`,
      expected: a.expected ?? knownKeys(a.known),
      ...meant(a.suggestion),
    }),
  ),
  "unknown-field": say((a: { key: string; known: readonly string[] }) => ({
    message: `unknown field ${show(a.key)}, ignored: netpol does not read it and does not know it (from a newer Kubernetes?)`,
  })),
  "missing-key": say((a: { key: string; expected: string }) => ({
    message: `missing key ${show(a.key)}`,
    expected: `${a.key}: ${a.expected}`,
  })),
  "exclusive-keys": say((a: { keys: readonly string[] }) => ({
    message: `${quoteList(a.keys, "and")} cannot be used together`,
    expected: `one of ${quoteList(a.keys)}`,
  })),
  value: say((a: { found: unknown; expected: string; suggestion?: string | undefined }) => ({
    message: `found ${describeValue(a.found)}`,
    expected: a.expected,
    ...meant(a.suggestion),
  })),
  "empty-list": say((a: { expected: string }) => ({ message: "the list is empty", expected: a.expected })),
  "not-serializable": say((a: { found: unknown; why: "cycle" | "type" }) => ({
    message: a.why === "cycle" ? "the value refers to itself" : `cannot write ${describeValue(a.found)}`,
    expected: "plain data: maps, lists, strings, numbers, booleans and null",
  })),

  // Names and labels.
  "label-key": say((a: { key: unknown; problems?: readonly string[] }) =>
    typeof a.key !== "string"
      ? { message: `label key ${show(a.key)} is not a string`, expected: "a string" }
      : {
          message: `invalid label key ${show(a.key)}: ${(a.problems ?? []).join("; ")}`,
          expected:
            "an optional DNS-subdomain prefix and '/', then 1–63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric",
          hint: 'For example "app" or "example.com/tier"',
        },
  ),
  "label-value": say((a: { value: unknown }) =>
    typeof a.value !== "string"
      ? {
          message: `label value ${show(a.value)} is not a string`,
          expected: "a string",
          hint: "Quote numbers and booleans in YAML, e.g. '\"true\"'",
        }
      : {
          message: `invalid label value ${show(a.value)}${a.value.length > 63 ? ` (${a.value.length} characters)` : ""}`,
          expected: "at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric (or empty)",
        },
  ),
  "namespace-name": say((a: { name: unknown }) => ({
    message: `invalid namespace name ${show(a.name)}`,
    expected: DNS_LABEL,
  })),
  "object-name": say((a: { name: unknown }) => ({ message: `invalid name ${show(a.name)}`, expected: DNS_SUBDOMAIN })),
  "labels-map": say((a: { found: unknown }, s) => ({
    message: `labels must be a map of label keys to values, not ${describeValue(a.found)}`,
    expected: "{ key: value, … }",
    ...(a.found instanceof Map && s === "code" ? { hint: "Pass Object.fromEntries(map)" } : {}),
  })),

  // Selectors.
  "expression-operator": say((a: { operator: unknown }) => ({
    message: `unknown operator ${show(a.operator)}`,
    expected: "In, NotIn, Exists or DoesNotExist",
  })),
  "expression-values": say((a: { operator: string }) =>
    a.operator === "In" || a.operator === "NotIn"
      ? { message: `operator ${a.operator} needs at least one value`, expected: "a non-empty list of label values" }
      : {
          message: `operator ${a.operator} takes no values`,
          expected: "no values",
          hint: 'Use In or NotIn to match values, or drop "values"',
        },
  ),
  "names-empty": say((_: None) => ({
    message: "names: [] selects no namespace",
    expected: "a list of namespace names",
    hint: "Omit names (to select namespaces by labels alone), or list the namespaces",
  })),
  "not-a-selector": say((a: { found: unknown }) => ({
    message: `not a pod selector: ${describeValue(a.found)}`,
    expected: "Pods, Namespaces, a Workload or an IPodSelector",
  })),
  "not-a-peer": say((a: { found: unknown }) => ({
    message: `not a peer: ${describeValue(a.found)}`,
    expected: "Pods, Namespaces, a Workload, a NetworkPolicyIpBlock or an INetworkPolicyPeer",
  })),
  "peer-shape": say((a: { both: boolean }) => ({
    message: a.both
      ? "a peer cannot have both an IP block and a pod selector"
      : "a peer needs an IP block or a pod selector",
    expected: "exactly one of ipBlock or podSelector",
  })),
  placement: say((a: { reason: "several" | "all" | "labels"; namespaces?: readonly string[] }, s) =>
    a.reason === "several"
      ? {
          message: `the selector selects pods in several namespaces (${(a.namespaces ?? []).join(", ")})`,
          hint: "A NetworkPolicy applies to pods of its own namespace only: create one policy per namespace",
        }
      : a.reason === "all"
        ? {
            message: "the selector selects pods in every namespace",
            hint: "A NetworkPolicy applies to pods of its own namespace only: name one namespace",
          }
        : {
            message: "the selector selects namespaces by labels, so its namespace is unknown",
            hint: `Select the namespace by name (${by(s, "Namespaces.select({ names: [...] })", "namespace", "namespaces: { names: [...] }")}) or set the policy's namespace`,
          },
  ),
  "namespace-conflict": say((a: { namespace: string; selected: string }) => ({
    message: `namespace ${show(a.namespace)} contradicts the selector, which selects pods in ${show(a.selected)}`,
    hint: "A policy only applies to pods of its own namespace: drop the namespace or make them agree",
  })),

  // IP blocks.
  cidr: say((a: { cidr: unknown; family?: "ipv4" | "ipv6" | undefined }) => ({
    message: `invalid CIDR ${show(a.cidr)}`,
    expected:
      a.family === "ipv6"
        ? "an IPv6 CIDR such as 2001:db8::/32"
        : a.family === "ipv4"
          ? "an IPv4 CIDR such as 10.0.0.0/8"
          : "a CIDR such as 10.0.0.0/8 or 2001:db8::/32",
    hint: "Write an address and a prefix length within range (0–32 for IPv4, 0–128 for IPv6)",
  })),
  "cidr-family": say((a: { cidr: string; family: "ipv4" | "ipv6"; expected: "ipv4" | "ipv6" }, s) => ({
    message: `CIDR ${show(a.cidr)} is ${a.family}`,
    expected: `an ${a.expected} CIDR`,
    hint: by(
      s,
      `Use NetworkPolicyIpBlock.${a.family}() for this range`,
      "Write the range of the other family in a peer of its own",
      `Write it as { ${a.family}: ${a.cidr} }`,
    ),
  })),
  "cidr-host-bits": say((a: { cidr: string; network: string }) => ({
    message: `CIDR ${show(a.cidr)} has host bits set; it means the network ${a.network}`,
    hint: "Write the network address to make the intent explicit",
  })),
  "except-family": say((a: { except: string; family: string; cidrFamily: string }) => ({
    message: `except ${show(a.except)} is ${a.family} but cidr is ${a.cidrFamily}`,
  })),
  "except-outside": say((a: { except: string; cidr: string }) => ({
    message: `except ${show(a.except)} is not strictly inside ${show(a.cidr)}`,
    expected: `a narrower range within ${show(a.cidr)}`,
  })),

  // Ports.
  "port-range": say((a: { port: unknown }, s) => ({
    message: `port ${show(a.port)} is out of range`,
    expected: "an integer from 1 to 65535, or a named port",
    ...(a.port === 0
      ? {
          hint: by(
            s,
            "To allow every port of a protocol, omit the port (NetworkPolicyPort.allTcp())",
            "To allow every port of a protocol, leave out port and keep protocol",
            "To allow every port of a protocol, write { tcp: all } (or udp, sctp)",
          ),
        }
      : {}),
  })),
  "port-name": say((a: { port: string }) => ({ message: `invalid named port ${show(a.port)}`, expected: PORT_NAME })),
  "port-type": say((a: { port: unknown }) => ({
    message: `port ${show(a.port)} is neither a number nor a name`,
    expected: "a number or a named port",
  })),
  protocol: say((a: { protocol: unknown }) => ({
    message: `unknown protocol ${show(a.protocol)}`,
    expected: "TCP, UDP or SCTP",
  })),
  "end-port": say((a: { endPort: unknown; port: unknown }, s) =>
    typeof a.port !== "number"
      ? {
          message: a.port === undefined ? "endPort needs a port" : "endPort cannot follow a named port",
          expected: "a numeric port before endPort",
          hint: `Write a range as ${by(s, "{ port: 8000, endPort: 8080 }", "port: 8000 and endPort: 8080", "{ tcp: 8000-8080 }")}`,
        }
      : {
          message: `endPort ${show(a.endPort)} is not a valid end of a range starting at ${a.port}`,
          expected: `an integer from ${a.port} to 65535`,
        },
  ),
  "not-a-port": say((a: { found: unknown }) => ({
    message: `not a NetworkPolicyPort: ${describeValue(a.found)}`,
    expected: "NetworkPolicyPort.tcp(80) or similar",
  })),
  "container-port": say((_: None) => ({
    message: "a container port needs a number",
    expected: "a number from 1 to 65535",
  })),

  // Policies and rules.
  default: say((a: { value: unknown }, s) => ({
    message: `unknown default ${show(a.value)}`,
    expected: by(
      s,
      "NetworkPolicyTrafficDefault.DENY or NetworkPolicyTrafficDefault.ALLOW",
      "DENY or ALLOW",
      '"deny" or "allow"',
    ),
  })),
  direction: say((a: { value: unknown }) => ({
    message: `unknown direction ${show(a.value)}`,
    expected: '"ingress" or "egress"',
  })),
  "peer-and-peers": say((_: None) => ({
    message: "a rule takes peer or peers, not both",
    hint: "Put every peer in peers",
  })),
  "peers-empty": say((_: None) => ({
    message: "peers must be a non-empty list",
    hint: "Omit peer and peers to allow any peer",
  })),
  "empty-policy": say((_: None, s) => ({
    message:
      "the policy has no rules and no defaults, so Kubernetes treats it as deny-all ingress for the pods it selects",
    hint: `Say so with ${by(s, "ingress: { default: NetworkPolicyTrafficDefault.DENY }", "policyTypes: [Ingress]", "ingress: { default: deny }")}, or add rules`,
  })),
  absorb: say((a: { name: string; other: string }) => ({
    message: `policy ${show(a.other)} selects other pods than ${show(a.name)}, so it cannot be merged into it`,
    hint: "Only policies with the same namespace and pod selector can be merged",
  })),
  "connection-rule": say((a: { rule: string; policy: string }) => ({
    message: `the rule of ${show(a.rule)} is for other pods than policy ${show(a.policy)} selects`,
    hint: "Add a connection rule only to a policy with the same selectionKey",
  })),
  "port-unserved": say((a: { port: string; workloads: string; served: string }) => ({
    message: `port ${a.port} is not a container port of ${a.workloads} (${a.served})`,
    hint: "Allow the port the pods listen on, or declare it in their containers' ports",
  })),

  // Connections.
  subject: say((a: { found: unknown }) => ({
    message: `not a workload or pod selector: ${describeValue(a.found)}`,
    expected: "a Workload, Pods, Namespaces or an IPodSelector",
  })),
  isolation: say((a: { value: unknown }, s) => ({
    message: `unknown isolation ${show(a.value)}`,
    expected: by(s, "PodConnectionsIsolation.POD or PodConnectionsIsolation.PEER", "POD or PEER", '"pod" or "peer"'),
  })),
  "peer-selector": say((a: { peer: string; direction: string }, s) => ({
    message: `cannot write the ${a.direction} side for peer ${show(a.peer)}: it does not select pods`,
    hint: `Pass ${by(s, "isolation: PodConnectionsIsolation.POD", "isolation: POD", "isolation: pod")} to configure only this side`,
  })),
  "peer-namespace": say((a: { peer: string; direction: string }, s) => ({
    message: `cannot place the ${a.direction} policy for peer ${show(a.peer)}: it selects namespaces by labels or selects all of them`,
    hint: `Select the peer's namespaces by name, or pass ${by(s, "isolation: PodConnectionsIsolation.POD", "isolation: POD", "isolation: pod")}`,
  })),
  "namespace-unknown": say((a: { subject: string; namespace: string }, s) => ({
    message: `${show(a.subject)} has no namespace, so the policy in ${show(a.namespace)} cannot select it`,
    hint: `Set the namespace of ${show(a.subject)} (${by(s, 'e.g. Workload.of({ …, namespace: "web" })', "metadata.namespace", "namespace: web")})`,
  })),

  // Cluster-wide policies (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy).
  "cluster-tier": say((a: { value: unknown; suggestion?: string | undefined }, s) => ({
    message: `unknown tier ${show(a.value)}`,
    expected: by(
      s,
      "ClusterNetworkPolicyTier.ADMIN or ClusterNetworkPolicyTier.BASELINE",
      "Admin or Baseline",
      "admin or baseline",
    ),
    ...meant(
      a.suggestion &&
        by(s, `ClusterNetworkPolicyTier.${a.suggestion.toUpperCase()}`, a.suggestion, a.suggestion.toLowerCase()),
    ),
  })),
  "cluster-priority": say((a: { value: unknown }) => ({
    message: `priority ${show(a.value)} is not an integer from 0 to 1000`,
    expected: "an integer from 0 to 1000 (lower is evaluated first within the tier)",
  })),
  "cluster-action": say(
    (
      a: {
        value: unknown;
        actions: readonly ("Accept" | "Deny" | "Pass")[];
        version: "v1alpha2" | "v1alpha1";
        suggestion?: string | undefined;
      },
      s,
    ) => {
      const word = (x: string) => (a.version === "v1alpha1" && x === "Accept" ? "Allow" : x);
      const say = (x: string) => by(s, `ClusterNetworkPolicyAction.${x.toUpperCase()}`, word(x), x.toLowerCase());
      // A manifest of one version with the other's word for Accept.
      const renamed =
        s === "manifest" &&
        ((a.value === "Allow" && a.version === "v1alpha2") || (a.value === "Accept" && a.version === "v1alpha1"));
      return {
        message: `unknown action ${show(a.value)}`,
        expected: quoteList(a.actions.map(say)),
        ...(renamed
          ? {
              hint:
                a.value === "Allow"
                  ? "In v1alpha2 the action is Accept (v1alpha1 called it Allow)"
                  : "In v1alpha1 the action is Allow (v1alpha2 calls it Accept)",
            }
          : meant(a.suggestion && (s === "manifest" ? a.suggestion : say(a.suggestion)))),
      };
    },
  ),
  "cluster-namespaces": say((_: None, s) => ({
    message:
      "pods of a cluster-wide policy must say which namespaces they are in: the policy has no namespace of its own",
    hint: by(
      s,
      "Pass namespaces, e.g. Pods.select({ labels, namespaces: Namespaces.all() }), or give the workload its namespace",
      "Write namespaceSelector (an empty one selects every namespace)",
      "Add namespaces: all (or names, labels) to the pods",
    ),
  })),
  "cluster-peer": say((a: { found: unknown }) => ({
    message: `not a peer of a cluster-wide policy: ${describeValue(a.found)}`,
    expected: "Namespaces, Pods, a Workload, Networks, Nodes or DomainNames",
  })),
  "cluster-peer-shape": say((a: { fields: readonly string[]; direction: "ingress" | "egress" }, s) => {
    const fields =
      a.direction === "ingress" ? ["namespaces", "pods"] : ["namespaces", "pods", "nodes", "networks", "domainNames"];
    return {
      message:
        a.fields.length === 0
          ? "the peer is empty: it would match nothing for Accept rules and everything for Deny and Pass rules"
          : `a peer takes one of its fields, not ${quoteList(a.fields, "and")}`,
      expected: `exactly one of ${quoteList(fields)}`,
      ...(a.fields.length > 1
        ? { hint: by(s, "Make one peer of each", "Split it into one peer per field", "Write one peer per field") }
        : {}),
    };
  }),
  "cluster-peer-direction": say((a: { field: string }) => ({
    message: `${a.field} peers match destinations only: an ingress rule takes namespaces and pods`,
    hint: "Move the peer to an egress rule",
  })),
  "cluster-peer-except": say((a: { cidr: string }, s) => ({
    message: `networks of a cluster-wide policy have no exceptions (the IP block ${show(a.cidr)} has some)`,
    hint: by(
      s,
      "List the ranges to match in Networks.of(…), or put a rule for the excepted ranges before this one",
      "List the ranges to match, or put a rule for the excepted ranges before this one",
      "List the ranges to match, or put a rule for the excepted ranges before this one",
    ),
  })),
  "cluster-protocol": say((a: { found: unknown }) => ({
    message: `not a protocol: ${describeValue(a.found)}`,
    expected: "ClusterNetworkPolicyProtocol.tcp(80) or similar",
  })),
  "cluster-named-port": say((a: { port: string }, s) => ({
    message: `named port ${show(a.port)} with a protocol: a cluster-wide policy's named port matches the container port of that name with that port's own protocol`,
    hint: `Write ${by(s, `ClusterNetworkPolicyProtocol.namedPort(${show(a.port)})`, `destinationNamedPort: ${a.port}`, `{ namedPort: ${a.port} }`)}`,
  })),
  "cluster-named-port-name": say((a: { port: string }) => ({
    message: `named port ${show(a.port)} is not an IANA service name, which every container port name is: it matches nothing`,
    expected: PORT_NAME,
  })),
  "cluster-named-port-peers": say((a: { peers: readonly string[] }, _s, severity) => ({
    message:
      severity === "error"
        ? `a named port cannot be combined with ${quoteList(a.peers, "and")} peers, which have no named ports (the experimental-channel CRD, where ${quoteList(
            a.peers.filter((p) => p !== "networks"),
            "and",
          )} exist, refuses the rule)`
        : "a named port beside networks peers matches only pods reached through those networks; the experimental-channel CRD refuses such a rule (the standard one takes it)",
    hint: "Give the networks numeric ports in a rule of their own",
  })),
  "port-range-order": say((a: { start: number; end: number }, s) => ({
    message: `the range starts at ${a.start} and ends at ${a.end}: its start must be less than its end`,
    expected: `an end from ${a.start + 1} to 65535`,
    hint: `For one port write ${by(s, `ClusterNetworkPolicyProtocol.tcp(${a.start})`, `number: ${a.start}`, `{ tcp: ${a.start} }`)}`,
  })),
  "cluster-domain-name": say((a: { name: unknown }) => ({
    message: `invalid domain name ${show(a.name)}`,
    expected: "a domain name such as example.com, or *.example.com for the names below it (whole labels only)",
  })),
  "cluster-domain-action": say((a: { action: string }) => ({
    message: `domainNames are documented for Accept rules only: what a ${a.action} rule does with them is up to each implementation`,
    hint: "Accept the domains, and deny the rest in a later rule (on networks)",
  })),
  "cluster-experimental": say((a: { field: "nodes" | "domainNames" | "namedPort" }) => ({
    message: `${a.field} is in the experimental channel of the API only: a cluster with the standard-channel CRDs refuses the policy${
      a.field === "domainNames"
        ? "; which addresses a name stands for is each implementation's DNS handling, so no analysis of manifests can decide what it matches"
        : a.field === "nodes"
          ? "; it matches the addresses in the selected nodes' status, so also the hostNetwork pods on them"
          : ""
    }`,
  })),
  "cluster-limit": say((a: { what: string; count: number; max: number; version?: string }) => ({
    message: `${a.count} ${a.what}, more than the ${a.max} the API allows${a.version ? ` (${a.version})` : ""}`,
    hint:
      a.what === "rules"
        ? "Split the policy into several of the same tier, in priority order"
        : a.what === "peers" || a.what === "protocols"
          ? "Split the rule into consecutive rules with the same action"
          : "Split the peer into several",
  })),
  "duplicate-item": say((a: { value: unknown; first: number }) => ({
    message: `${show(a.value)} is listed twice (first at index ${a.first})`,
    hint: "The API server refuses repeats in this list: remove one",
  })),
  "v1alpha1-unsupported": say(
    (
      a: { what: "baseline-priority" | "baseline-name" | "baseline-pass" | "baseline-domain-names"; name?: string },
      s,
    ) => {
      const v2 = by(
        s,
        "or write a v1alpha2 ClusterNetworkPolicy (the default version)",
        "or write a v1alpha2 ClusterNetworkPolicy",
        "or write version: v1alpha2",
      );
      switch (a.what) {
        case "baseline-priority":
          return {
            message: "a BaselineAdminNetworkPolicy (v1alpha1) has no priority",
            hint: `Leave out the priority, ${v2}`,
          };
        case "baseline-name":
          return {
            message: `a BaselineAdminNetworkPolicy (v1alpha1) is named "default" (there is one per cluster), not ${show(a.name)}`,
            hint: `Name it "default", ${v2}`,
          };
        case "baseline-pass":
          return {
            message: "a BaselineAdminNetworkPolicy (v1alpha1) has no Pass action",
            expected: "Allow or Deny",
            hint: `Use Accept or Deny, ${v2}`,
          };
        default:
          return {
            message: "a BaselineAdminNetworkPolicy (v1alpha1) has no domainNames peers",
            hint: `Use networks, ${v2}`,
          };
      }
    },
  ),
  "cluster-selector-missing": say((a: { key: "namespaceSelector" | "podSelector" }) => ({
    message: `missing ${a.key}, read as {} (every ${a.key === "podSelector" ? "pod" : "namespace"}) as the API's Go types decode it; the CRD requires it, so the API server refuses the object`,
    hint: `Write ${a.key}: {} to say so`,
  })),
  "cluster-policy-empty": say((_: None) => ({
    message: "the policy has no rules, so it changes no traffic (selecting pods isolates nothing)",
    hint: "Add ingress or egress rules",
  })),
  "cluster-namespace-ignored": say((a: { namespace: string }) => ({
    message: `metadata.namespace ${show(a.namespace)} is ignored: the kind is cluster-scoped`,
    hint: "Remove the namespace",
  })),
  "cluster-priority-shared": say((a: { other: string; tier: string; priority: number }) => ({
    message: `${a.other} has the same tier and priority (${a.tier} ${a.priority}): where both match a connection, an implementation may apply either`,
    hint: "Give each policy of a tier its own priority",
  })),

  // Workloads.
  "workload-kind": say((a: { kind: unknown; kinds: readonly string[]; suggestion?: string | undefined }) => ({
    message:
      a.kind === undefined || a.kind === "" ? "a workload needs a kind" : `unknown workload kind ${show(a.kind)}`,
    expected: `one of ${a.kinds.join(", ")}`,
    ...meant(a.suggestion),
  })),
  "workload-name": say((_: None) => ({ message: "a workload needs a name", expected: "a non-empty string" })),
  "workload-labels": say((_: None) => ({
    message: "a workload needs the pod labels that select its pods",
    expected: "at least one label",
    hint: "Without labels the workload would select every pod in its namespace",
  })),

  // Reading YAML.
  "yaml-syntax": say((a: { detail: string }, _, severity) => ({
    message: `${severity === "warning" ? "questionable" : "malformed"} YAML: ${cut(a.detail)}`,
  })),
  "yaml-duplicate-key": say((a: { key: string; firstLine: number }) => ({
    message: `duplicate key ${show(a.key)} (first at line ${a.firstLine})`,
    hint: "Remove one: Kubernetes keeps the last or refuses the object",
  })),
  "yaml-limit": say(
    (
      a: {
        limit: "maxBytes" | "maxAliases" | "maxDepth" | "maxDocuments" | "copies" | "stack";
        value: number;
        found?: number;
        stopped?: boolean;
      },
      syntax,
    ) => {
      const [what, avoid, option] = YAML_LIMITS[a.limit];
      const fix = syntax === "code" && option ? `${avoid}, or ${option}` : avoid;
      const found = a.found === undefined ? "" : ` (${a.found})`;
      const rest = a.stopped ? "; the rest of the file is not read" : "";
      return { message: `${what.replace("#", String(a.value))}${found}${rest}`, hint: fix };
    },
  ),
  "yaml-1.1": say((a: { text: string; yaml11: unknown; yaml12: unknown }) => ({
    message: `${cut(a.text)} reads as ${show(a.yaml11)} in YAML 1.1, as Kubernetes reads it (${show(a.yaml12)} in YAML 1.2)`,
    hint:
      typeof a.yaml11 === "string"
        ? "Quote it to say what you mean"
        : `Quote it to mean the text, or write ${show(a.yaml11)}`,
  })),
  "yaml-alias": say((a: { name: string; inside: boolean }) => ({
    message: a.inside
      ? `alias *${cut(a.name)} sits inside its own anchor &${cut(a.name)}`
      : `unknown alias *${cut(a.name)}: no anchor &${cut(a.name)} before it`,
  })),
  "yaml-merge": say((_: None) => ({ message: "a merge key << takes a map or a list of maps" })),
  "yaml-key": say((_: None) => ({ message: "a map or list as a key, which Kubernetes refuses" })),
  "not-a-manifest": say((a: { document: number }) => ({
    message: `skipped document ${a.document}: not a Kubernetes object (no apiVersion and kind)`,
  })),
  "manifest-kind": say((a: { kind: unknown; suggestion?: string | undefined }) => ({
    message: `unknown kind ${show(a.kind)}`,
    expected: "a Kubernetes kind",
    ...meant(a.suggestion),
  })),
  "api-version": say((a: { apiVersion: unknown; kind: string; expected: readonly string[] }) => ({
    message: `${a.kind} with unsupported apiVersion ${show(a.apiVersion)}`,
    expected: quoteList(a.expected),
  })),
  "object-unnamed": say((a: { kind: string }) => ({
    message: `a ${a.kind} without metadata.name`,
    expected: "metadata.name",
    hint: "Every object needs a name; objects without one cannot be told apart",
  })),
  // The object is the diagnostic's subject: the messages about one object do not name it again.
  "duplicate-object": say((a: { object: string; first: string }) => ({
    message: `this object appears twice (first at ${a.first})`,
    hint: "Applied together, one would replace the other: remove or rename one",
  })),
  "skipped-kind": say((a: { kind: string; count: number }) => ({
    message: `skipped ${a.count === 1 ? "a" : a.count} ${show(a.kind)} object${a.count === 1 ? "" : "s"}, a kind netpol does not analyse${a.count === 1 ? "" : " (the first is here)"}`,
  })),
  "policy-types": say((a: { found: unknown }) => ({
    message:
      typeof a.found === "string" || a.found === null
        ? `unknown policy type ${show(a.found)}`
        : "policyTypes must list Ingress and/or Egress, each once",
    expected: "[Ingress], [Egress] or [Ingress, Egress]",
  })),
  "peer-empty": say((_: None) => ({
    message: "an empty peer selects nothing",
    expected: "podSelector, namespaceSelector or ipBlock",
  })),
  "peer-ip-block-and-selector": say((_: None) => ({
    message: "a peer cannot combine ipBlock with a pod or namespace selector",
    hint: "Split it into two peers",
  })),
  "ignored-rules": say((a: { name: string; direction: "ingress" | "egress" }) => {
    const type = a.direction === "ingress" ? "Ingress" : "Egress";
    return {
      message: `${a.direction} rules of ${show(a.name)} are ignored by Kubernetes because policyTypes does not list ${type}`,
      hint: `Add ${type} to policyTypes or remove the rules`,
    };
  }),
  "api-server-refuses": say((a: { problem: string }) => ({
    message: `${a.problem} (the API server would refuse this object; it is analysed as written)`,
  })),

  // Files.
  "file-unreadable": say((a: { reason: string; stdin?: boolean; hint?: string }) => ({
    message: `cannot read${a.stdin ? " stdin" : ""}: ${a.reason}`,
    expected: "a readable YAML or JSON file",
    ...(a.hint ? { hint: a.hint } : {}),
  })),
  "file-too-large": say((a: { limit: string; together: boolean; stdin?: boolean }) => ({
    message: a.together
      ? `the inputs together are larger than ${a.limit}, the most netpol reads in one run`
      : `${a.stdin ? "the input" : "the file"} is larger than ${a.limit}, the most netpol reads`,
    hint: `Split the input${a.together ? " into several runs" : ""}, or raise the limit with NETPOL_MAX_INPUT_BYTES`,
  })),
  "not-a-file": say((a: { kind: string }) => ({
    message: `not a regular file (${a.kind})`,
    expected: "a YAML or JSON file, a directory, a pipe or - for stdin",
  })),
  "skipped-file": say((a: { reason: string }) => ({ message: `skipped: ${a.reason}` })),
  "output-unwritable": say((a: { reason: string; hint?: string }) => ({
    message: `cannot write: ${a.reason}`,
    ...(a.hint ? { hint: a.hint } : {}),
  })),
  "stdout-unwritable": say((a: { reason: string }) => ({ message: `cannot write to stdout: ${a.reason}` })),

  // Spec files (netpol CLI).
  "empty-spec": say((_: None) => ({
    message: "the file holds no spec document",
    expected: "apiVersion: netpol.dev/v1alpha1 and kind: NetworkPolicySpec",
  })),
  "unknown-workload": say((a: { name: string; known: readonly string[]; suggestion?: string | undefined }) => ({
    message: `unknown workload ${show(a.name)}`,
    expected:
      a.known.length > 0
        ? `one of the workloads: ${a.known.slice(0, 20).map(show).join(", ")}${a.known.length > 20 ? ", …" : ""}`
        : "the name of a workload declared under workloads",
    ...meant(a.suggestion),
  })),
  "any-except": say((a: { family: "ipv4" | "ipv6" }) => ({
    message: `"${a.family}: any" takes no except`,
    expected: `a CIDR in ${a.family}, with except ranges inside it`,
  })),
  "connection-subject": say((_: None) => ({
    message: "neither end of the connection is a workload",
    expected: "a workload name in from or to",
    hint: "Use a policy with rules for connections between selected pods or addresses",
  })),
  "duplicate-policy": say((a: { name: string; firstLine?: number; firstFile?: string }) => ({
    message:
      a.firstLine === undefined
        ? `two policies are named ${a.name}`
        : `a second policy named ${a.name} (the first comes from line ${a.firstLine}${a.firstFile ? ` of ${a.firstFile}` : ""})`,
    expected: "unique names per namespace",
    hint: "Name the policies apart, or merge them (one connection with all its ports): applied together, one replaces the other",
  })),
  "no-policies": say((_: None) => ({
    message: "no NetworkPolicy found in the input, so there is nothing to import",
    expected: "manifests with NetworkPolicy objects",
    hint: "Check the command that produced the input",
  })),
  "not-imported": say((_: None) => ({
    message: "skipped: import writes the NetworkPolicies and cluster-wide policies of its input only",
  })),
  unwritable: say((a: { what: string }) => ({ message: `the spec format cannot express ${a.what}` })),

  // Analysis.
  "cluster-nodes-unknown": say((_: None) => ({
    message:
      "nodes peers match the addresses of Node objects, and the input has none: the map treats the peer as matching nothing",
    hint: "Pass the nodes along with the policies (kubectl get nodes -o yaml)",
  })),
  "no-workloads": say((_: None) => ({
    message: "the input has no workloads or pods, so there are no connections to list",
    hint: "Pass the workloads' manifests (Deployments, StatefulSets, Pods, …) along with the policies, or a netpol spec",
  })),
  "peer-pods-differ": say((a: { peer: string }) => ({
    message: `pods of ${a.peer} differ in labels, named ports or IPs; its connections are the union over its pods`,
  })),
  "policy-selects-nothing": say((_: { policy: string }) => ({
    message: "this policy selects no workload or pod of the input",
    hint: "Check its podSelector and namespace against the workloads' labels",
  })),
  "named-port-undefined": say((a: { port: string; policy: string; workloads: string }) => ({
    message: `named port ${a.port} of policy ${a.policy} is defined by no ${a.workloads}, so it allows nothing there`,
    hint: "Check the name against the containers' ports",
  })),
  "service-without-selector": say((_: None) => ({
    message:
      "this Service has no selector, so which pods it sends to is not in the input: Ingress and Route backends through it reach nothing in the map",
  })),
  "ingress-backend-ignored": say((a: { kind: "Ingress" | "Route" }) => ({
    message: `this ${a.kind} backend is not a Service, the only kind netpol follows: it reaches nothing in the map`,
  })),
  "ingress-backend-unreached": say(
    (a: {
      service: string;
      why: "missing" | "selects-nothing" | "no-port" | "unserved" | "blocked";
      port?: string;
      workload?: string;
    }) => ({
      message: `${
        a.why === "missing"
          ? `no Service ${show(a.service)} in this namespace`
          : a.why === "selects-nothing"
            ? `Service ${show(a.service)} selects no workload or pod of the input`
            : a.why === "no-port"
              ? `Service ${show(a.service)} has no port ${a.port ?? ""}`
              : a.why === "unserved"
                ? `no container of ${a.workload ?? ""} serves, over TCP, the port Service ${show(a.service)} sends this backend to`
                : `the NetworkPolicies of ${a.workload ?? ""} admit the ingress controller (a pod without labels in namespace ingress-controller-ns) on none of the ports Service ${show(a.service)} sends this backend to`
      }, so the map has no connection from {ingress-controller}${a.workload ? ` to ${a.workload}` : ""} through this backend`,
    }),
  ),
  "named-port-ipblock": say((a: { port: string; cidrs: string }) => ({
    message: `named port ${a.port} cannot match the addresses of ipBlock ${a.cidrs}: only pods have named ports, so the rule allows those addresses nothing on it`,
    hint: "Give the port by number toward addresses (netpol-analyzer and roxctl refuse this rule)",
  })),
  "named-port-no-to": say((a: { port: string }) => ({
    message: `named port ${a.port} of a rule with no ${show("to")} allows nothing toward addresses outside the cluster: only pods have named ports`,
    hint: "If addresses are meant, add a rule with an ipBlock and the port by number (netpol-analyzer and roxctl refuse this rule)",
  })),
  "peer-unknown": say((a: { name: string }) => ({
    message: `no peer named ${show(a.name)}`,
    hint: "Use namespace/name[Kind], namespace/name or an IP address",
  })),
  "peer-ambiguous": say((a: { name: string; hits: readonly string[] }) => ({
    message: `peer ${show(a.name)} is ambiguous: ${a.hits.join(", ")}`,
    hint: "Use namespace/name[Kind], namespace/name or an IP address",
  })),
  "focus-unknown": say((a: { name: string }) => ({
    message: `no workload named ${show(a.name)}`,
    expected:
      "a workload name, namespace/name or namespace/name[Kind], or ingress-controller when Ingress or Route objects reach a workload",
  })),
  "focus-option": say((a: { option: "direction" | "conn"; found: unknown }) => ({
    message: `invalid focus ${a.option === "conn" ? "connection" : "direction"} ${typeof a.found === "string" ? show(a.found) : describeValue(a.found)}`,
    expected:
      a.option === "conn"
        ? "protocol-port, e.g. tcp-8080 (TCP, UDP or SCTP; a port from 1 to 65535)"
        : "ingress or egress",
  })),
  "focus-ignored": say((a: { option: "direction" | "workloadPeers" }) => ({
    message: `a focus ${a.option === "direction" ? "direction" : "workload peer"} narrows the connections of focus workloads, and there are none: ignored`,
    hint: "Add focus workloads, or leave the option out",
  })),
  // Exposure analysis (and the focus options it reads).
  "exposure-ignored": say((a: { reason: "focus-workload-peers" | "explain" }, _s, severity) => {
    const what =
      a.reason === "explain" ? "explanations but in txt" : "focus workloads together with focus workload peers";
    return severity === "warning"
      ? {
          message: `exposure analysis is left out: it does not combine with ${what}`,
          hint:
            a.reason === "explain"
              ? "Write txt, or ask for exposure without explanations"
              : "Drop the focus workload peers",
        }
      : { message: `exposure analysis does not combine with ${what}`, hint: "Drop the focus workload peers" };
  }),
  // Diff (netpol diff, diffConnectivity).
  "no-network-policies": say((a: { ref: string; side: "old" | "new" }) => ({
    message: `${a.ref} holds no NetworkPolicy, so none of its pods is isolated by one`,
    hint: `Check that ${a.ref} is the input you meant to compare`,
  })),
  "git-unreadable": say((a: { spec: string; reason: string; hint?: string }) => ({
    message: `cannot read ${show(a.spec)} from git: ${a.reason}`,
    ...(a.hint ? { hint: a.hint } : {}),
  })),
  // Report (netpol report, reportData).
  "report-explanations-omitted": say((a: { omitted: number; limit: number }) => ({
    message: `the report explains ${a.limit} pairs; the explanations of ${a.omitted} more pairs with connections are left out`,
    hint: "Raise --explain-limit, or filter the input, to have them in the report",
  })),
  // Assertions (netpol check, expectConnectivity).
  "expect-peer-unknown": say((a: { name: string; role: "from" | "to"; suggestion?: string | undefined }) => ({
    message: `no workload or peer named ${show(a.name)}`,
    expected: "a workload name, namespace/name, namespace/name[Kind], an IP address, or {ingress-controller}",
    ...meant(a.suggestion),
  })),
  "expect-verdict": say((a: { both: boolean }, s) =>
    a.both
      ? {
          message: `an expectation takes ${show("allow")} or ${show("deny")}, not both`,
          hint: by(
            s,
            "Split it in two expectations",
            "Split it in two expectations",
            "Split it in two entries of expect",
          ),
        }
      : {
          message: `an expectation needs ${show("allow")} or ${show("deny")}`,
          expected: by(
            s,
            'allow: ports or "all", or deny: ports or "all"',
            "allow or deny",
            "allow: tcp/8000 or deny: all",
          ),
        },
  ),
  "expect-ports": say((a: { found: unknown }, s) => ({
    message: `invalid expected ports ${typeof a.found === "string" ? show(a.found) : describeValue(a.found)}`,
    expected: by(
      s,
      '"all", or ports as NetworkPolicyPort values or text such as "tcp/8000", "udp/53", "tcp/8000-8080" or "tcp" (every TCP port)',
      "all, or ports such as tcp/8000",
      "all, a port such as tcp/8000, udp/53, tcp/8000-8080 or tcp (every TCP port), { tcp: 8000 }, or a list of them",
    ),
  })),
  "expect-named-port": say((a: { port: string }) => ({
    message: `named port ${show(a.port)} cannot be expected: its number depends on the destination's containers`,
    hint: "Give the port by number",
  })),
  usage: say((a: { problem: string; expected?: string }) => ({
    message: a.problem,
    ...(a.expected ? { expected: a.expected } : {}),
  })),

  // Lint: findings about manifests that are valid but likely not what their author meant. Each has a hint (its fix).
  "pod-unselected": say((a: { peer: string }) => ({
    message: `no NetworkPolicy selects the pods of ${a.peer}: they accept and open any connection`,
    hint: "Add a default-deny policy to the namespace (podSelector: {}), or a policy selecting these pods",
  })),
  "namespace-no-default-deny": say((a: { namespace: string; directions: readonly ("ingress" | "egress")[] }) => ({
    message: `namespace ${show(a.namespace)} has no default-deny policy for ${a.directions.join(" or ")}`,
    hint: `Add a policy with podSelector: {}, policyTypes: [${a.directions.map((d) => (d === "ingress" ? "Ingress" : "Egress")).join(", ")}] and no rules that admit every peer`,
  })),
  "peer-matches-nothing": say((_: None) => ({
    message: "this peer selects no pod of the input, though every namespace it looks in has pods in the input",
    hint: "Check its selectors against the labels of the pods and namespaces (a peer with both selectors needs both to match)",
  })),
  "egress-empty-without-type": say((a: { types: readonly string[] }) => ({
    message: `egress: [] denies nothing here: an empty egress list counts as absent, and policyTypes ${a.types.length === 0 ? "is not set" : `lists only ${a.types.join(", ")}`}, so egress stays open`,
    hint: "List Egress in policyTypes (policyTypes: [Ingress, Egress]) to deny all egress, or remove egress: []",
  })),
  "dns-blocked": say((a: { workloads: string; missing: string }) => ({
    message: `this policy denies egress of ${a.workloads} by default, and no policy allows them ${a.missing} to kube-dns (k8s-app: kube-dns in kube-system), so they cannot resolve names`,
    hint: "Allow egress to namespaceSelector kubernetes.io/metadata.name: kube-system with podSelector k8s-app: kube-dns on UDP 53 and TCP 53",
  })),
  "end-port-cni": say((a: { port: number; endPort: number }) => ({
    message: `the port range ${a.port}-${a.endPort} (endPort) is enforced only by network plugins that support endPort; others allow port ${a.port} alone or ignore the rule`,
    hint: "Check that your network plugin supports endPort (stable since Kubernetes 1.25), or list the ports one by one",
  })),
  "peers-and-or": say((_: None) => ({
    message:
      "namespaceSelector and podSelector are two peers of this rule, so either one admits (OR), while other peers of the input put both in one peer (both must match: AND)",
    hint: "If both should match, make them one peer (drop the '-' before podSelector); if either may, keep them apart",
  })),
  "ip-block-pod-ips": say((a: { cidr: string; pods: string }) => ({
    message: `ipBlock ${show(a.cidr)} covers pod IPs (${a.pods}); whether an ipBlock matches pod traffic depends on the network plugin`,
    hint: "Select pods with podSelector and namespaceSelector, and list the cluster's pod network under except",
  })),
  "except-overlap": say((a: { except: string; other: string }) => ({
    message: `except ${show(a.except)} overlaps except ${show(a.other)} of the same ipBlock`,
    hint: "Remove the range the other holds, or merge the two into one CIDR",
  })),
  "duplicate-port-name": say((a: { name: string; first: string }) => ({
    message: `the port name ${show(a.name)} is given twice in this pod (first at ${a.first}), so a policy naming it allows both ports`,
    hint: "Give every container port of the pod its own name",
  })),
  "rule-subsumed": say((a: { other: string }) => ({
    message: `this rule allows nothing that ${a.other} does not allow already`,
    hint: "Remove it, or narrow the other rule",
  })),
  "lint-no-workloads": say((_: None) => ({
    message:
      "the input has no workloads or pods, so the checks of what policies select (pods, peers, DNS, named ports) have nothing to look at",
    hint: "Lint the workloads' manifests (Deployments, StatefulSets, Pods, …) along with the policies, or a netpol spec",
  })),
  "lint-check-unknown": say((a: { id: string; suggestion?: string | undefined }) => ({
    message: `unknown lint check ${show(a.id)}`,
    expected: "a check id listed by netpol lint --list",
    ...meant(a.suggestion),
  })),
  "identical-policies": say((a: { other: string }) => ({
    message: `this policy has the same spec as ${a.other}`,
    hint: "Remove one of them",
  })),

  // Front ends.
  scope: say((_: None) => ({
    message: "the subject is not a construct, so there is nowhere to add its policies",
    hint: "Pass a scope: connections(workload, chart)",
  })),
  "policy-emitted": say((a: { method: string; policy: string; direction: string }) => ({
    message: `${a.method} was called after NetworkPolicy ${show(a.policy)} was emitted, so the rule would be lost`,
    expected: `${a.method} in the same synchronous part of the program that created the policy`,
    hint: `Pass the rule in ${a.direction}.rules, or call ${a.method} before any await`,
  })),
  "connection-unknown": say((a: { role: string }) => ({
    message: `the ${a.role} of a connection is a Pulumi Output or promise, so its policies cannot be named yet`,
    expected: "a workload or namespace resource, or Pods/Namespaces/Workload/NetworkPolicyIpBlock",
    hint: "Pass the resource itself, or build a NetworkPolicy with a selector Output instead",
  })),
  "resource-kind": say((a: { type: string; name: string }) => ({
    message: `cannot select the pods of a ${a.type || "non-Kubernetes"} resource (${show(a.name)})`,
    expected: "a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod or Namespace",
    hint: "Select its pods with Pods.select({ labels: { … } })",
  })),
  "component-name": say((a: { name: string }) => ({
    message: `the policy would be named after the component, but ${show(a.name)} is not a valid NetworkPolicy name`,
    expected: DNS_SUBDOMAIN,
    hint: "Name the component accordingly, or set metadata.name",
  })),
} satisfies Record<string, Say>;

function knownKeys(known: readonly string[]): string {
  if (known.length === 0) return "no keys";
  return known.length <= 12 ? `one of ${quoteList(known)}` : `one of ${known.slice(0, 12).map(show).join(", ")}, …`;
}

/** The code of a diagnostic: one of a closed list, each with its own words. */
export type DiagnosticCode = keyof typeof MESSAGES;

/** The arguments the message of `C` is made from. */
export type DiagnosticArgs<C extends DiagnosticCode> = Parameters<(typeof MESSAGES)[C]>[0];

/** The words of a diagnostic, in a syntax. */
export function messageOf<C extends DiagnosticCode>(
  code: C,
  args: DiagnosticArgs<C>,
  syntax: Syntax,
  severity: "error" | "warning" = "error",
): MessageText {
  return (MESSAGES[code] as (a: DiagnosticArgs<C>, s: Syntax, v: "error" | "warning") => MessageText)(
    args,
    syntax,
    severity,
  );
}

/** True for a code of the list (for data read back from JSON, say). */
export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
  return typeof code === "string" && Object.hasOwn(MESSAGES, code);
}

/** Why each lint check matters, by check id: printed under its findings. */
export const LINT_WHY = {
  "pod-unselected":
    "Pods no policy selects are not isolated: any pod or address may connect to them, and they to anything.",
  "namespace-no-default-deny":
    "Without a policy selecting every pod of a namespace, a new workload there starts fully open until someone writes its policy.",
  "policy-selects-nothing":
    "A policy that selects no pod has no effect; usually its podSelector or namespace does not match the labels it was meant for.",
  "peer-matches-nothing": "A peer that matches no pod allows nothing, so the traffic it was written for is denied.",
  "ignored-rules": "Kubernetes ignores the rules of a direction policyTypes leaves out, silently.",
  "egress-empty-without-type":
    "Kubernetes infers Egress in policyTypes only from a non-empty egress list; egress: [] alone leaves egress open.",
  "dns-blocked":
    "Pods under default-deny egress need UDP and TCP 53 to the cluster DNS, or every lookup of a service name fails.",
  "named-port-undefined": "A named port resolves only on pods that declare a container port of that name.",
  "port-unserved": "A port no container of the destination listens on allows traffic that nothing receives.",
  "named-port-ipblock":
    "Named ports resolve against the destination pods' containers; an ipBlock destination has none, so nothing is allowed.",
  "end-port-cni":
    "endPort needs support in the network plugin; where it is missing, the range silently shrinks to one port or the rule is dropped.",
  "peers-and-or":
    "A '-' before podSelector turns one peer (namespace AND pods) into two (namespace OR pods), a common and silent mistake.",
  "ip-block-pod-ips":
    "Kubernetes leaves it to the network plugin whether ipBlocks match pod traffic (they are meant for cluster-external addresses); pod IPs also change.",
  "except-overlap": "Overlapping except ranges say the same thing twice, and usually hide a typo in one of them.",
  "duplicate-port-name":
    "A named port resolves to every container port of that name in the pod: two ports with one name are both allowed.",
  "rule-subsumed":
    "A rule that another rule for the same pods already covers adds nothing, and misleads whoever narrows the other one.",
  "identical-policies": "Two policies with the same spec for the same pods are one too many to keep in step.",
} as const satisfies Record<string, string>;
