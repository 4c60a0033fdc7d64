// Peers of cluster-wide policies: pods and namespaces (core's own selectors), and the egress-only Networks, Nodes and
// DomainNames. Every peer is read into one plain form, checked as the API server checks it.
import type { LabelExpressionSpec, LabelSelectorSpec, Labels, PodSelectorConfig, TrafficDirection } from "../data.js";
import { type Diagnostic, DiagnosticBag, type DiagnosticPath } from "../errors.js";
import { isRecord, ownList, readRecord } from "../input.js";
import { formatIp, parseCidr } from "../ip-blocks.js";
import { isPeer, isPodSelector, peerOf, selectorOf } from "../peers.js";
import { readLabelSelector, readPodSelectorConfig } from "../selectors.js";
import type { ClusterNetworkPolicyPeerConfig, IClusterNetworkPolicyPeer } from "./data.js";
import { DOMAIN_NAME, MAX_CIDR_LENGTH, MAX_SET_ITEMS } from "./versions.js";

/** The fields of a peer, in the order manifests list them; ingress rules take the first two only. */
export const PEER_FIELDS = ["namespaces", "pods", "nodes", "networks", "domainNames"] as const;
/** A field of a peer as manifests write it. */
export type PeerField = (typeof PEER_FIELDS)[number];
/** The fields an ingress peer may have. */
export const INGRESS_PEER_FIELDS: readonly PeerField[] = ["namespaces", "pods"];

/** True when `value` supplies a cluster-wide policy's own kind of peer. */
export function isClusterPeer(value: unknown): value is IClusterNetworkPolicyPeer {
  return isRecord(value) && typeof value.toClusterPeerConfig === "function";
}

/** Checks a set of CIDRs (a networks peer): 1–25 distinct valid CIDRs; a warning for host bits. */
export function checkNetworks(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): readonly string[] | undefined {
  const list = checkSet(value, path, bag, "networks", "a list of CIDRs such as 10.0.0.0/8 or fd00::/8");
  if (list === undefined) return undefined;
  const errors = bag.errorCount;
  list.forEach((cidr, i) => {
    const parsed = typeof cidr === "string" && cidr.length <= MAX_CIDR_LENGTH ? parseCidr(cidr) : undefined;
    if (!parsed) bag.error("cidr", [...path, i], { cidr });
    else if (parsed.hostBits) {
      const network = `${formatIp(parsed.range.family, parsed.range.lo)}/${parsed.prefix}`;
      bag.warn("cidr-host-bits", [...path, i], { cidr: cidr as string, network });
    }
  });
  return bag.errorCount === errors ? (list as readonly string[]) : undefined;
}

/** Checks a set of domain names (a domainNames peer): 1–25 distinct names the API's pattern accepts. */
export function checkDomainNames(
  value: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): readonly string[] | undefined {
  const list = checkSet(value, path, bag, "domainNames", "a list of domain names such as example.com or *.example.com");
  if (list === undefined) return undefined;
  const errors = bag.errorCount;
  list.forEach((name, i) => {
    if (typeof name !== "string" || !DOMAIN_NAME.test(name)) bag.error("cluster-domain-name", [...path, i], { name });
  });
  return bag.errorCount === errors ? (list as readonly string[]) : undefined;
}

/** A set-typed list of the API (networks, domainNames): a list of 1–25 items, none twice. */
function checkSet(
  value: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
  what: "networks" | "domainNames",
  expected: string,
): readonly unknown[] | undefined {
  const list = ownList(value);
  if (list === undefined) {
    bag.error("type", path, { found: value, expected });
    return undefined;
  }
  if (list.length === 0) {
    bag.error("empty-list", path, { expected });
    return undefined;
  }
  if (list.length > MAX_SET_ITEMS) bag.error("cluster-limit", path, { what, count: list.length, max: MAX_SET_ITEMS });
  const first = new Map<unknown, number>();
  list.forEach((item, i) => {
    const seen = first.get(item);
    // The API server compares the items of a set as written, and refuses the same one twice.
    if (seen !== undefined) bag.error("duplicate-item", [...path, i], { value: item, first: seen });
    else first.set(item, i);
  });
  return list;
}

