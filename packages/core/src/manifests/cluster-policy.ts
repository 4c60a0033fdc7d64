// Reading an existing cluster-wide policy object (v1alpha2 ClusterNetworkPolicy, v1alpha1 AdminNetworkPolicy or
// BaselineAdminNetworkPolicy): everything its CRD refuses is an error here, in the object's own terms and paths.
import {
  ClusterNetworkPolicyAction,
  type ClusterNetworkPolicyPeerConfig,
  type ClusterNetworkPolicyProtocolConfig,
  type ClusterNetworkPolicyTier,
  type ClusterNetworkPolicyVersion,
} from "../cluster-policy/data.js";
import { checkDomainNames, checkNetworks, INGRESS_PEER_FIELDS, PEER_FIELDS } from "../cluster-policy/peers.js";
import {
  checkAction,
  checkCount,
  checkRuleMeaning,
  checkRuleName,
  type RuleContext,
  suggestAction,
} from "../cluster-policy/rules.js";
import {
  actionOfWord,
  actionsOf,
  actionWord,
  BASELINE_V1ALPHA1_NAME,
  MAX_PRIORITY,
  versionOfKind,
} from "../cluster-policy/versions.js";
import type { TrafficDirection } from "../data.js";
import { type Diagnostic, DiagnosticBag, type DiagnosticPath } from "../errors.js";
import { isRecord } from "../input.js";
import { checkObjectName } from "../labels.js";
import { isIanaServiceName, isPortNumber, isProtocol } from "../ports.js";
import type { ClusterPolicyManifest } from "../render/cluster-types.js";
import { KINDS } from "./kinds.js";
import { checkLabelMap, checkSelector } from "./metadata.js";
import { readShape } from "./shapes.js";

type Rec = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Rec => (isRecord(v) ? v : {});
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** The result of reading a cluster-wide policy object: the object when it is valid, and every diagnostic found. */
export interface ParsedClusterPolicy {
  /** The object as the API server would store it (nulls read as absent), present when there is no error. */
  readonly policy?: ClusterPolicyManifest;
  /** Errors and warnings, with paths inside the object (`["spec", "egress", 0, "to", 1, "networks", 0]`). */
  readonly diagnostics: Diagnostic[];
}

/** Validates a cluster-wide policy object as its CRD would, reporting every problem with its path. */
export function parseClusterPolicyManifest(value: unknown): ParsedClusterPolicy {
  const bag = new DiagnosticBag("manifest");
  const policy = readClusterPolicy(value, bag);
  return bag.errorCount > 0 || policy === undefined ? { diagnostics: bag.items } : { policy, diagnostics: bag.items };
}

/** Reads a cluster-wide policy object by its shape, then checks it; undefined when it is none or its shape is wrong. */
export function readClusterPolicy(value: unknown, bag: DiagnosticBag): ClusterPolicyManifest | undefined {
  const v = rec(value);
  const info = typeof v.kind === "string" && Object.hasOwn(KINDS, v.kind) ? KINDS[v.kind] : undefined;
  if (info?.category !== "cluster-policy") {
    bag.error("value", ["kind"], {
      found: v.kind,
      expected: '"ClusterNetworkPolicy", "AdminNetworkPolicy" or "BaselineAdminNetworkPolicy"',
    });
    return undefined;
  }
  if (!info.apiVersions.includes(v.apiVersion as string)) {
    bag.error("api-version", ["apiVersion"], {
      apiVersion: v.apiVersion,
      kind: v.kind as string,
      expected: info.apiVersions,
    });
    return undefined;
  }
  const read = readShape(value, info.shape, [], bag);
  if (read === undefined) return undefined;
  checkClusterPolicy(read as Rec, bag);
  return read as ClusterPolicyManifest;
}

/**
 * Checks a cluster-wide policy read by its shape: its name (and namespace, which a cluster-scoped object does not
 * have), tier, priority, subject, and every rule, peer and protocol, with the limits of its version.
 */
