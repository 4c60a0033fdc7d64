// A deliberately simple evaluator for tests: every pod pair, every policy, every rule, one port at a time.
// It shares no evaluation code with the engine.
import { Address4, Address6 } from "ip-address";

export interface RefPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
export interface RefPeer {
  podSelector?: RefSelector;
  namespaceSelector?: RefSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
export interface RefSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
export interface RefRule {
  from?: RefPeer[];
  to?: RefPeer[];
  ports?: RefPort[];
}
export interface RefPolicy {
  namespace: string;
  podSelector: RefSelector;
  policyTypes?: string[];
  ingress?: RefRule[];
  egress?: RefRule[];
}
export interface RefPod {
  peer: string;
  namespace: string;
  labels: Record<string, string>;
  ports: { name: string; containerPort: number; protocol: string }[];
  ips: string[];
  hostNetwork?: boolean;
}
/** A cluster-wide peer: pods of namespaces, pods, or networks (v1alpha2 shapes). */
export interface RefClusterPeer {
  namespaces?: RefSelector;
  pods?: { namespaceSelector: RefSelector; podSelector: RefSelector };
  networks?: string[];
}
/** A v1alpha2 protocol entry. */
export interface RefClusterProtocol {
  tcp?: { destinationPort: { number?: number; range?: { start: number; end: number } } };
  udp?: { destinationPort: { number?: number; range?: { start: number; end: number } } };
  sctp?: { destinationPort: { number?: number; range?: { start: number; end: number } } };
  destinationNamedPort?: string;
}
export interface RefClusterRule {
  action: "Accept" | "Deny" | "Pass";
  from?: RefClusterPeer[];
  to?: RefClusterPeer[];
  protocols?: RefClusterProtocol[];
}
export interface RefClusterPolicy {
  name: string;
  tier: "Admin" | "Baseline";
  priority: number;
  subject: RefClusterPeer;
  ingress?: RefClusterRule[];
  egress?: RefClusterRule[];
}
export interface RefCluster {
  namespaceLabels: Record<string, Record<string, string>>;
  pods: RefPod[];
  policies: RefPolicy[];
  clusterPolicies?: RefClusterPolicy[];
}
type Addr = { v6: boolean; n: bigint };
type Side = { pod: RefPod } | { addr: Addr };

const parse = (text: string): { v6: boolean; lo: bigint; hi: bigint } => {
  const a = text.includes(":") ? new Address6(text) : new Address4(text);
  return { v6: text.includes(":"), lo: a.startAddress().bigInt(), hi: a.endAddress().bigInt() };
};
const inCidr = (addr: Addr, cidr: string) => {
  const c = parse(cidr);
  return c.v6 === addr.v6 && c.lo <= addr.n && addr.n <= c.hi;
};
const inBlock = (addr: Addr, b: { cidr: string; except?: string[] }) =>
  inCidr(addr, b.cidr) && !(b.except ?? []).some((e) => inCidr(addr, e));
const addrOf = (ip: string): Addr => ({ v6: ip.includes(":"), n: parse(ip).lo });

function selects(sel: RefSelector | undefined, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel?.matchExpressions ?? []) {
    const has = k(labels, e.key);
    const val = labels[e.key] as string;
    if (e.operator === "In" && !(has && (e.values ?? []).includes(val))) return false;
    if (e.operator === "NotIn" && has && (e.values ?? []).includes(val)) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}
const k = (labels: Record<string, string>, key: string) => Object.keys(labels).includes(key);

function types(p: RefPolicy): string[] {
  if (p.policyTypes && p.policyTypes.length > 0) return p.policyTypes;
  return p.egress && p.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

function peerMatches(c: RefCluster, peer: RefPeer, policyNs: string, other: Side): boolean {
  if (peer.ipBlock) {
    const block = peer.ipBlock;
    if ("addr" in other) return inBlock(other.addr, block);
    return other.pod.ips.some((ip) => inBlock(addrOf(ip), block));
  }
  if (!("pod" in other)) return false;
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const pod = other.pod;
  const nsOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, c.namespaceLabels[pod.namespace] ?? {})
    : pod.namespace === policyNs;
  return nsOk && selects(peer.podSelector, pod.labels);
}

function portOk(ports: RefPort[] | undefined, proto: string, port: number, dst: Side): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? "TCP") !== proto) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === "number") return p.port <= port && port <= (p.endPort ?? p.port);
    if (!("pod" in dst)) return false;
    return dst.pod.ports.some((c) => c.name === p.port && c.protocol === proto && c.containerPort === port);
  });
}

function direction(
  c: RefCluster,
  dir: "Ingress" | "Egress",
  subject: RefPod,
  other: Side,
  dst: Side,
  proto: string,
  port: number,
) {
  const pols = c.policies.filter(
    (p) => p.namespace === subject.namespace && selects(p.podSelector, subject.labels) && types(p).includes(dir),
  );
  if (pols.length === 0) return true;
  return pols.some((p) =>
    (dir === "Ingress" ? p.ingress : p.egress)?.some((r) => {
      const peers = dir === "Ingress" ? r.from : r.to;
      const hit = !peers || peers.length === 0 || peers.some((x) => peerMatches(c, x, p.namespace, other));
      return hit && portOk(r.ports, proto, port, dst);
    }),
  );
}

function clusterPeerMatches(c: RefCluster, peer: RefClusterPeer, other: Side): boolean {
  if (peer.networks) {
    const inNets = (a: Addr) => peer.networks?.some((n) => inCidr(a, n)) ?? false;
    return "addr" in other ? inNets(other.addr) : other.pod.ips.some((ip) => inNets(addrOf(ip)));
  }
  if (!("pod" in other) || other.pod.hostNetwork) return false;
  const nsLabels = c.namespaceLabels[other.pod.namespace] ?? {};
  if (peer.namespaces) return selects(peer.namespaces, nsLabels);
  if (peer.pods)
    return selects(peer.pods.namespaceSelector, nsLabels) && selects(peer.pods.podSelector, other.pod.labels);
  return false;
}

