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
import { workloadFromManifest } from "@netpol/core/manifests";
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

/** The core workload a cdk8s-plus pod or workload stands for: selected as cdk8s-plus selects it, real protocols. */
function workloadFromPlus(v: Rec, containers: readonly Rec[]): Workload {
  // Read at every use: a container's ports may have been added since.
  const ports: ContainerPort[] = containers.flatMap((c) =>
    (Array.isArray(c.ports) ? (c.ports as Rec[]) : []).map((p) => ({
      number: p.number as number,
      ...(p.name !== undefined ? { name: p.name as string } : {}),
      ...(p.protocol !== undefined ? { protocol: p.protocol as Protocol } : {}),
    })),
  );
  const cfg = (v as { toPodSelectorConfig(): Rec }).toPodSelectorConfig();
  const namespace = isRec(v.metadata) ? v.metadata.namespace : undefined;
  const props = {
    kind: String(v.kind),
    name: String(v.name),
    ...(typeof namespace === "string" ? { namespace } : {}),
    labels: labelsOf(cfg.labelSelector),
    ports,
  };
  // The same props make the same workload: a connection per call would otherwise check each end again.
  const key = JSON.stringify(props);
  const made = fromPlus.get(v);
  if (made?.key === key) return made.workload;
  const workload = Workload.of(props);
  fromPlus.set(v, { key, workload });
  return workload;
}

/** The workload last made from each cdk8s-plus object, with the props (as JSON) it was made from. */
const fromPlus = new WeakMap<object, { readonly key: string; readonly workload: Workload }>();

/** A workload or bare core value recognized without translation; undefined otherwise. */
function known(v: unknown): unknown {
  if (isRec(v) && CORE in v) return v[CORE];
  if (v instanceof Workload || v instanceof Pods || v instanceof Namespaces || v instanceof NetworkPolicyIpBlock)
    return v;
  const containers = plusContainers(v);
  if (containers) return workloadFromPlus(v as Rec, containers);
  if (ApiObject.isApiObject(v)) return workloadFromManifest(v.toJson()) ?? v;
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
