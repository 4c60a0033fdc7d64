// Peers: the other end of a rule. Built-in peers and custom ones share one interface.
import { checkOnce, ownSelection } from "./checked.js";
import type { DiagnosticBag } from "./errors.js";
import { checkIpBlock } from "./ip-blocks.js";
import { checkNamespaceName, NAMESPACE_NAME_LABEL, slug } from "./labels.js";
import { isRecord } from "./options.js";
import { renderSelector } from "./render/selector.js";
import type { NetworkPolicyPeerManifest } from "./render/types.js";
import {
  checkSelectorSpec,
  type IPodSelector,
  isEmptySelector,
  type LabelSelectorSpec,
  type PodSelectorConfig,
} from "./selectors.js";

/** A peer as plain data: exactly one of an IP block or a pod selector. */
export interface NetworkPolicyPeerConfig {
  /** A range of addresses. */
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] | undefined } | undefined;
  /** Pods, possibly in other namespaces. */
  readonly podSelector?: PodSelectorConfig | undefined;
}

/** Implement this to supply your own peer; every built-in peer implements it too. */
export interface INetworkPolicyPeer {
  /** The peer as plain data. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig;
  /** The pods this peer stands for, or undefined when it is not pods (an IP block). */
  toPodSelector?(): IPodSelector | undefined;
}

/** True when `value` looks like a peer. */
export function isPeer(value: unknown): value is INetworkPolicyPeer {
  return (
    isRecord(value) &&
    typeof (value as { toNetworkPolicyPeerConfig?: unknown }).toNetworkPolicyPeerConfig === "function"
  );
}

/** True when `value` looks like a pod selector. */
export function isPodSelector(value: unknown): value is IPodSelector {
  return isRecord(value) && typeof (value as { toPodSelectorConfig?: unknown }).toPodSelectorConfig === "function";
}

/** Reads and checks a peer's config: exactly one of ipBlock or podSelector, each valid. */
export function peerConfig(peer: unknown, path: string, bag: DiagnosticBag): NetworkPolicyPeerConfig | undefined {
  if (!isPeer(peer)) {
    bag.error({
      code: "peer",
      path,
      message: "not a peer",
      expected: "Pods, Namespaces, a Workload, a NetworkPolicyIpBlock or an INetworkPolicyPeer",
    });
    return undefined;
  }
  // A core selector that keeps its selection (a workload) was checked when it was made.
  const own = ownSelection(peer);
  if (own) return own.toNetworkPolicyPeerConfig();
  const cfg = peer.toNetworkPolicyPeerConfig();
  checkOnce(cfg, path, bag, checkPeerConfig);
  return wellFormed(cfg) ? cfg : undefined;
}

const has = (v: unknown) => v !== undefined && v !== null;

/** True when a peer's config has exactly one of ipBlock or podSelector. */
function wellFormed(cfg: NetworkPolicyPeerConfig | undefined): boolean {
  return has(cfg?.ipBlock) !== has(cfg?.podSelector);
}

/** Reports problems of a peer's config: exactly one of ipBlock or podSelector, each valid. */
function checkPeerConfig(cfg: NetworkPolicyPeerConfig | undefined, path: string, bag: DiagnosticBag): void {
  if (!wellFormed(cfg)) {
    bag.error({
      code: "peer",
      path,
      message: has(cfg?.ipBlock)
        ? "a peer cannot have both an IP block and a pod selector"
        : "a peer needs an IP block or a pod selector",
      expected: "exactly one of ipBlock or podSelector",
    });
    return;
  }
  if (cfg?.ipBlock) checkIpBlock(cfg.ipBlock.cidr, cfg.ipBlock.except, `${path}.ipBlock`, bag);
  if (cfg?.podSelector) checkPodSelectorConfig(cfg.podSelector, `${path}.podSelector`, bag);
}

/** Checks a pod selector config, including the namespaces part. */
export function checkPodSelectorConfig(cfg: PodSelectorConfig, path: string, bag: DiagnosticBag): void {
  checkOnce(cfg, path, bag, checkPodSelectorConfigNow);
}

function checkPodSelectorConfigNow(cfg: PodSelectorConfig, path: string, bag: DiagnosticBag): void {
  checkSelectorSpec(cfg.labelSelector ?? {}, path, bag);
  const ns = cfg.namespaces;
  if (!ns) return;
  if (ns.labelSelector) checkSelectorSpec(ns.labelSelector, `${path}.namespaces`, bag);
  ns.names?.forEach((n, i) => checkNamespaceName(n, `${path}.namespaces.names[${i}]`, bag));
}