function clusterProtocolOk(protocols: RefClusterProtocol[] | undefined, proto: string, port: number, dst: Side) {
  if (!protocols) return true;
  return protocols.some((p) => {
    if (p.destinationNamedPort !== undefined)
      return (
        "pod" in dst &&
        dst.pod.ports.some((c) => c.name === p.destinationNamedPort && c.protocol === proto && c.containerPort === port)
      );
    const entry = proto === "TCP" ? p.tcp : proto === "UDP" ? p.udp : p.sctp;
    if (!entry) return false;
    const d = entry.destinationPort;
    return d.number !== undefined
      ? d.number === port
      : d.range !== undefined && d.range.start <= port && port <= d.range.end;
  });
}

/** The action of the first rule of `tier` (policies by priority, then name) matching, or undefined. */
function tierVerdict(
  c: RefCluster,
  tier: "Admin" | "Baseline",
  dir: "Ingress" | "Egress",
  subject: RefPod,
  other: Side,
  dst: Side,
  proto: string,
  port: number,
): "Accept" | "Deny" | "Pass" | undefined {
  if (subject.hostNetwork) return undefined;
  const policies = (c.clusterPolicies ?? [])
    .filter((p) => p.tier === tier && clusterPeerMatches(c, p.subject, { pod: subject }))
    .sort((x, y) => x.priority - y.priority || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  for (const p of policies)
    for (const r of (dir === "Ingress" ? p.ingress : p.egress) ?? []) {
      const peers = (dir === "Ingress" ? r.from : r.to) ?? [];
      if (peers.some((x) => clusterPeerMatches(c, x, other)) && clusterProtocolOk(r.protocols, proto, port, dst))
        return r.action;
    }
  return undefined;
}

function npIsolates(c: RefCluster, dir: "Ingress" | "Egress", subject: RefPod): boolean {
  return c.policies.some(
    (p) => p.namespace === subject.namespace && selects(p.podSelector, subject.labels) && types(p).includes(dir),
  );
}

/** One direction through the tiers: Admin (Accept/Deny decide), NetworkPolicy if it isolates, else Baseline. */
function tiered(
  c: RefCluster,
  dir: "Ingress" | "Egress",
  subject: RefPod,
  other: Side,
  dst: Side,
  proto: string,
  port: number,
) {
  const admin = tierVerdict(c, "Admin", dir, subject, other, dst, proto, port);
  if (admin === "Accept") return true;
  if (admin === "Deny") return false;
  if (npIsolates(c, dir, subject)) return direction(c, dir, subject, other, dst, proto, port);
  return tierVerdict(c, "Baseline", dir, subject, other, dst, proto, port) !== "Deny";
}

/** Is `proto/port` from `src` to `dst` allowed? */
export function refAllows(c: RefCluster, src: Side, dst: Side, proto: string, port: number): boolean {
  const egress = "pod" in src ? tiered(c, "Egress", src.pod, dst, dst, proto, port) : true;
  const ingress = "pod" in dst ? tiered(c, "Ingress", dst.pod, src, dst, proto, port) : true;
  return egress && ingress;
}

/**
 * External ranges per direction, cut at every cidr and except edge written in the rules of that direction, whether
 * policyTypes puts them in force or not (as the reference analyzer, np-guard/netpol-analyzer, cuts them).
 */
export function refExternalRanges(c: RefCluster, dir: "Ingress" | "Egress"): { name: string; addr: Addr }[] {
  const blocks = (d: "Ingress" | "Egress") =>
    c.policies.flatMap((p) =>
      ((d === "Ingress" ? p.ingress : p.egress) ?? []).flatMap((r) =>
        ((d === "Ingress" ? r.from : r.to) ?? []).flatMap((x) => (x.ipBlock ? [x.ipBlock] : [])),
      ),
    );
  const all = [...blocks("Ingress"), ...blocks("Egress")];
  // Only NetworkPolicy ipBlocks bring IPv6 in; cluster-wide networks cut the families present.
  const withV6 = all.some((b) => b.cidr.includes(":"));
  const networks = (d: "Ingress" | "Egress") =>
    (c.clusterPolicies ?? []).flatMap((p) =>
      ((d === "Ingress" ? p.ingress : p.egress) ?? []).flatMap((r) =>
        ((d === "Ingress" ? r.from : r.to) ?? []).flatMap((x) =>
          (x.networks ?? []).map((cidr) => ({ cidr, except: [] as string[] })),
        ),
      ),
    );
  const out: { name: string; addr: Addr }[] = [];
  for (const v6 of withV6 ? [false, true] : [false]) {
    const max = v6 ? (1n << 128n) - 1n : (1n << 32n) - 1n;
    const cuts = new Set<bigint>([0n]);
    for (const b of [...blocks(dir), ...networks(dir)]) {
      for (const text of [b.cidr, ...(b.except ?? [])]) {
        if (text.includes(":") !== v6) continue;
        const r = parse(text);
        cuts.add(r.lo);
        if (r.hi < max) cuts.add(r.hi + 1n);
      }
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : 1));
    sorted.forEach((lo, i) => {
      const hi = i + 1 < sorted.length ? (sorted[i + 1] as bigint) - 1n : max;
      const fmt = (n: bigint) => (v6 ? Address6.fromBigInt(n).correctForm() : Address4.fromBigInt(n).address);
      out.push({ name: `${fmt(lo)}-${fmt(hi)}[External]`, addr: { v6, n: lo } });
    });
  }
  return out;
}
