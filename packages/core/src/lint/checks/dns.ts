// DNS under default-deny egress: pods whose egress is isolated need UDP and TCP 53 to the cluster DNS, which
// Kubernetes runs as pods labelled `k8s-app: kube-dns` in kube-system (CoreDNS keeps that label).
import { type Labels, NAMESPACE_NAME_LABEL } from "../../data.js";
import type { EquivalenceClass } from "../../engine/classes.js";
import { allowsPort, type ConnectionSet, NO_CONNECTIONS, union } from "../../engine/connection-set.js";
import type { CompiledRule } from "../../engine/policies.js";
import { resolvePorts } from "../../engine/policies.js";
import type { Diagnostic } from "../../errors.js";
import type { ContainerPort } from "../../workloads.js";
import type { LintContext } from "../context.js";
import { describeNames } from "./shared.js";

const DNS_NAMESPACE = "kube-system";
const DNS_LABELS: Labels = { "k8s-app": "kube-dns" };
/** CoreDNS's container ports, for rules naming them when the input has no kube-dns pods. */
const DNS_PORTS: readonly ContainerPort[] = [
  { number: 53, name: "dns", protocol: "UDP" },
  { number: 53, name: "dns-tcp", protocol: "TCP" },
  { number: 9153, name: "metrics", protocol: "TCP" },
];

/** The DNS pods as policies see them: the input's own kube-dns pods, else those Kubernetes would run. */
interface DnsPods {
  readonly namespaceLabels: Labels;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
}

const isDns = (c: EquivalenceClass) => c.namespace === DNS_NAMESPACE && c.pod.labels["k8s-app"] === "kube-dns";

function dnsPods(ctx: LintContext): DnsPods {
  const real = ctx.analysis.index.classes.find(isDns);
  if (real) return { namespaceLabels: real.namespaceLabels, labels: real.pod.labels, ports: real.pod.ports };
  const declared = ctx.analysis.cluster.namespaces.get(DNS_NAMESPACE);
  return {
    namespaceLabels: declared ?? { [NAMESPACE_NAME_LABEL]: DNS_NAMESPACE },
    labels: DNS_LABELS,
    ports: DNS_PORTS,
  };
}

/**
 * What one egress rule allows toward the DNS pods. A rule toward an ipBlock counts as allowing its port numbers:
 * whether ipBlocks match pod IPs is the network plugin's choice (many do, so `0.0.0.0/0` on port 53 often serves),
 * and lint reports only what is sure.
 */
function toDns(rule: CompiledRule, dns: DnsPods): ConnectionSet {
  if (rule.peers === undefined) return resolvePorts(rule.ports, dns.ports);
  const selects = rule.peers.some(
    (p) =>
      p.type === "selector" &&
      (typeof p.namespace === "string" ? p.namespace === DNS_NAMESPACE : p.namespace(dns.namespaceLabels)) &&
      p.pods(dns.labels),
  );
  if (selects) return resolvePorts(rule.ports, dns.ports);
  return rule.peers.some((p) => p.type === "ipBlock") ? rule.ports.numeric : NO_CONNECTIONS;
}

/** Pods isolated for egress that may not reach kube-dns on UDP 53 and TCP 53, named at the first policy isolating them. */
export function dnsBlocked(ctx: LintContext): Diagnostic[] {
  const { index, sides, cluster } = ctx.analysis;
  const dns = dnsPods(ctx);
  const byPolicy = new Map<number, { peers: Set<string>; missing: Set<string> }>();
  sides.egress.forEach((side, c) => {
    const cls = index.classes[c] as EquivalenceClass;
    // Classes of no peer (the ingress controller's pod, which the input does not hold) are not the input's to fix.
    if (!side || isDns(cls) || cls.peers.length === 0) return;
    let allowed = NO_CONNECTIONS;
    for (const p of side.policies)
      for (const rule of cluster.policies[p]?.egress ?? []) allowed = union(allowed, toDns(rule, dns));
    const missing = (["UDP", "TCP"] as const).filter((protocol) => !allowsPort(allowed, protocol, 53));
    if (missing.length === 0) return;
    const first = side.policies[0] as number;
    const entry = byPolicy.get(first) ?? { peers: new Set<string>(), missing: new Set<string>() };
    byPolicy.set(first, entry);
    for (const i of cls.peers) entry.peers.add(cluster.peers[i]?.name ?? "");
    for (const m of missing) entry.missing.add(`${m} 53`);
  });
  return [...byPolicy.keys()]
    .sort((a, b) => a - b)
    .map((p) => {
      const { manifest, object } = ctx.policies[p] as (typeof ctx.policies)[number];
      const { peers, missing } = byPolicy.get(p) as { peers: Set<string>; missing: Set<string> };
      const path = manifest.spec.policyTypes ? ["spec", "policyTypes"] : ["spec", "egress"];
      return ctx.found("dns-blocked", object, path, {
        workloads: describeNames(peers),
        missing: [...missing].sort().reverse().join(" and "),
      });
    });
}
