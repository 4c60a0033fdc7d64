// The engine against the simple reference evaluator on thousands of random small clusters.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROTOCOLS, type Protocol } from "../../src/data.js";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import {
  allowsPort,
  type ConnectionSet,
  formatConnectionSet,
  isAll,
  NO_CONNECTIONS,
  union,
} from "../../src/engine/connection-set.js";
import {
  type RefCluster,
  type RefClusterPolicy,
  type RefPod,
  type RefPolicy,
  refAllows,
  refExternalRanges,
} from "./reference.js";

const NAMESPACES = ["ns0", "ns1", "ns2"]; // ns2 is never declared: it is assumed
const DECLARED: Record<string, Record<string, string>> = { ns0: { team: "a" }, ns1: { team: "b" } };

const labels = fc.record(
  { app: fc.constantFrom("a", "b", "c"), tier: fc.constantFrom("f", "b") },
  { requiredKeys: [] },
);
const expression = fc.oneof(
  fc.record({
    key: fc.constantFrom("app", "tier", "team"),
    operator: fc.constantFrom("In", "NotIn"),
    values: fc.subarray(["a", "b", "c", "f"], { minLength: 1 }),
  }),
  fc.record({ key: fc.constantFrom("app", "tier", "team"), operator: fc.constantFrom("Exists", "DoesNotExist") }),
);
const selector = fc.record(
  { matchLabels: labels, matchExpressions: fc.array(expression, { maxLength: 2 }) },
  { requiredKeys: [] },
);
const nsSelector = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ team: fc.constantFrom("a", "b") }) }),
  fc.record({ matchLabels: fc.record({ "kubernetes.io/metadata.name": fc.constantFrom(...NAMESPACES) }) }),
  fc.record({ matchExpressions: fc.array(expression, { minLength: 1, maxLength: 2 }) }),
);
const ipBlock = fc.constantFrom(
  { cidr: "10.0.0.0/29" },
  { cidr: "10.0.0.0/24", except: ["10.0.0.2/31"] },
  { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] },
  { cidr: "10.0.0.4/30" },
  { cidr: "10.0.0.1/24" },
  { cidr: "192.168.1.0/24" },
  { cidr: "fd00::/120", except: ["fd00::4/126"] },
);
const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: nsSelector }),
  fc.record({ podSelector: selector, namespaceSelector: nsSelector }),
  fc.record({ ipBlock }),
);
const protocol = fc.constantFrom("TCP", "UDP", "SCTP");
const portNumber = fc.constantFrom(53, 80, 443, 8080, 9090);
const port = fc.oneof(
  fc.record({ protocol, port: portNumber }, { requiredKeys: ["port"] }),
  fc
    .record({ protocol, port: portNumber, span: fc.integer({ min: 0, max: 100 }) }, { requiredKeys: ["port", "span"] })
    .map(({ span, ...p }) => ({ ...p, endPort: p.port + span })),
  fc.record({ protocol }, { requiredKeys: [] }),
  fc.record({ protocol, port: fc.constantFrom("http", "dns", "metrics") }, { requiredKeys: ["port"] }),
);
const rule = (key: "from" | "to") =>
  fc.record({ [key]: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) }, { requiredKeys: [] });
const policy = fc.record(
  {
    namespace: fc.constantFrom(...NAMESPACES),
    podSelector: selector,
    policyTypes: fc.constantFrom(["Ingress"], ["Egress"], ["Ingress", "Egress"]),
    ingress: fc.array(rule("from"), { maxLength: 2 }),
    egress: fc.array(rule("to"), { maxLength: 2 }),
  },
  { requiredKeys: ["namespace", "podSelector"] },
);
const containerPort = fc.record({
  name: fc.constantFrom("http", "dns", "metrics"),
  containerPort: portNumber,
  protocol,
});
const pod = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels,
  ports: fc.array(containerPort, { maxLength: 3 }),
  ip: fc.option(fc.constantFrom("10.0.0.1", "10.0.0.2", "10.0.0.5", "10.1.0.1", "192.168.1.5", "fd00::5", "fd00::1"), {
    nil: undefined,
  }),
  owner: fc.option(fc.constantFrom("rs-a", "rs-b"), { nil: undefined }),
  deployment: fc.boolean(),
  // Only a pod with an IP is on its node's network here (cluster-wide policies never select or match it by selectors).
  hostNetwork: fc.boolean(),
});
const cluster = fc.record({
  pods: fc.array(pod, { minLength: 1, maxLength: 5 }),
  policies: fc.array(policy, { maxLength: 4 }),
});

