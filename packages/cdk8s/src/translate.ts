// Translation of cdk8s and cdk8s-plus objects into @netpol/core values, recognized by their public shape only.
import {
  type ContainerPort,
  type INamespaceSelector,
  type INetworkPolicyPeer,
  type IPodSelector,
  type LabelExpressionSpec,
  type LabelSelectorSpec,
  type NamespaceSelectorConfig,
  Namespaces,
  NetworkPolicyIpBlock,
  Pods,
  type Protocol,
  Workload,
} from "@netpol/core";
import { ApiObject } from "cdk8s";

/** Anything that selects pods: core selectors, this package's constructs, cdk8s-plus pods, workloads and `Pods`. */
export interface PodSelectorLike {
  /** The selected pods, as core or cdk8s-plus data. */
  toPodSelectorConfig(): unknown;
}

/** Anything usable as a peer: core peers, this package's constructs, every cdk8s-plus peer. */
export interface PeerLike {
  /** The peer, as core or cdk8s-plus data. */
  toNetworkPolicyPeerConfig(): unknown;
}

/** Anything that selects namespaces: core or this package's `Namespaces`, cdk8s-plus `Namespace(s)`. */
export interface NamespaceSelectorLike {
  /** The selected namespaces, as core or cdk8s-plus data. */
  toNamespaceSelectorConfig(): unknown;
}

/** A pod selector input: a selector, or a workload `ApiObject` (e.g. a `KubeDeployment` from imports). */
export type PodSelectorInput = PodSelectorLike | ApiObject;

/** A peer input: a peer, or a workload `ApiObject` (e.g. a `KubeDeployment` from imports). */
export type PeerInput = PeerLike | ApiObject;

/** Key under which this package's constructs expose the core value they stand for. */
export const CORE = Symbol.for("@netpol/cdk8s.core");

type Rec = Record<string, unknown>;

/** The object without its undefined-valued keys (core's option types are exact about optional keys). */
export function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  if (typeof value !== "object" || value === null) return value as never;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);
const fn = (v: unknown, name: string): boolean => isRec(v) && typeof v[name] === "function";

/** A selector's labels and expressions as plain core data (cdk8s-plus `LabelSelector` instances included). */
function plainSelector(sel: unknown): LabelSelectorSpec {
  if (!isRec(sel)) return {};
  const labels = isRec(sel.labels) && Object.keys(sel.labels).length > 0 ? (sel.labels as Rec) : undefined;
  const expressions = Array.isArray(sel.expressions) && sel.expressions.length > 0 ? sel.expressions : undefined;
  return {
    ...(labels ? { labels: labels as Record<string, string> } : {}),
    ...(expressions
      ? {
          expressions: expressions.map((e: Rec) => ({
            key: e?.key,
            operator: e?.operator,
            ...(e?.values !== undefined ? { values: e.values } : {}),
          })) as LabelExpressionSpec[],
        }
      : {}),
  };
}

/** The labels of a selector (core or cdk8s-plus `LabelSelector`), or none. */
function labelsOf(sel: unknown): Record<string, string> {
  return isRec(sel) && isRec(sel.labels) ? (sel.labels as Record<string, string>) : {};
}

/** A namespace selector config as plain core data. */
function plainNamespaces(cfg: unknown): NamespaceSelectorConfig {
  if (!isRec(cfg)) return { labelSelector: {} };
  return {
    labelSelector: plainSelector(cfg.labelSelector),
    ...(Array.isArray(cfg.names) ? { names: cfg.names as string[] } : {}),
  };
}

/** Core `Pods` from a pod selector config (core or cdk8s-plus shaped). */
function podsFromConfig(cfg: unknown): IPodSelector | undefined {
  if (!isRec(cfg)) return undefined;
  const ns = cfg.namespaces;
  return Pods.select({
    ...plainSelector(cfg.labelSelector),
    ...(isRec(ns) ? { namespaces: { toNamespaceSelectorConfig: () => plainNamespaces(ns) } } : {}),
  });
}

/** The containers of a cdk8s-plus Pod or workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), if it is one. */
function plusContainers(v: unknown): Rec[] | undefined {
  if (!isRec(v) || !fn(v, "toPodSelectorConfig") || !isRec(v.metadata)) return undefined;
  const containers = v.containers;
  return Array.isArray(containers) ? (containers as Rec[]) : undefined;
}

/** Translations of cdk8s-plus workloads, reused while their container ports stay the same. */
const translated = new WeakMap<object, { ports: unknown[]; workload: Workload }>();

