// Core model → spec document and its YAML text: the inverse of read.ts, used by `netpol import`.
import {
  type ClusterNetworkPolicy,
  type ClusterNetworkPolicyPeerConfig,
  type ClusterNetworkPolicyProtocolConfig,
  type ClusterNetworkPolicyRuleConfig,
  type Diagnostic,
  diagnostic,
  isEmptySelector,
  type LabelSelectorSpec,
  type NamespaceSelectorConfig,
  type NetworkPolicy,
  type NetworkPolicyPeerConfig,
  type NetworkPolicyPort,
  type NetworkPolicyRuleConfig,
  type NetworkPolicyTrafficConfig,
  NetworkPolicyTrafficDefault,
  type PodSelectorConfig,
} from "@netpol/core";
import { type ObjectSource, positioned } from "@netpol/core/manifests";
import { Document, isCollection, isMap, isScalar, isSeq, visit } from "yaml";
import { SPEC_API_VERSION, SPEC_KIND } from "./schema.js";
import type {
  SpecClusterPeer,
  SpecClusterPolicy,
  SpecClusterPort,
  SpecClusterRule,
  SpecDocument,
  SpecExpression,
  SpecNamespaces,
  SpecPeer,
  SpecPods,
  SpecPolicy,
  SpecPort,
  SpecRule,
  SpecTraffic,
} from "./types.js";

/** Thrown when a model holds something the spec format cannot say. */
class Unwritable extends Error {}

const isEmpty = isEmptySelector;

function selectorFields(s: LabelSelectorSpec | undefined): {
  labels?: Record<string, string>;
  expressions?: SpecExpression[];
} {
  const labels = s?.labels && Object.keys(s.labels).length > 0 ? { ...s.labels } : undefined;
  const expressions = s?.expressions?.map(
    (e): SpecExpression => ({
      key: e.key,
      operator: e.operator,
      ...(e.values !== undefined ? { values: [...e.values] } : {}),
    }),
  );
  return { ...(labels ? { labels } : {}), ...(expressions && expressions.length > 0 ? { expressions } : {}) };
}

function namespacesSpec(ns: NamespaceSelectorConfig): SpecNamespaces {
  const names = ns.names && ns.names.length > 0 ? [...ns.names] : undefined;
  if (!names && isEmpty(ns.labelSelector)) return "all";
  return { ...(names ? { names } : {}), ...selectorFields(ns.labelSelector) };
}

function podsSpec(cfg: PodSelectorConfig): { pods: SpecPods } | { namespaces: SpecNamespaces } {
  if (cfg.namespaces && isEmpty(cfg.labelSelector)) return { namespaces: namespacesSpec(cfg.namespaces) };
  if (!cfg.namespaces && isEmpty(cfg.labelSelector)) return { pods: "all" };
  return {
    pods: {
      ...selectorFields(cfg.labelSelector),
      ...(cfg.namespaces ? { namespaces: namespacesSpec(cfg.namespaces) } : {}),
    },
  };
}

function peerSpec(cfg: NetworkPolicyPeerConfig): SpecPeer {
  if (cfg.ipBlock) {
    const except = cfg.ipBlock.except && cfg.ipBlock.except.length > 0 ? { except: [...cfg.ipBlock.except] } : {};
    // The family shows in the address itself: only IPv6 has colons.
    return cfg.ipBlock.cidr.includes(":")
      ? { ipv6: cfg.ipBlock.cidr, ...except }
      : { ipv4: cfg.ipBlock.cidr, ...except };
  }
  if (!cfg.podSelector) throw new Unwritable("a peer with neither an IP block nor a pod selector");
  return podsSpec(cfg.podSelector);
}

function portSpec(p: NetworkPolicyPort): SpecPort {
  const key = p.protocol.toLowerCase() as "tcp" | "udp" | "sctp";
  if (p.port === "all") throw new Unwritable(`the named port "all" (the spec reads "${key}: all" as every port)`);
  const value = p.port === undefined ? "all" : p.endPort !== undefined ? `${p.port}-${p.endPort}` : p.port;
  return { [key]: value };
}

function ruleSpec(r: NetworkPolicyRuleConfig): SpecRule {
  const peers = r.peers?.map(peerSpec);
  const ports = r.ports?.map(portSpec);
  return {
    ...(peers && peers.length === 1 ? { peer: peers[0] as SpecPeer } : peers && peers.length > 1 ? { peers } : {}),
    ...(ports ? { ports } : {}),
  };
}

function trafficSpec(t: NetworkPolicyTrafficConfig): SpecTraffic | undefined {
  if (t.default === undefined && t.rules.length === 0) return undefined;
  const out: SpecTraffic = {};
  if (t.default !== undefined) out.default = t.default === NetworkPolicyTrafficDefault.DENY ? "deny" : "allow";
  if (t.rules.length > 0) out.rules = t.rules.map(ruleSpec);
  return out;
}