// Cluster-wide policies (v1alpha2), with every kind of peer an analysis can follow and every kind of protocol.
const clusterPeerIn = fc.oneof(
  fc.record({ namespaces: nsSelector }),
  fc.record({ pods: fc.record({ namespaceSelector: nsSelector, podSelector: selector }) }),
);
const clusterPeerOut = fc.oneof(
  clusterPeerIn,
  fc.record({
    networks: fc.subarray(["10.0.0.0/29", "10.0.0.4/30", "192.168.1.0/24", "0.0.0.0/0", "10.0.0.0/8"], {
      minLength: 1,
    }),
  }),
);
const destinationPort = fc.oneof(
  fc.record({ number: portNumber }),
  fc
    .record({ start: portNumber, span: fc.integer({ min: 1, max: 100 }) })
    .map(({ start, span }) => ({ range: { start, end: start + span } })),
);
const clusterProtocol = fc.oneof(
  fc
    .record({ key: fc.constantFrom("tcp", "udp", "sctp"), destinationPort })
    .map(({ key, destinationPort: d }) => ({ [key]: { destinationPort: d } })),
  fc.record({ destinationNamedPort: fc.constantFrom("http", "dns", "metrics") }),
);
const clusterRule = (key: "from" | "to") =>
  fc.record(
    {
      action: fc.constantFrom("Accept", "Deny", "Pass"),
      [key]: fc.array(key === "from" ? clusterPeerIn : clusterPeerOut, { minLength: 1, maxLength: 2 }),
      protocols: fc.array(clusterProtocol, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ["action", key] },
  );
const clusterPolicy = fc.record({
  tier: fc.constantFrom("Admin", "Baseline"),
  priority: fc.integer({ min: 0, max: 3 }),
  subject: clusterPeerIn,
  ingress: fc.array(clusterRule("from"), { maxLength: 2 }),
  egress: fc.array(clusterRule("to"), { maxLength: 2 }),
});
const tieredCluster = fc.record({
  pods: fc.array(pod, { minLength: 1, maxLength: 5 }),
  policies: fc.array(policy, { maxLength: 3 }),
  clusterPolicies: fc.array(clusterPolicy, { minLength: 1, maxLength: 3 }),
});

type GenPod = typeof pod extends fc.Arbitrary<infer T> ? T : never;
/** A cluster-wide policy as generated, or written by a test (with a name). */
interface GenClusterPolicy {
  readonly name?: string | undefined;
  readonly tier: string;
  readonly priority: number;
  readonly subject: unknown;
  readonly ingress: readonly { readonly action: string; readonly protocols?: readonly unknown[] }[];
  readonly egress: readonly { readonly action: string; readonly protocols?: readonly unknown[] }[];
}
type GenCluster = (typeof cluster extends fc.Arbitrary<infer T> ? T : never) & {
  clusterPolicies?: readonly GenClusterPolicy[];
};

const onHostNetwork = (p: GenPod) => p.hostNetwork && p.ip !== undefined;
const clusterPolicyName = (p: { name?: string | undefined }, i: number) => p.name ?? `cnp${i}`;

function toObjects(c: GenCluster): unknown[] {
  const ns = Object.entries(DECLARED).map(([name, l]) => ({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: l },
  }));
  const pods = c.pods.map((p: GenPod, i) => {
    const spec = { containers: [{ name: "c", ports: p.ports }] };
    if (p.deployment && !p.ip) {
      const template = { metadata: { labels: p.labels }, spec };
      return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: `d${i}`, namespace: p.namespace },
        spec: { template },
      };
    }
    const owner = p.owner ? { ownerReferences: [{ kind: "ReplicaSet", name: p.owner, controller: true }] } : {};
    const status = p.ip ? { status: { podIP: p.ip } } : {};
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `p${i}`, namespace: p.namespace, labels: p.labels, ...owner },
      spec: onHostNetwork(p) ? { ...spec, hostNetwork: true } : spec,
      ...status,
    };
  });
  const policies = c.policies.map((p, i) => {
    const { namespace, ...spec } = p;
    return {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `pol${i}`, namespace },
      spec,
    };
  });
  const clusterPolicies = (c.clusterPolicies ?? []).map(({ name, ...spec }, i) => ({
    apiVersion: "policy.networking.k8s.io/v1alpha2",
    kind: "ClusterNetworkPolicy",
    metadata: { name: clusterPolicyName({ name }, i) },
    spec,
  }));
  return [...ns, ...pods, ...policies, ...clusterPolicies];
}