export function checkClusterPolicy(value: Rec, bag: DiagnosticBag): void {
  const kind = versionOfKind(value.apiVersion, value.kind);
  if (kind === undefined) return;
  const { version } = kind;
  const meta = rec(value.metadata);
  checkObjectName(meta.name, ["metadata", "name"], bag);
  checkLabelMap(meta.labels, ["metadata", "labels"], bag);
  if (typeof meta.namespace === "string" && meta.namespace !== "")
    bag.warn("cluster-namespace-ignored", ["metadata", "namespace"], { namespace: meta.namespace });
  const baselineV1 = value.kind === "BaselineAdminNetworkPolicy";
  if (baselineV1 && typeof meta.name === "string" && meta.name !== BASELINE_V1ALPHA1_NAME)
    bag.error("v1alpha1-unsupported", ["metadata", "name"], { what: "baseline-name", name: meta.name });
  if (value.spec === undefined) {
    bag.error("missing-key", [], { key: "spec", expected: "the policy's subject and rules" });
    return;
  }
  const spec = rec(value.spec);
  let tier: ClusterNetworkPolicyTier | undefined = kind.tier;
  if (version === "v1alpha2") {
    if (spec.tier === undefined) bag.error("missing-key", ["spec"], { key: "tier", expected: "Admin or Baseline" });
    else if (spec.tier === "Admin" || spec.tier === "Baseline") tier = spec.tier;
    else {
      const suggestion = (["Admin", "Baseline"] as const).find(
        (t) => t.toLowerCase() === String(spec.tier).toLowerCase(),
      );
      bag.error("cluster-tier", ["spec", "tier"], { value: spec.tier, suggestion });
    }
  }
  if (baselineV1) {
    if (spec.priority !== undefined)
      bag.error("v1alpha1-unsupported", ["spec", "priority"], { what: "baseline-priority" });
  } else if (spec.priority === undefined)
    bag.error("missing-key", ["spec"], { key: "priority", expected: `an integer from 0 to ${MAX_PRIORITY}` });
  else if (typeof spec.priority !== "number" || spec.priority < 0 || spec.priority > MAX_PRIORITY)
    bag.error("cluster-priority", ["spec", "priority"], { value: spec.priority });
  if (spec.subject === undefined)
    bag.error("missing-key", ["spec"], {
      key: "subject",
      expected: "namespaces or pods (the pods the policy applies to)",
    });
  else checkPodsOrNamespaces(rec(spec.subject), version, ["spec", "subject"], bag, "subject");
  for (const direction of ["ingress", "egress"] as const) {
    const rules = spec[direction];
    if (rules === undefined) continue;
    checkCount(list(rules), "rules", version, ["spec", direction], bag);
    list(rules).forEach((rule, i) => checkRule(rec(rule), { version, tier, direction }, ["spec", direction, i], bag));
  }
}

/** A subject, or a peer's `namespaces`/`pods`: exactly one of them (a subject), each a valid selector. */
function checkPodsOrNamespaces(
  value: Rec,
  version: ClusterNetworkPolicyVersion,
  path: DiagnosticPath,
  bag: DiagnosticBag,
  what: "subject" | "peer",
): void {
  if (what === "subject") {
    const given = ["namespaces", "pods"].filter((k) => value[k] !== undefined);
    if (given.length === 0) bag.error("missing-key", path, { key: "namespaces", expected: "namespaces or pods" });
    else if (given.length > 1) bag.error("exclusive-keys", path, { keys: given });
  }
  if (value.namespaces !== undefined) checkSelector(value.namespaces, [...path, "namespaces"], bag);
  if (value.pods !== undefined) {
    const pods = rec(value.pods);
    const at = [...path, "pods"];
    // The CRDs require podSelector (and v1alpha1 namespaceSelector too), but the API's Go types decode a missing
    // one as the empty selector, which selects everything: that is what implementations and analyzers read.
    for (const key of ["namespaceSelector", "podSelector"] as const) {
      if (pods[key] !== undefined) checkSelector(pods[key], [...at, key], bag);
      else if (key === "podSelector" || version === "v1alpha1") bag.warn("cluster-selector-missing", at, { key });
    }
  }
}