/**
 * Reads a peer config (any implementation's `toClusterPeerConfig()`) into its checked form: exactly one field.
 * Pods must say their namespaces (see `checkPods`).
 */
export function readClusterPeerConfig(
  value: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): ClusterNetworkPolicyPeerConfig | undefined {
  const keys = ["pods", "networks", "nodes", "domainNames"] as const;
  const c = readRecord(value, keys, path, bag, "{ pods } or { networks } or { nodes } or { domainNames }");
  if (c === undefined) return undefined;
  const given = keys.filter((k) => c[k] !== undefined);
  if (given.length !== 1) {
    bag.error("cluster-peer-shape", path, { fields: given, direction: "egress" });
    return undefined;
  }
  const errors = bag.errorCount;
  let out: ClusterNetworkPolicyPeerConfig | undefined;
  if (c.pods !== undefined) {
    const pods = readPodSelectorConfig(c.pods, [...path, "pods"], bag);
    out = pods && checkPods(pods, path, bag) ? { pods } : undefined;
  } else if (c.networks !== undefined) {
    const networks = checkNetworks(c.networks, [...path, "networks"], bag);
    out = networks && { networks: Object.freeze([...networks]) };
  } else if (c.nodes !== undefined) out = { nodes: readLabelSelector(c.nodes, [...path, "nodes"], bag) };
  else {
    const domainNames = checkDomainNames(c.domainNames, [...path, "domainNames"], bag);
    out = domainNames && { domainNames: Object.freeze([...domainNames]) };
  }
  return out && bag.errorCount === errors ? Object.freeze(out) : undefined;
}

/** Pods of a cluster-wide policy say which namespaces they are in: the policy has no namespace of its own. */
export function checkPods(pods: PodSelectorConfig, path: DiagnosticPath, bag: DiagnosticBag): boolean {
  if (pods.namespaces !== undefined) return true;
  bag.error("cluster-namespaces", path, {});
  return false;
}

/**
 * Reads any peer a cluster-wide policy accepts: its own peers (Networks, Nodes, DomainNames or custom), pods and
 * namespaces (core's selectors, workloads), and IP blocks without exceptions (as networks). Ingress rules take pods
 * and namespaces only.
 */
export function readClusterPeer(
  value: unknown,
  direction: TrafficDirection,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): ClusterNetworkPolicyPeerConfig | undefined {
  let peer: ClusterNetworkPolicyPeerConfig | undefined;
  if (isClusterPeer(value)) peer = readClusterPeerConfig(value.toClusterPeerConfig(), path, bag);
  else if (isPodSelector(value)) {
    const pods = selectorOf(value, path, bag);
    peer = pods && checkPods(pods, path, bag) ? Object.freeze({ pods }) : undefined;
  } else if (isPeer(value)) {
    const cfg = peerOf(value, path, bag);
    if (cfg?.podSelector)
      peer = checkPods(cfg.podSelector, path, bag) ? Object.freeze({ pods: cfg.podSelector }) : undefined;
    else if (cfg?.ipBlock) {
      if (cfg.ipBlock.except !== undefined && cfg.ipBlock.except.length > 0)
        bag.error("cluster-peer-except", path, { cidr: cfg.ipBlock.cidr });
      else peer = Object.freeze({ networks: Object.freeze([cfg.ipBlock.cidr]) });
    }
  } else bag.error("cluster-peer", path, { found: value });
  if (peer === undefined || direction === "egress" || peer.pods !== undefined) return peer;
  const field = peer.networks ? "networks" : peer.nodes ? "nodes" : "domainNames";
  bag.error("cluster-peer-direction", path, { field });
  return undefined;
}

/** Options of `Nodes.select`. */
export interface NodesSelectOptions {
  /** Labels the nodes must carry. */
  readonly labels?: Labels;
  /** Expressions the nodes' labels must satisfy. */
  readonly expressions?: readonly LabelExpressionSpec[];
}

/**
 * Nodes selected by labels, as an egress peer: the addresses in the selected nodes' status, so also the
 * hostNetwork pods on them. In the experimental channel of the API only (a warning says so).
 */