function toReference(c: GenCluster): RefCluster {
  const namespaceLabels: Record<string, Record<string, string>> = {};
  for (const n of NAMESPACES) namespaceLabels[n] = { ...(DECLARED[n] ?? {}), "kubernetes.io/metadata.name": n };
  const pods: RefPod[] = c.pods.map((p: GenPod, i) => ({
    peer:
      p.deployment && !p.ip
        ? `${p.namespace}/d${i}[Deployment]`
        : p.owner
          ? `${p.namespace}/${p.owner}[ReplicaSet]`
          : `${p.namespace}/p${i}[Pod]`,
    namespace: p.namespace,
    labels: p.labels as Record<string, string>,
    ports: p.ports,
    ips: p.ip ? [p.ip] : [],
    hostNetwork: onHostNetwork(p),
  }));
  const clusterPolicies = (c.clusterPolicies ?? []).map((p, i) => ({ ...p, name: clusterPolicyName(p, i) }));
  return {
    namespaceLabels,
    pods,
    policies: c.policies as unknown as RefPolicy[],
    clusterPolicies: clusterPolicies as unknown as RefClusterPolicy[],
  };
}

function probePorts(c: GenCluster): number[] {
  const ns = new Set([1, 65535]);
  const add = (n: number) => [n - 1, n, n + 1].forEach((x) => x >= 1 && x <= 65535 && ns.add(x));
  for (const p of c.pods) for (const cp of p.ports) add(cp.containerPort);
  for (const pol of c.policies)
    for (const r of [...(pol.ingress ?? []), ...(pol.egress ?? [])])
      for (const p of (r.ports ?? []) as { port?: unknown; endPort?: unknown }[]) {
        if (typeof p.port === "number") add(p.port);
        if ("endPort" in p && typeof p.endPort === "number") add(p.endPort);
      }
  for (const pol of c.clusterPolicies ?? [])
    for (const r of [...pol.ingress, ...pol.egress])
      for (const p of (r.protocols ?? []) as Record<string, { destinationPort?: Record<string, unknown> }>[])
        for (const entry of Object.values(p)) {
          const d = typeof entry === "object" ? entry.destinationPort : undefined;
          if (typeof d?.number === "number") add(d.number);
          const range = d?.range as { start: number; end: number } | undefined;
          if (range) [range.start, range.end].forEach(add);
        }
  return [...ns].sort((a, b) => a - b);
}