/** One rule: name, action, peers, protocols (v1alpha2) or ports (v1alpha1), and what they mean together. */
function checkRule(rule: Rec, context: RuleContext, path: DiagnosticPath, bag: DiagnosticBag): void {
  const { version, tier, direction } = context;
  checkRuleName(rule.name, [...path, "name"], bag);
  let action: ClusterNetworkPolicyAction | undefined;
  if (rule.action === undefined) {
    const words =
      tier === undefined ? ["Accept", "Deny", "Pass"] : actionsOf(version, tier).map((a) => actionWord(version, a));
    bag.error("missing-key", path, { key: "action", expected: words.join(", ") });
  } else {
    action = actionOfWord(version, rule.action);
    if (action === undefined) {
      const actions = tier === undefined ? Object.values(ClusterNetworkPolicyAction) : actionsOf(version, tier);
      const words = actions.map((a) => actionWord(version, a));
      bag.error("cluster-action", [...path, "action"], {
        value: rule.action,
        actions,
        version,
        suggestion: suggestAction(rule.action, words),
      });
    } else if (!checkAction(action, context, [...path, "action"], bag)) action = undefined;
  }
  const peersKey = direction === "ingress" ? "from" : "to";
  const peers: ClusterNetworkPolicyPeerConfig[] = [];
  if (rule[peersKey] === undefined) bag.error("missing-key", path, { key: peersKey, expected: "a list of peers" });
  else if (list(rule[peersKey]).length === 0)
    bag.error("empty-list", [...path, peersKey], { expected: "at least one peer" });
  else {
    checkCount(list(rule[peersKey]), "peers", version, [...path, peersKey], bag);
    list(rule[peersKey]).forEach((p, i) =>
      peers.push(checkPeer(rec(p), version, direction, [...path, peersKey, i], bag)),
    );
  }
  const protocolsKey = version === "v1alpha2" ? "protocols" : "ports";
  let protocols: ClusterNetworkPolicyProtocolConfig[] | undefined;
  if (rule[protocolsKey] !== undefined) {
    const given = list(rule[protocolsKey]);
    if (given.length === 0)
      bag.error("empty-list", [...path, protocolsKey], {
        expected: `at least one entry (leave out ${protocolsKey} to match all traffic)`,
      });
    checkCount(given, "protocols", version, [...path, protocolsKey], bag);
    protocols = given.map((p, k) =>
      version === "v1alpha2"
        ? checkProtocol(rec(p), [...path, protocolsKey, k], bag)
        : checkPort(rec(p), [...path, protocolsKey, k], bag),
    );
  }
  checkRuleMeaning(
    { action, peers, protocols },
    context,
    {
      action: [...path, "action"],
      peer: (i, field) => [...path, peersKey, i, field],
      protocol: (k) => [...path, protocolsKey, k],
    },
    bag,
  );
}

/** A peer: exactly one field; what it holds is checked; the fields it has are returned for the rule's checks. */
function checkPeer(
  peer: Rec,
  version: ClusterNetworkPolicyVersion,
  direction: TrafficDirection,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): ClusterNetworkPolicyPeerConfig {
  const fields = direction === "ingress" ? INGRESS_PEER_FIELDS : PEER_FIELDS;
  const given = fields.filter((f) => peer[f] !== undefined);
  // A peer without a field it knows is, to implementations, one of a newer API: they fail closed. Refused here.
  if (given.length !== 1) bag.error("cluster-peer-shape", path, { fields: given, direction });
  checkPodsOrNamespaces(peer, version, path, bag, "peer");
  if (peer.nodes !== undefined) checkSelector(peer.nodes, [...path, "nodes"], bag);
  if (peer.networks !== undefined) checkNetworks(peer.networks, [...path, "networks"], bag);
  if (peer.domainNames !== undefined) checkDomainNames(peer.domainNames, [...path, "domainNames"], bag);
  // Only which fields are set matters to the rule's checks.
  return {
    ...(peer.nodes !== undefined ? { nodes: {} } : {}),
    ...(peer.networks !== undefined ? { networks: [] } : {}),
    ...(peer.domainNames !== undefined ? { domainNames: [] } : {}),
  };
}

