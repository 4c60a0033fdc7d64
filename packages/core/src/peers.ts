// Peers: the other end of a rule. Built-in peers and custom ones share one interface, and are read the same way.
import type {
  INetworkPolicyPeer,
  IPodSelector,
  LabelSelectorSpec,
  NetworkPolicyPeerConfig,
  PodSelectorConfig,
} from "./data.js";
import type { DiagnosticBag, DiagnosticPath } from "./errors.js";
import { isRecord, readRecord } from "./input.js";
import { checkIpBlock } from "./ip-blocks.js";
import { slug } from "./labels.js";
import { isEmptySelector, readPodSelectorConfig, type SelectorReads } from "./selectors.js";
import { compareStrings } from "./text.js";

export type { INetworkPolicyPeer, NetworkPolicyPeerConfig } from "./data.js";

/** True when `value` looks like a peer. */
export function isPeer(value: unknown): value is INetworkPolicyPeer {
  return isRecord(value) && typeof value.toNetworkPolicyPeerConfig === "function";
}

/** True when `value` looks like a pod selector. */
export function isPodSelector(value: unknown): value is IPodSelector {
  return isRecord(value) && typeof value.toPodSelectorConfig === "function";
}

/** Reads a peer config (any implementation's) into its canonical, checked form: exactly one of ipBlock or pods. */
export function readPeerConfig(
  value: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
  reads?: SelectorReads,
): NetworkPolicyPeerConfig | undefined {
  const peer = readRecord(value, ["ipBlock", "podSelector"], path, bag, "{ ipBlock } or { podSelector }");
  if (peer === undefined) return undefined;
  if ((peer.ipBlock === undefined) === (peer.podSelector === undefined)) {
    bag.error("peer-shape", path, { both: peer.ipBlock !== undefined });
    return undefined;
  }
  if (peer.podSelector !== undefined) {
    const pods = readPodSelectorConfig(peer.podSelector, [...path, "podSelector"], bag, reads);
    return pods && Object.freeze({ podSelector: pods });
  }
  const where = [...path, "ipBlock"];
  const block = readRecord(peer.ipBlock, ["cidr", "except"], where, bag, "{ cidr, except? }");
  if (block === undefined) return undefined;
  const errors = bag.errorCount;
  checkIpBlock(block.cidr, block.except, where, bag);
  if (bag.errorCount > errors) return undefined;
  const except = block.except as readonly string[] | undefined;
  return Object.freeze({
    ipBlock: Object.freeze({
      cidr: block.cidr as string,
      ...(except && except.length > 0 ? { except: Object.freeze([...except]) } : {}),
    }),
  });
}

/** The checked config of a peer: what its `toNetworkPolicyPeerConfig()` says, read once. */
export function peerOf(
  peer: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
  reads?: SelectorReads,
): NetworkPolicyPeerConfig | undefined {
  if (!isPeer(peer)) {
    bag.error("not-a-peer", path, { found: peer });
    return undefined;
  }
  return readPeerConfig(peer.toNetworkPolicyPeerConfig(), path, bag, reads);
}

/** The checked config of a pod selector: what its `toPodSelectorConfig()` says, read once. */
export function selectorOf(
  selector: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
  reads?: SelectorReads,
): PodSelectorConfig | undefined {
  if (!isPodSelector(selector)) {
    bag.error("not-a-selector", path, { found: selector });
    return undefined;
  }
  return readPodSelectorConfig(selector.toPodSelectorConfig(), path, bag, reads);
}

/** Where a selector places its policy: one namespace, none in particular, or why it cannot be placed. */
export type Placement =
  | { readonly namespace: string | undefined }
  | { readonly problem: "several" | "all" | "labels"; readonly namespaces?: readonly string[] };

/** The namespace a policy selecting `cfg` must live in. */
export function placement(cfg: PodSelectorConfig): Placement {
  const ns = cfg.namespaces;
  if (!ns) return { namespace: undefined };
  const names = ns.names ?? [];
  if (names.length > 1) return { problem: "several", namespaces: names };
  if (!isEmptySelector(ns.labelSelector)) return { problem: "labels" };
  return names.length === 1 ? { namespace: names[0] } : { problem: "all" };
}

/** A short readable name for a peer or selector, for generated policy names. */
export function describe(target: unknown): string {
  // A named value (a workload) is its name.
  if (isRecord(target) && typeof target.name === "string" && typeof target.kind === "string") return slug(target.name);
  const cfg = isPeer(target)
    ? target.toNetworkPolicyPeerConfig()
    : isPodSelector(target)
      ? { podSelector: target.toPodSelectorConfig() }
      : undefined;
  if (!isRecord(cfg)) return "peer";
  const ip = cfg.ipBlock;
  if (isRecord(ip) && typeof ip.cidr === "string") return slug(ip.cidr.replace("/", "-"));
  const sel = cfg.podSelector;
  if (!isRecord(sel)) return "peer";
  const ns = isRecord(sel.namespaces) ? sel.namespaces : undefined;
  const pods = (isRecord(sel.labelSelector) ? sel.labelSelector : {}) as LabelSelectorSpec;
  // Every pod of some namespaces: named after the namespaces.
  if (ns && isEmptySelector(pods)) {
    if (Array.isArray(ns.names) && ns.names.length > 0) return slug(ns.names.join("-"));
    return describeSelector((isRecord(ns.labelSelector) ? ns.labelSelector : {}) as LabelSelectorSpec, "namespaces");
  }
  return describeSelector(pods, "pods");
}

/** A selector's label values in key order, else `selected-<what>` (expressions only) or `all-<what>` (empty). */
function describeSelector(selector: LabelSelectorSpec, what: "pods" | "namespaces"): string {
  const labels = isRecord(selector.labels) ? selector.labels : {};
  const values = Object.keys(labels)
    .sort(compareStrings)
    .map((k) => String(labels[k]));
  if (values.length > 0) return slug(values.join("-"));
  return isEmptySelector(selector) ? `all-${what}` : `selected-${what}`;
}
