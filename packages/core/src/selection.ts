// The pods one selector config selects, as connections use them: checked, placed in a namespace, keyed, usable as
// a rule's peer and as a policy's selector. Worked out once per checked config, however many connections use it.
import { isChecked, ownSelection } from "./checked.js";
import type { DiagnosticBag } from "./errors.js";
import { checkPodSelectorConfig, type NetworkPolicyPeerConfig, type Placement, placement } from "./peers.js";
import { renderSelector } from "./render/selector.js";
import type { IPodSelector, LabelSelectorSpec, PodSelectorConfig } from "./selectors.js";

/** The pods a checked selector config selects (see `Selection.of`). */
export class Selection implements IPodSelector {
  /** The selection of `config`, reporting its problems to `bag` under `path`; the same object for a checked config. */
  static of(config: PodSelectorConfig, path: string, bag: DiagnosticBag): Selection {
    const hit = known.get(config);
    if (hit) return hit;
    checkPodSelectorConfig(config, path, bag);
    const selection = new Selection(config);
    if (isChecked(config)) known.set(config, selection);
    return selection;
  }

  /** The selection of a pod selector: the one it keeps (a workload keeps its own), else that of its config. */
  static from(selector: IPodSelector, path: string, bag: DiagnosticBag): Selection {
    return ownSelection(selector) ?? Selection.of(selector.toPodSelectorConfig(), path, bag);
  }

  /**
   * The selection of a peer config known to pass the checks and of where it places its policy, for its owner to
   * keep (no lookup, no check): a workload's pods, in its namespace.
   */
  static ofChecked(
    peer: NetworkPolicyPeerConfig & { readonly podSelector: PodSelectorConfig },
    place: Placement,
  ): Selection {
    return new Selection(peer.podSelector, peer, place);
  }

  /** Where a policy selecting these pods lives (or why it cannot be placed). */
  readonly placement: Placement;
  private readonly peer: NetworkPolicyPeerConfig;
  private key: { readonly namespace: string | undefined; readonly key: string } | undefined;
  private withoutNamespaces: Selection | undefined;

  private constructor(
    readonly config: PodSelectorConfig,
    peer: NetworkPolicyPeerConfig = Object.freeze({ podSelector: config }),
    place: Placement = placement(config),
  ) {
    this.placement = place;
    this.peer = peer;
  }

  /** The selectionKey of a policy selecting these pods in `namespace`. */
  keyIn(namespace: string | undefined): string {
    const last = this.key;
    if (last && last.namespace === namespace) return last.key;
    const key = selectionKeyOf(namespace, this.config.labelSelector);
    this.key = { namespace, key };
    return key;
  }

  /** The same pods without the namespaces part: a policy's selector, the policy's namespace saying where. */
  get labelsOnly(): Selection {
    if (!this.withoutNamespaces) {
      const config: PodSelectorConfig = Object.freeze({ labelSelector: this.config.labelSelector });
      this.withoutNamespaces = this.config.namespaces === undefined ? this : new Selection(config);
    }
    return this.withoutNamespaces;
  }

  /** The selected pods as plain data. */
  toPodSelectorConfig(): PodSelectorConfig {
    return this.config;
  }

  /** These pods as a rule's peer. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig {
    return this.peer;
  }

  /** The pods of the peer: these. */
  toPodSelector(): IPodSelector {
    return this;
  }
}

const known = new WeakMap<PodSelectorConfig, Selection>();

/** The selectionKey of a policy in `namespace` selecting `labelSelector` (one definition, see NetworkPolicy). */
export function selectionKeyOf(namespace: string | undefined, labelSelector: LabelSelectorSpec): string {
  // The namespace, a line break (in no namespace), then the canonical selector (renderSelector sorts labels and
  // expressions) as JSON.
  return `${namespace ?? ""}\n${JSON.stringify(renderSelector(labelSelector))}`;
}
