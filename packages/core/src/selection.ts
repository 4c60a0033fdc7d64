// The pods one selector config selects, as connections use them: checked, placed in a namespace, keyed, usable as
// a rule's peer and as a policy's selector. Worked out once per checked config, however many connections use it.
import { isChecked } from "./checked.js";
import type { DiagnosticBag } from "./errors.js";
import { checkPodSelectorConfig, type NetworkPolicyPeerConfig, type Placement, placement } from "./peers.js";
import { selectionKeyOf } from "./policy.js";
import type { IPodSelector, PodSelectorConfig } from "./selectors.js";

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

  /** Where a policy selecting these pods lives (or why it cannot be placed). */
  readonly placement: Placement;
  private readonly peer: NetworkPolicyPeerConfig;
  private key: { readonly namespace: string | undefined; readonly key: string } | undefined;
  private withoutNamespaces: Selection | undefined;

  private constructor(readonly config: PodSelectorConfig) {
    this.placement = placement(config);
    this.peer = Object.freeze({ podSelector: config });
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