/** The reference's connection list, as `src => dst` keys with the allowed probes. */
function referenceList(c: GenCluster): Map<string, string> {
  const ref = toReference(c);
  const peers = [...new Set(ref.pods.map((p) => p.peer))];
  const probes = probePorts(c);
  type End = { name: string; sides: ({ pod: RefPod } | { addr: { v6: boolean; n: bigint } })[]; external: boolean };
  const workloads: End[] = peers.map((name) => ({
    name,
    sides: ref.pods.filter((p) => p.peer === name).map((pod) => ({ pod })),
    external: false,
  }));
  const ext = (dir: "Ingress" | "Egress"): End[] =>
    refExternalRanges(ref, dir).map((r) => ({ name: r.name, sides: [{ addr: r.addr }], external: true }));
  const out = new Map<string, string>();
  for (const s of [...workloads, ...ext("Ingress")])
    for (const d of [...workloads, ...ext("Egress")]) {
      if (s.name === d.name || (s.external && d.external)) continue;
      const allowed: string[] = [];
      for (const proto of PROTOCOLS)
        for (const n of probes)
          if (s.sides.some((x) => d.sides.some((y) => refAllows(ref, x, y, proto, n)))) allowed.push(`${proto}/${n}`);
      if (allowed.length > 0) out.set(`${s.name} => ${d.name}`, allowed.join(" "));
    }
  return out;
}

/** How many ports a connection set holds. */
function portCount(c: ConnectionSet): number {
  let n = 0;
  for (const p of PROTOCOLS)
    for (let i = 0; i < c[p].length; i += 2) n += (c[p][i + 1] as number) - (c[p][i] as number) + 1;
  return n;
}

/** The engine's list against the reference's, and the single-pair paths against the list. */
function checkAgainstReference(c: GenCluster): void {
  const map = analyzeConnectivity({ objects: toObjects(c) });
  expect(map.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const probes = probePorts(c);
  const got = new Map<string, string>();
  const list = map.connections();
  for (const conn of list) {
    const allowed = PROTOCOLS.flatMap((proto: Protocol) =>
      probes.filter((n) => allowsPort(conn.conn, proto, n)).map((n) => `${proto}/${n}`),
    );
    got.set(`${conn.src} => ${conn.dst}`, allowed.join(" "));
  }
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(referenceList(c)));
  const keys = list.map((x) => [x.src, x.dst] as const);
  const sorted = [...keys].sort(([a, b], [x, y]) => (a < x ? -1 : a > x ? 1 : b < y ? -1 : b > y ? 1 : 0));
  expect(keys).toEqual(sorted);
  // The single-pair paths agree with the list.
  for (const conn of list.slice(0, 3)) {
    expect(formatConnectionSet(map.allowed(conn.src, conn.dst))).toBe(formatConnectionSet(conn.conn));
    const e = map.explain(conn.src, conn.dst);
    expect(formatConnectionSet(e.conn)).toBe(formatConnectionSet(conn.conn));
    // Its groups cover every port once, and the allowed ones are the connection.
    const covered = e.groups.reduce((acc, g) => union(acc, g.conn), NO_CONNECTIONS);
    const allowed = e.groups.filter((g) => g.allowed).reduce((acc, g) => union(acc, g.conn), NO_CONNECTIONS);
    expect(isAll(covered)).toBe(true);
    expect(e.groups.reduce((n, g) => n + portCount(g.conn), 0)).toBe(3 * 65535);
    expect(formatConnectionSet(allowed)).toBe(formatConnectionSet(conn.conn));
  }
}

const RUNS = Number(process.env.NETPOL_PROPERTY_RUNS ?? 3000);

describe("engine equals the pair-by-pair reference", () => {
  it("on random small clusters", () => {
    fc.assert(fc.property(cluster, checkAgainstReference), { numRuns: RUNS });
  }, 120_000);

  // Slower per run (more policies, more probe ports): two runs in three, with more time on a busy machine.
  it("on random small clusters with cluster-wide policies (Admin and Baseline tiers)", () => {
    fc.assert(fc.property(tieredCluster, checkAgainstReference), { numRuns: Math.ceil((RUNS * 2) / 3) });
  }, 300_000);
});

