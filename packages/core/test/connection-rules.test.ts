// Laws of connections on random ends: a connection's policies are the policies the constructor builds from the same
// rules (connections read each end once and skip the constructor's second reading: this checks that nothing is
// lost), and ConnectionPolicies writes what absorbing allowTo's policies writes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allowFrom,
  allowTo,
  ConnectionPolicies,
  type INetworkPolicyPeer,
  isolate,
  Namespaces,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  Pods,
  Workload,
} from "../src/index.js";

const workload = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/),
    app: fc.constantFrom("a", "b", "c", "d"),
    ports: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 2 }),
  })
  .map(({ name, app, ports }) =>
    Workload.of({
      kind: "Deployment",
      name,
      namespace: "shop",
      labels: { app },
      ports: ports.map((number) => ({ number })),
    }),
  );

/** Pods by label, in one or two named namespaces (two: the peer side gets one policy per namespace). */
const pods = fc
  .record({ app: fc.constantFrom("a", "b", "x"), namespaces: fc.subarray(["shop", "bank"], { minLength: 1 }) })
  .map(({ app, namespaces }) => Pods.select({ labels: { app }, namespaces: Namespaces.select({ names: namespaces }) }));

const peer: fc.Arbitrary<INetworkPolicyPeer> = fc.oneof(
  workload,
  pods,
  fc.constant(NetworkPolicyIpBlock.ipv4("203.0.113.0/24")),
);
const ports = fc.option(
  fc.array(
    fc.integer({ min: 1, max: 65535 }).map((n) => NetworkPolicyPort.tcp(n)),
    { minLength: 1, maxLength: 2 },
  ),
  { nil: undefined },
);

/** What one policy says: its manifest and its warnings. */
const said = (p: NetworkPolicy) => ({ manifest: p.toManifest(), warnings: p.warnings, key: p.selectionKey });

/** The same policy, built by the constructor from its parts as a caller would write them. */
function rebuilt(p: NetworkPolicy, selector: unknown, rulePeer: INetworkPolicyPeer): NetworkPolicy {
  const config = p.toConfig();
  const direction = config.ingress.rules.length > 0 ? "ingress" : "egress";
  const rule = config[direction].rules[0];
  const props = {
    name: p.name,
    ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
    selector: selector as Workload,
    [direction]: { rules: [{ peer: rulePeer, ...(rule?.ports ? { ports: rule.ports } : {}) }] },
  };
  return new NetworkPolicy(props);
}

describe("connections", () => {
  it("write the policies the constructor writes from the same rules, warnings included", () => {
    fc.assert(
      fc.property(workload, peer, ports, fc.boolean(), (a, b, given, to) => {
        const options = given ? { ports: given } : {};
        const policies = to ? allowTo(a, b, options) : allowFrom(a, b, options);
        const [mine, ...theirs] = policies;
        expect(mine && said(mine)).toEqual(said(rebuilt(mine as NetworkPolicy, a, b)));
        // The peer's side selects the peer's pods (by labels alone when in several namespaces) and allows `a`'s.
        const aPeer = { toNetworkPolicyPeerConfig: () => ({ podSelector: a.toPodSelectorConfig() }) };
        const peerPods = b.toPodSelector?.();
        const labelsOnly = {
          toPodSelectorConfig: () => ({ labelSelector: peerPods?.toPodSelectorConfig().labelSelector }),
        };
        for (const p of theirs) {
          const selector = theirs.length > 1 ? labelsOnly : peerPods;
          const expected = said(rebuilt(p, selector, aPeer));
          expect(said(p).manifest).toEqual(expected.manifest);
          expect(said(p).warnings).toEqual(expected.warnings);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("merged by ConnectionPolicies, write what absorbing allowTo's policies writes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(workload, workload), { minLength: 1, maxLength: 6 }), (pairs) => {
        const set = new ConnectionPolicies();
        for (const [a, b] of pairs) set.allowTo(a, b);
        const merged = new Map<string, NetworkPolicy>();
        for (const p of pairs.flatMap(([a, b]) => allowTo(a, b))) {
          const existing = merged.get(p.selectionKey);
          if (existing) existing.absorb(p);
          else merged.set(p.selectionKey, p);
        }
        const spec = (p: NetworkPolicy) => p.toManifest().spec;
        expect(set.policies.map(spec)).toEqual([...merged.values()].map(spec));
        expect(set.policies.map((p) => p.warnings.map((w) => [w.code, w.path]))).toEqual(
          [...merged.values()].map((p) => p.warnings.map((w) => [w.code, w.path])),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("isolate writes the deny-all policy the constructor writes", () => {
    fc.assert(
      fc.property(workload, (a) => {
        const [policy] = isolate(a) as [NetworkPolicy];
        const deny = { default: "DENY" } as const;
        expect(said(policy)).toEqual(
          said(new NetworkPolicy({ name: policy.name, selector: a, ingress: deny, egress: deny })),
        );
      }),
    );
  });

  it("an IP block peer yields only the subject's policy", () => {
    const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
    const policies = allowTo(web, NetworkPolicyIpBlock.ipv4("203.0.113.0/24"));
    expect(policies.map((p) => [p.name, p.namespace])).toEqual([["web-allow-egress-to-203-0-113-0-24", "shop"]]);
    expect(policies[0]?.selectionKey).toBe(new NetworkPolicy({ selector: web }).selectionKey);
  });

  it("a policy's rules cannot be changed through its config", () => {
    const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
    const api = Pods.select({ labels: { app: "api" } });
    const [policy] = allowTo(web, api) as [NetworkPolicy];
    const rule = policy.toConfig().egress.rules[0];
    expect(Object.isFrozen(rule) && Object.isFrozen(rule?.peers) && Object.isFrozen(rule?.peers?.[0])).toBe(true);
  });
});