/** The spec form of one policy (names always explicit, so generate gives back the same object). */
export function policySpec(policy: NetworkPolicy): SpecPolicy {
  const v = policy.toConfig();
  const selector = isEmpty(v.selector.labelSelector) && !v.selector.namespaces ? undefined : podsSpec(v.selector);
  const ingress = trafficSpec(v.ingress);
  const egress = trafficSpec(v.egress);
  const { labels, annotations } = v;
  return {
    name: policy.name,
    ...(policy.namespace !== undefined ? { namespace: policy.namespace } : {}),
    ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
    ...(selector ? { selector } : {}),
    ...(ingress ? { ingress } : {}),
    ...(egress ? { egress } : {}),
  };
}

function clusterPeerSpec(p: ClusterNetworkPolicyPeerConfig): SpecClusterPeer {
  if (p.networks) return { networks: [...p.networks] };
  if (p.nodes) return { nodes: selectorFields(p.nodes) };
  if (p.domainNames) return { domainNames: [...p.domainNames] };
  if (!p.pods) throw new Unwritable("a cluster-wide peer without a field");
  return podsSpec(p.pods);
}

function clusterPortSpec(p: ClusterNetworkPolicyProtocolConfig): SpecClusterPort {
  if (p.namedPort !== undefined) return { namedPort: p.namedPort };
  const key = (p.protocol ?? "TCP").toLowerCase() as "tcp" | "udp" | "sctp";
  return { [key]: p.port === undefined ? "all" : p.endPort !== undefined ? `${p.port}-${p.endPort}` : p.port };
}

function clusterRuleSpec(r: ClusterNetworkPolicyRuleConfig): SpecClusterRule {
  return {
    ...(r.name !== undefined ? { name: r.name } : {}),
    action: r.action.toLowerCase() as SpecClusterRule["action"],
    peers: r.peers.map(clusterPeerSpec),
    ...(r.protocols ? { ports: r.protocols.map(clusterPortSpec) } : {}),
  };
}

/** The spec form of one cluster-wide policy (name and version always explicit: generate gives back the object). */
export function clusterPolicySpec(policy: ClusterNetworkPolicy): SpecClusterPolicy {
  const v = policy.toConfig();
  const { labels, annotations } = v;
  return {
    name: v.name,
    tier: v.tier === "Admin" ? "admin" : "baseline",
    ...(v.priority !== undefined ? { priority: v.priority } : {}),
    ...(v.version !== "v1alpha2" ? { version: v.version } : {}),
    subject: podsSpec(v.subject),
    ...(v.ingress.length > 0 ? { ingress: v.ingress.map(clusterRuleSpec) } : {}),
    ...(v.egress.length > 0 ? { egress: v.egress.map(clusterRuleSpec) } : {}),
    ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
  };
}

/** The spec document of some policies; policies the format cannot express are reported, not guessed. */
export function specFromPolicies(
  policies: readonly { policy: NetworkPolicy; object?: unknown; source?: ObjectSource }[],
  clusterPolicies: readonly { policy: ClusterNetworkPolicy; object?: unknown; source?: ObjectSource }[] = [],
): { spec: SpecDocument; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const write = <P, S>(list: readonly { policy: P; object?: unknown; source?: ObjectSource }[], f: (p: P) => S): S[] =>
    list.flatMap(({ policy, object, source }) => {
      try {
        return [f(policy)];
      } catch (e) {
        if (!(e instanceof Unwritable)) throw e;
        diagnostics.push(positioned(diagnostic("unwritable", [], { what: e.message }), object, source));
        return [];
      }
    });
  const specs = write(policies, policySpec);
  const clusterSpecs = write(clusterPolicies, clusterPolicySpec);
  return {
    spec: {
      apiVersion: SPEC_API_VERSION,
      kind: SPEC_KIND,
      ...(specs.length > 0 || clusterSpecs.length === 0 ? { policies: specs } : {}),
      ...(clusterSpecs.length > 0 ? { clusterPolicies: clusterSpecs } : {}),
    },
    diagnostics,
  };
}

// Lists of entries stay in block style, one entry per line group, however short.
const BLOCK_KEYS = new Set(["policies", "rules", "peers", "connections", "clusterPolicies"]);
// So do a cluster-wide policy's rule lists (a NetworkPolicy's ingress and egress are maps, not lists).
const RULE_LISTS = new Set(["ingress", "egress"]);

/** The spec as YAML: block style, with map values that fit on a short line written in flow style. */
export function specToYaml(spec: SpecDocument, header?: string): string {
  const doc = new Document(spec, { version: "1.1" });
  visit(doc, {
    Pair(_, pair) {
      const value = pair.value;
      const key = String(isScalar(pair.key) ? pair.key.value : "");
      if (!isCollection(value) || BLOCK_KEYS.has(key) || (RULE_LISTS.has(key) && isSeq(value))) return;
      const holdsBlock =
        isMap(value) && value.items.some((p) => isScalar(p.key) && BLOCK_KEYS.has(String(p.key.value)));
      if (!holdsBlock && JSON.stringify(value.toJSON()).length <= 64) value.flow = true;
    },
  });
  const body = doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: true });
  return header ? `${header.replace(/^/gm, "# ")}\n${body}` : body;
}