const EVERYONE = { namespaces: {} };
const everything = (name: string, tier: "Admin" | "Baseline", action: "Accept" | "Deny") => ({
  name,
  tier,
  priority: 0,
  subject: EVERYONE,
  ingress: [{ action, from: [EVERYONE] }],
  egress: [{ action, to: [EVERYONE] }],
});

/** Workload peers none of whose pods is on its node's network: those cluster-wide policies select and match. */
function podPeers(c: GenCluster): string[] {
  const ref = toReference(c);
  const peers = [...new Set(ref.pods.map((p) => p.peer))];
  return peers.filter((name) => ref.pods.every((p) => p.peer !== name || !p.hostNetwork));
}

describe("the tiers around NetworkPolicy", () => {
  it("with no cluster-wide policy, the list is the NetworkPolicy engine's (the reference without tiers)", () => {
    // The first property above, restated on the tiered generator with its cluster-wide policies taken away.
    fc.assert(
      fc.property(tieredCluster, ({ clusterPolicies: _, ...c }) => checkAgainstReference(c)),
      { numRuns: 500 },
    );
  });

  it("an Admin Accept of everything is never overridden by a NetworkPolicy (or a later Deny)", () => {
    fc.assert(
      fc.property(tieredCluster, (c) => {
        const withAccept = {
          ...c,
          clusterPolicies: [everything("aaa-accept", "Admin", "Accept"), ...c.clusterPolicies],
        };
        const map = analyzeConnectivity({ objects: toObjects(withAccept) });
        const peers = podPeers(c);
        for (const s of peers)
          for (const d of peers)
            if (s !== d) expect(formatConnectionSet(map.allowed(s, d)), `${s} => ${d}`).toBe("All Connections");
      }),
      { numRuns: 500 },
    );
  });

  it("an Admin Deny of everything is never overridden by a NetworkPolicy (or a later Accept)", () => {
    fc.assert(
      fc.property(tieredCluster, (c) => {
        const withDeny = { ...c, clusterPolicies: [everything("aaa-deny", "Admin", "Deny"), ...c.clusterPolicies] };
        const map = analyzeConnectivity({ objects: toObjects(withDeny) });
        const peers = new Set(podPeers(c));
        expect(map.connections().filter((x) => peers.has(x.src) && peers.has(x.dst))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("a Baseline Deny never removes what a NetworkPolicy allows: with every pod isolated, Baseline changes nothing", () => {
    fc.assert(
      fc.property(tieredCluster, (c) => {
        // A NetworkPolicy isolating every pod of every namespace both ways (allowing nothing by itself).
        const isolate = NAMESPACES.map((namespace) => ({
          namespace,
          podSelector: {},
          policyTypes: ["Ingress", "Egress"],
        }));
        const isolated = { ...c, policies: [...c.policies, ...isolate] } as GenCluster;
        const withDeny = {
          ...isolated,
          clusterPolicies: [...c.clusterPolicies, everything("zzz-deny", "Baseline", "Deny")],
        };
        // Every Baseline rule doing the opposite (Accept for Deny, Deny for Accept).
        const flip = (r: { action: string }) => ({
          ...r,
          action: r.action === "Accept" ? "Deny" : r.action === "Deny" ? "Accept" : r.action,
        });
        const flipped = {
          ...isolated,
          clusterPolicies: c.clusterPolicies.map((p) =>
            p.tier === "Baseline" ? { ...p, ingress: p.ingress.map(flip), egress: p.egress.map(flip) } : p,
          ),
        } as GenCluster;
        const list = (x: GenCluster) =>
          analyzeConnectivity({ objects: toObjects(x) })
            .connections()
            .map((k) => `${k.src} => ${k.dst} : ${formatConnectionSet(k.conn)}`);
        const expected = list(isolated);
        expect(list(withDeny)).toEqual(expected);
        expect(list(flipped)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
