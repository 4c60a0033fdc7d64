// Peers in manifest form: the `from`/`to` entries one peer stands for.
import { NAMESPACE_NAME_LABEL, type NetworkPolicyPeerConfig, type PodSelectorConfig } from "../data.js";
import { compareStrings } from "../text.js";
import { renderSelector } from "./selector.js";
import type { NetworkPolicyPeerManifest } from "./types.js";

/** The peer entries of one peer; a peer selecting several named namespaces yields one entry per name. */
export function renderPeer(cfg: NetworkPolicyPeerConfig): NetworkPolicyPeerManifest[] {
  if (cfg.ipBlock) {
    const except = cfg.ipBlock.except?.length ? [...new Set(cfg.ipBlock.except)].sort(compareStrings) : undefined;
    return [{ ipBlock: { cidr: cfg.ipBlock.cidr, ...(except ? { except } : {}) } }];
  }
  const sel = cfg.podSelector as PodSelectorConfig;
  const ns = sel.namespaces;
  if (!ns) return [{ podSelector: renderSelector(sel.labelSelector) }];
  const nsSel = ns.labelSelector ?? {};
  if (ns.names === undefined || ns.names.length === 0)
    return [{ namespaceSelector: renderSelector(nsSel), podSelector: renderSelector(sel.labelSelector) }];
  // A namespace chosen by name is its name label; each entry renders its own objects (a shared one would print as
  // a YAML anchor and alias).
  return [...new Set(ns.names)].sort(compareStrings).map((name) => ({
    namespaceSelector: renderSelector({ ...nsSel, labels: { ...nsSel.labels, [NAMESPACE_NAME_LABEL]: name } }),
    podSelector: renderSelector(sel.labelSelector),
  }));
}