export class Nodes implements IClusterNetworkPolicyPeer {
  /** Nodes whose labels match. */
  static select(options: NodesSelectOptions): Nodes {
    const bag = new DiagnosticBag();
    const selector = readLabelSelector(options, ["Nodes.select"], bag);
    bag.throwIfErrors();
    return new Nodes(selector);
  }

  /** Every node. */
  static all(): Nodes {
    return new Nodes(Object.freeze({}));
  }

  readonly #config: ClusterNetworkPolicyPeerConfig;

  private constructor(selector: LabelSelectorSpec) {
    this.#config = Object.freeze({ nodes: selector });
    Object.freeze(this);
  }

  /** The peer: these nodes. */
  toClusterPeerConfig(): ClusterNetworkPolicyPeerConfig {
    return this.#config;
  }
}

/**
 * Addresses by CIDR (IPv4, IPv6 or both), as an egress peer. They match every destination in range, pods of the
 * cluster included: a rule on `0.0.0.0/0` also matches pod-to-pod traffic.
 */
export class Networks implements IClusterNetworkPolicyPeer {
  /** These CIDRs (1 to 25, each once), e.g. `Networks.of("10.0.0.0/8", "fd00::/8")`. */
  static of(...cidrs: readonly string[]): Networks {
    const bag = new DiagnosticBag();
    const read = checkNetworks(cidrs, ["Networks.of"], bag);
    bag.throwIfErrors();
    return new Networks(read as readonly string[], bag.warnings);
  }

  /** Every IPv4 address (`0.0.0.0/0`), pods' included. */
  static anyIpv4(): Networks {
    return new Networks(["0.0.0.0/0"], []);
  }

  /** Every IPv6 address (`::/0`), pods' included. */
  static anyIpv6(): Networks {
    return new Networks(["::/0"], []);
  }

  /** Every address of both families (`0.0.0.0/0` and `::/0`), pods' included. */
  static any(): Networks {
    return new Networks(["0.0.0.0/0", "::/0"], []);
  }

  /** The CIDRs, as written. */
  readonly cidrs: readonly string[];
  readonly #config: ClusterNetworkPolicyPeerConfig;
  readonly #warnings: readonly Diagnostic[];

  private constructor(cidrs: readonly string[], warnings: readonly Diagnostic[]) {
    this.cidrs = Object.freeze([...cidrs]);
    this.#config = Object.freeze({ networks: this.cidrs });
    this.#warnings = Object.freeze([...warnings]);
    Object.freeze(this);
  }

  /** Warnings found while checking (host bits set). */
  get warnings(): readonly Diagnostic[] {
    return this.#warnings;
  }

  /** The peer: these addresses. */
  toClusterPeerConfig(): ClusterNetworkPolicyPeerConfig {
    return this.#config;
  }
}

/**
 * Domain names as an egress peer: `example.com` exactly, or `*.example.com` for every name below it (not itself).
 * In the experimental channel of the API only; which addresses a name stands for is each implementation's DNS
 * handling, documented for Accept rules only (warnings say so).
 */
export class DomainNames implements IClusterNetworkPolicyPeer {
  /** These names (1 to 25, each once). */
  static of(...names: readonly string[]): DomainNames {
    const bag = new DiagnosticBag();
    const read = checkDomainNames(names, ["DomainNames.of"], bag);
    bag.throwIfErrors();
    return new DomainNames(read as readonly string[]);
  }

  /** The names, as written. */
  readonly names: readonly string[];
  readonly #config: ClusterNetworkPolicyPeerConfig;

  private constructor(names: readonly string[]) {
    this.names = Object.freeze([...names]);
    this.#config = Object.freeze({ domainNames: this.names });
    Object.freeze(this);
  }

  /** The peer: these domain names. */
  toClusterPeerConfig(): ClusterNetworkPolicyPeerConfig {
    return this.#config;
  }
}

/** The field a checked peer config is written as: `namespaces` for every pod of some namespaces. */
export function fieldOf(peer: ClusterNetworkPolicyPeerConfig): PeerField {
  if (peer.pods) {
    const labels = peer.pods.labelSelector;
    const every =
      (labels.labels === undefined || Object.keys(labels.labels).length === 0) && !labels.expressions?.length;
    return every ? "namespaces" : "pods";
  }
  return peer.networks ? "networks" : peer.nodes ? "nodes" : "domainNames";
}
