// Pods and Namespaces as constructs (the cdk8s-plus signatures), each standing for a core selector.
import {
  Namespaces as CoreNamespaces,
  Pods as CorePods,
  type INamespaceSelector,
  type INetworkPolicyPeer,
  type IPodSelector,
  type LabelExpressionSpec,
  type NamespaceSelectorConfig,
  type NetworkPolicyPeerConfig,
  type PodSelectorConfig,
} from "@netpol/core";
import { Construct } from "constructs";
import { CORE, compact, type NamespaceSelectorLike, toNamespaceSelector } from "./translate.js";

/** Options of `Pods.select`. */
export interface PodsSelectOptions {
  /** Labels the pods must carry. */
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** Expressions the pods' labels must satisfy. */
  readonly expressions?: readonly LabelExpressionSpec[] | undefined;
  /** Namespaces to look in (ours, core's or cdk8s-plus'); default the policy's namespace. */
  readonly namespaces?: NamespaceSelectorLike | undefined;
}

/** Options of `Pods.all`. */
export interface PodsAllOptions {
  /** Namespaces to look in (ours, core's or cdk8s-plus'); default the policy's namespace. */
  readonly namespaces?: NamespaceSelectorLike | undefined;
}

/** Options of `Namespaces.select`. */
export interface NamespacesSelectOptions {
  /** Namespace names. */
  readonly names?: readonly string[] | undefined;
  /** Labels the namespaces must carry. */
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** Expressions the namespaces' labels must satisfy. */
  readonly expressions?: readonly LabelExpressionSpec[] | undefined;
}

function coreOptions<T extends { namespaces?: NamespaceSelectorLike | undefined }>(
  options: T,
): { [K in keyof T]: K extends "namespaces" ? INamespaceSelector : Exclude<T[K], undefined> } {
  const plain = compact(options) as Record<string, unknown>;
  if (typeof plain !== "object" || plain === null || plain.namespaces === undefined) return plain as never;
  return { ...plain, namespaces: toNamespaceSelector(plain.namespaces) } as never;
}

/** A construct standing for a core selector of pods: a policy selector and a peer. */
abstract class SelectorConstruct<T extends CorePods | CoreNamespaces>
  extends Construct
  implements IPodSelector, INetworkPolicyPeer
{
  /** The core selector this construct stands for. */
  readonly [CORE]: T;

  protected constructor(scope: Construct, id: string, core: T) {
    super(scope, id);
    this[CORE] = core;
  }

  /** The selected pods as plain data. */
  toPodSelectorConfig(): PodSelectorConfig {
    return this[CORE].toPodSelectorConfig();
  }

  /** The peer these pods form. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig {
    return this[CORE].toNetworkPolicyPeerConfig();
  }

  /** A selector of pods is its own pod selector. */
  toPodSelector(): IPodSelector {
    return this;
  }
}

/** Pods selected by labels (optionally in other namespaces), as a construct: a policy selector and a peer. */
export class Pods extends SelectorConstruct<CorePods> {
  /** Pods whose labels match, optionally in the given namespaces. */
  static select(scope: Construct, id: string, options: PodsSelectOptions): Pods {
    return new Pods(scope, id, CorePods.select(coreOptions(options)));
  }

  /** Every pod, optionally in the given namespaces. */
  static all(scope: Construct, id: string, options: PodsAllOptions = {}): Pods {
    return new Pods(scope, id, CorePods.all(coreOptions(options)));
  }
}

/** Namespaces selected by name or labels, as a construct; as a peer, every pod in them. */
export class Namespaces extends SelectorConstruct<CoreNamespaces> implements INamespaceSelector {
  /** Namespaces matching names and/or labels. */
  static select(scope: Construct, id: string, options: NamespacesSelectOptions): Namespaces {
    return new Namespaces(scope, id, CoreNamespaces.select(compact(options)));
  }

  /** Every namespace. */
  static all(scope: Construct, id: string): Namespaces {
    return new Namespaces(scope, id, CoreNamespaces.all());
  }

  /** The selected namespaces as plain data. */
  toNamespaceSelectorConfig(): NamespaceSelectorConfig {
    return this[CORE].toNamespaceSelectorConfig();
  }
}