/** The peer entries (`from`/`to` items) of one peer; a peer selecting several named namespaces yields one per name. */
export function renderPeer(cfg: NetworkPolicyPeerConfig): NetworkPolicyPeerManifest[] {
  if (cfg.ipBlock) {
    const except = cfg.ipBlock.except?.length ? [...new Set(cfg.ipBlock.except)].sort() : undefined;
    return [{ ipBlock: { cidr: cfg.ipBlock.cidr, ...(except ? { except } : {}) } }];
  }
  const sel = cfg.podSelector as PodSelectorConfig;
  const ns = sel.namespaces;
  if (!ns) return [{ podSelector: renderSelector(sel.labelSelector) }];
  const nsSel = ns.labelSelector ?? {};
  const given = ns.names;
  if (given === undefined || given.length === 0)
    return [{ namespaceSelector: renderSelector(nsSel), podSelector: renderSelector(sel.labelSelector) }];
  // One name (a workload's namespace) needs no de-duplication nor sorting.
  const names = given.length === 1 ? given : [...new Set(given)].sort();
  // Selected by name only (the common case): the rendered selector is just the name label.
  const byNameOnly = isEmptySelector(nsSel);
  const out: NetworkPolicyPeerManifest[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    out.push({
      namespaceSelector: byNameOnly
        ? { matchLabels: { [NAMESPACE_NAME_LABEL]: name } }
        : renderSelector({ ...nsSel, labels: { ...nsSel.labels, [NAMESPACE_NAME_LABEL]: name } }),
      // Rendered for each entry: a shared object would print as a YAML anchor and alias.
      podSelector: renderSelector(sel.labelSelector),
    });
  }
  return out;
}

/** Where a selector places its policy: one namespace, none in particular, or an error saying why not. */
export type Placement =
  | { readonly namespace: string | undefined }
  | { readonly problem: string; readonly hint: string };

/** The namespace a policy selecting `cfg` must live in. */
export function placement(cfg: PodSelectorConfig): Placement {
  const ns = cfg.namespaces;
  if (!ns) return { namespace: undefined };
  const given = ns.names ?? [];
  const names = given.length > 1 ? [...new Set(given)] : given;
  if (names.length > 1)
    return {
      problem: `the selector selects pods in several namespaces (${names.join(", ")})`,
      hint: "A NetworkPolicy applies to pods of its own namespace only: create one policy per namespace",
    };
  if (names.length === 1 && isEmptySelector(ns.labelSelector)) return { namespace: names[0] };
  if (names.length === 0 && isEmptySelector(ns.labelSelector))
    return {
      problem: "the selector selects pods in every namespace",
      hint: "A NetworkPolicy applies to pods of its own namespace only: name one namespace",
    };
  return {
    problem: "the selector selects namespaces by labels, so its namespace is unknown",
    hint: "Select the namespace by name (Namespaces.select({ names: [...] })) or set the policy's namespace",
  };
}

/** A short readable name for a peer or selector, for generated policy names. */
export function describe(target: unknown): string {
  // A named value (a workload) is its name; a frozen selector (core's) cannot change: work it out once.
  if (isRecord(target) && typeof target.name === "string" && typeof target.kind === "string") return slug(target.name);
  if (typeof target !== "object" || target === null || !Object.isFrozen(target)) return describeNow(target);
  let name = described.get(target);
  if (name === undefined) {
    name = describeNow(target);
    described.set(target, name);
  }
  return name;
}

const described = new WeakMap<object, string>();

/** describe() of anything but a named value. */
function describeNow(target: unknown): string {
  const cfg = isPeer(target)
    ? target.toNetworkPolicyPeerConfig()
    : isPodSelector(target)
      ? { podSelector: target.toPodSelectorConfig() }
      : undefined;
  if (cfg?.ipBlock) return slug(cfg.ipBlock.cidr.replace("/", "-"));
  const sel = cfg?.podSelector;
  if (!sel) return "peer";
  const ns = sel.namespaces;
  // Every pod of some namespaces: named after the namespaces.
  if (ns && isEmptySelector(sel.labelSelector)) {
    if (ns.names && ns.names.length > 0) return slug(ns.names.join("-"));
    return describeSelector(ns.labelSelector ?? {}, "namespaces");
  }
  return describeSelector(sel.labelSelector, "pods");
}

/** A selector's label values in key order, else `selected-<what>` (expressions only) or `all-<what>` (empty). */
function describeSelector(selector: LabelSelectorSpec, what: "pods" | "namespaces"): string {
  const labels = Object.entries(selector.labels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, v]) => v);
  if (labels.length > 0) return slug(labels.join("-"));
  return isEmptySelector(selector) ? `all-${what}` : `selected-${what}`;
}
