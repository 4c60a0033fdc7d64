// Existing NetworkPolicy objects back into the model, keeping their meaning exactly.
import { type Diagnostic, NetpolError } from "../errors.js";
import { NetworkPolicyIpBlock } from "../ip-blocks.js";
import { isDns1123Label, NAMESPACE_NAME_LABEL } from "../labels.js";
import type { INetworkPolicyPeer } from "../peers.js";
import {
  type NetworkPolicyProps,
  type NetworkPolicyRule,
  type NetworkPolicyTraffic,
  NetworkPolicyTrafficDefault,
} from "../policy.js";
import { NetworkPolicyPort } from "../ports.js";
import type {
  LabelSelectorManifest,
  NetworkPolicyEgressRuleManifest,
  NetworkPolicyIngressRuleManifest,
  NetworkPolicyPeerManifest,
} from "../render/types.js";
import { type LabelExpressionSpec, Namespaces, Pods } from "../selectors.js";
import { effectivePolicyTypes, parseNetworkPolicyManifest, peersOf, portsOf, selectorOf } from "./network-policy.js";

/** Props for `new NetworkPolicy` that mean what the manifest means, plus warnings about ignored parts. */
export function propsFromManifest(value: unknown): { props: NetworkPolicyProps; warnings: Diagnostic[] } {
  const parsed = parseNetworkPolicyManifest(value);
  if (!parsed.policy) throw new NetpolError(parsed.diagnostics.filter((d) => d.severity === "error"));
  const m = parsed.policy;
  const warnings = parsed.diagnostics.filter((d) => d.severity === "warning");
  const spec = m.spec ?? { podSelector: {} };
  const ingressRules = spec.ingress ?? [];
  const egressRules = spec.egress ?? [];
  const isolated = effectivePolicyTypes(m);
  const props: { -readonly [K in keyof NetworkPolicyProps]: NetworkPolicyProps[K] } = {
    name: m.metadata.name,
    selector: Pods.select(selectorSpec(spec.podSelector)),
  };
  if (m.metadata.namespace) props.namespace = m.metadata.namespace;
  if (m.metadata.labels && Object.keys(m.metadata.labels).length > 0) props.labels = m.metadata.labels;
  if (m.metadata.annotations && Object.keys(m.metadata.annotations).length > 0)
    props.annotations = m.metadata.annotations;
  for (const [dir, type, rules] of [
    ["ingress", "Ingress", ingressRules],
    ["egress", "Egress", egressRules],
  ] as const) {
    if (isolated[dir]) props[dir] = traffic(rules);
    else if (rules.length > 0)
      warnings.push({
        severity: "warning",
        code: "ignored-rules",
        path: `spec.${dir}`,
        message: `${dir} rules of "${m.metadata.name}" are ignored by Kubernetes because policyTypes does not list ${type}`,
        hint: `Add ${type} to policyTypes or remove the rules`,
      });
  }
  return { props, warnings };
}

function traffic(
  rules: readonly (NetworkPolicyIngressRuleManifest | NetworkPolicyEgressRuleManifest | null)[],
): NetworkPolicyTraffic {
  if (rules.length === 0) return { default: NetworkPolicyTrafficDefault.DENY };
  const out: NetworkPolicyRule[] = [];
  let allowAll = false;
  for (const rule of rules) {
    const peers = peersOf(rule && ("from" in rule ? rule.from : "to" in rule ? rule.to : undefined));
    const ports = portsOf(rule?.ports);
    if (!peers && !ports) {
      allowAll = true;
      continue;
    }
    out.push({
      ...(peers ? { peers: peers.map(peer) } : {}),
      ...(ports ? { ports: ports.map((p) => NetworkPolicyPort.of({ ...p })) } : {}),
    });
  }
  return {
    ...(allowAll ? { default: NetworkPolicyTrafficDefault.ALLOW } : {}),
    ...(out.length > 0 ? { rules: out } : {}),
  };
}

function selectorSpec(sel: LabelSelectorManifest | null | undefined): {
  labels?: Record<string, string>;
  expressions?: LabelExpressionSpec[];
} {
  const s = selectorOf(sel);
  return {
    ...(s.matchLabels ? { labels: s.matchLabels } : {}),
    ...(s.matchExpressions
      ? { expressions: s.matchExpressions.map((e) => ({ ...e, values: e.values ?? undefined })) }
      : {}),
  };
}

function peer(p: NetworkPolicyPeerManifest): INetworkPolicyPeer {
  if (p.ipBlock) return NetworkPolicyIpBlock.of(p.ipBlock.cidr, p.ipBlock.except ?? undefined);
  const pods = selectorSpec(p.podSelector);
  if (p.namespaceSelector === undefined || p.namespaceSelector === null) return Pods.select(pods);
  const { labels = {}, expressions } = selectorSpec(p.namespaceSelector);
  const { [NAMESPACE_NAME_LABEL]: named, ...others } = labels;
  // The name label is how a namespace is selected by name; keep it a label when it is no valid name.
  const name = named !== undefined && isDns1123Label(named) ? named : undefined;
  const rest = name === undefined ? labels : others;
  const namespaces = Namespaces.select({
    ...(name !== undefined ? { names: [name] } : {}),
    ...(Object.keys(rest).length > 0 ? { labels: rest } : {}),
    ...(expressions ? { expressions } : {}),
  });
  return Pods.select({ ...pods, namespaces });
}