/** A v1alpha2 protocol: exactly one of tcp, udp, sctp (each with a destinationPort) or destinationNamedPort. */
function checkProtocol(p: Rec, path: DiagnosticPath, bag: DiagnosticBag): ClusterNetworkPolicyProtocolConfig {
  const fields = ["tcp", "udp", "sctp", "destinationNamedPort"].filter((k) => p[k] !== undefined);
  if (fields.length === 0)
    bag.error("missing-key", path, { key: "tcp", expected: "one of tcp, udp, sctp or destinationNamedPort" });
  else if (fields.length > 1) bag.error("exclusive-keys", path, { keys: fields });
  if (p.destinationNamedPort !== undefined)
    return checkNamedPort(p.destinationNamedPort, [...path, "destinationNamedPort"], bag);
  for (const key of ["tcp", "udp", "sctp"]) {
    if (p[key] === undefined) continue;
    const at = [...path, key];
    const port = rec(rec(p[key]).destinationPort);
    if (rec(p[key]).destinationPort === undefined) {
      bag.error("missing-key", at, { key: "destinationPort", expected: "{ number } or { range: { start, end } }" });
      continue;
    }
    const where = [...at, "destinationPort"];
    if ((port.number === undefined) === (port.range === undefined)) {
      if (port.number === undefined) bag.error("missing-key", where, { key: "number", expected: "number or range" });
      else bag.error("exclusive-keys", where, { keys: ["number", "range"] });
    }
    if (port.number !== undefined && !isPortNumber(port.number))
      bag.error("port-range", [...where, "number"], { port: port.number });
    if (port.range !== undefined) checkRange(rec(port.range), [...where, "range"], true, bag);
  }
  return {};
}

/** A v1alpha1 port: exactly one of portNumber, portRange or namedPort; protocols default to TCP. */
function checkPort(p: Rec, path: DiagnosticPath, bag: DiagnosticBag): ClusterNetworkPolicyProtocolConfig {
  const fields = ["portNumber", "portRange", "namedPort"].filter((k) => p[k] !== undefined);
  if (fields.length === 0)
    bag.error("missing-key", path, { key: "portNumber", expected: "one of portNumber, portRange or namedPort" });
  else if (fields.length > 1) bag.error("exclusive-keys", path, { keys: fields });
  if (p.namedPort !== undefined) return checkNamedPort(p.namedPort, [...path, "namedPort"], bag);
  if (p.portNumber !== undefined) {
    const n = rec(p.portNumber);
    const at = [...path, "portNumber"];
    if (n.protocol !== undefined && !isProtocol(n.protocol))
      bag.error("protocol", [...at, "protocol"], { protocol: n.protocol });
    if (n.port === undefined) bag.error("missing-key", at, { key: "port", expected: "a port number" });
    else if (!isPortNumber(n.port)) bag.error("port-range", [...at, "port"], { port: n.port });
  }
  if (p.portRange !== undefined) {
    const r = rec(p.portRange);
    const at = [...path, "portRange"];
    if (r.protocol !== undefined && !isProtocol(r.protocol))
      bag.error("protocol", [...at, "protocol"], { protocol: r.protocol });
    // v1alpha1's CRD does not check that start < end; a range ending before it starts matches nothing: refused.
    checkRange(r, at, false, bag);
  }
  return {};
}

/** A port range: start and end from 1 to 65535, start before end (v1alpha2: strictly; v1alpha1: a one-port range too). */
function checkRange(r: Rec, path: DiagnosticPath, strict: boolean, bag: DiagnosticBag): void {
  for (const key of ["start", "end"]) {
    if (r[key] === undefined) bag.error("missing-key", path, { key, expected: "a port number" });
    else if (!isPortNumber(r[key])) bag.error("port-range", [...path, key], { port: r[key] });
  }
  if (isPortNumber(r.start) && isPortNumber(r.end) && (strict ? r.start >= r.end : r.start > r.end))
    bag.error("port-range-order", [...path, "end"], { start: r.start, end: r.end });
}

function checkNamedPort(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): ClusterNetworkPolicyProtocolConfig {
  if (value === "") bag.error("type", path, { found: value, expected: "a container port name" });
  else if (typeof value === "string" && !isIanaServiceName(value))
    bag.warn("cluster-named-port-name", path, { port: value });
  return { namedPort: String(value) };
}