/** True when the containers' ports still are `seen` (number, protocol and name of each port, in order). */
function samePorts(containers: readonly Rec[], seen: readonly unknown[]): boolean {
  // Index loops: this runs twice per connection, mostly before the JIT optimizes it (for-of runs an iterator).
  let i = 0;
  for (let c = 0; c < containers.length; c++) {
    const ports = (containers[c] as Rec).ports;
    if (!Array.isArray(ports)) continue;
    for (let j = 0; j < ports.length; j++) {
      const p = ports[j] as Rec;
      if (seen[i] !== p.number || seen[i + 1] !== p.protocol || seen[i + 2] !== p.name) return false;
      i += 3;
    }
  }
  return i === seen.length;
}

/** The core workload a cdk8s-plus pod or workload stands for: selected as cdk8s-plus selects it, real protocols. */
function workloadFromPlus(v: Rec, containers: readonly Rec[]): Workload {
  // Called when `v` is new or its container ports changed (see `known`): name, namespace and selector label of a
  // cdk8s-plus object never change, its container ports may.
  const seen: unknown[] = [];
  const ports: ContainerPort[] = [];
  for (let c = 0; c < containers.length; c++) {
    const list = (containers[c] as Rec).ports; // a getter that copies: read once
    if (!Array.isArray(list)) continue;
    for (let j = 0; j < list.length; j++) {
      const p = list[j] as Rec;
      seen.push(p.number, p.protocol, p.name);
      // Only the fields that are set (core's types are exact about optional keys); no spreads.
      const port: { -readonly [K in keyof ContainerPort]: ContainerPort[K] } = { number: p.number as number };
      if (p.name !== undefined) port.name = p.name as string;
      if (p.protocol !== undefined) port.protocol = p.protocol as Protocol;
      ports.push(port);
    }
  }
  const cfg = (v as { toPodSelectorConfig(): Rec }).toPodSelectorConfig();
  const names = isRec(cfg.namespaces) && Array.isArray(cfg.namespaces.names) ? cfg.namespaces.names : [];
  const workload = Workload.of({
    kind: String(v.kind),
    name: String(v.name),
    namespace: names[0] as string | undefined,
    labels: labelsOf(cfg.labelSelector),
    ports,
  });
  translated.set(v, { ports: seen, workload });
  return workload;
}

/** The core workload an `ApiObject` of a workload kind stands for (core reads its synthesized manifest). */
function workloadFromApiObject(obj: ApiObject): Workload | undefined {
  return Workload.fromManifest(obj.toJson());
}

/** A workload or bare core value recognized without translation; undefined otherwise. */
function known(v: unknown): unknown {
  if (isRec(v)) {
    // A cdk8s-plus object translated before (the common case: each workload is used again and again).
    const hit = translated.get(v);
    if (hit) {
      const containers = v.containers;
      if (Array.isArray(containers) && samePorts(containers as Rec[], hit.ports)) return hit.workload;
    } else if (CORE in v) return v[CORE];
  }
  if (v instanceof Workload || v instanceof Pods || v instanceof Namespaces || v instanceof NetworkPolicyIpBlock)
    return v;
  const containers = plusContainers(v);
  if (containers) return workloadFromPlus(v as Rec, containers);
  if (ApiObject.isApiObject(v)) return workloadFromApiObject(v) ?? v;
  return undefined;
}

/** A core pod selector for any accepted input; unrecognized values go to core as they are, to be reported. */
export function toSelector(value: unknown): IPodSelector {
  const k = known(value);
  if (k !== undefined) return k as IPodSelector;
  if (fn(value, "toPodSelectorConfig"))
    return podsFromConfig((value as PodSelectorLike).toPodSelectorConfig()) ?? (value as IPodSelector);
  return value as IPodSelector;
}

/** A core peer for any accepted input; unrecognized values go to core as they are, to be reported. */
export function toPeer(value: unknown): INetworkPolicyPeer {
  const k = known(value);
  if (k !== undefined) return k as INetworkPolicyPeer;
  if (!fn(value, "toNetworkPolicyPeerConfig")) return value as INetworkPolicyPeer;
  const cfg = (value as PeerLike).toNetworkPolicyPeerConfig();
  if (!isRec(cfg) || (cfg.ipBlock !== undefined) === (cfg.podSelector !== undefined))
    return value as INetworkPolicyPeer;
  if (isRec(cfg.ipBlock)) {
    const except = cfg.ipBlock.except as string[] | undefined;
    return NetworkPolicyIpBlock.of(cfg.ipBlock.cidr as string, except);
  }
  return (podsFromConfig(cfg.podSelector) ?? value) as INetworkPolicyPeer;
}

/** A core namespace selector for any accepted input. */
export function toNamespaceSelector(value: unknown): INamespaceSelector {
  const k = known(value);
  if (k !== undefined) return k as INamespaceSelector;
  if (!fn(value, "toNamespaceSelectorConfig")) return value as INamespaceSelector;
  const cfg = plainNamespaces((value as NamespaceSelectorLike).toNamespaceSelectorConfig());
  return { toNamespaceSelectorConfig: () => cfg };
}
