// Laws of the model, checked on random input: valid models render to valid, deterministic, order-free
// objects; render → import → render is the identity; invalid values always raise NetpolError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { networkPolicyProblems } from "../../../test-support/schema.js";
import {
  type INetworkPolicyPeer,
  LabelExpression,
  Namespaces,
  NetpolError,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  type NetworkPolicyProps,
  type NetworkPolicyRule,
  type NetworkPolicyTraffic,
  NetworkPolicyTrafficDefault,
  Pods,
  toYaml,
} from "../src/index.js";
import { policyFromManifest } from "../src/manifests/index.js";

const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/), fc.stringMatching(/^example\.com\/[a-z]{1,4}$/));
const value = fc.stringMatching(/^([a-z0-9]{1,5})?$/);
const labels = fc.dictionary(key, value, { maxKeys: 3 });
const nsName = fc.constantFrom("a", "b", "c", "kube-system");
const expression = fc.oneof(
  fc.tuple(key, fc.uniqueArray(value, { minLength: 1, maxLength: 3 })).map(([k, v]) => LabelExpression.in(k, v)),
  fc.tuple(key, fc.uniqueArray(value, { minLength: 1, maxLength: 3 })).map(([k, v]) => LabelExpression.notIn(k, v)),
  key.map((k) => LabelExpression.exists(k)),
  key.map((k) => LabelExpression.doesNotExist(k)),
);
const expressions = fc.array(expression, { maxLength: 2 });
const namespaces = fc.oneof(
  fc.constant(undefined),
  fc.constant(Namespaces.all()),
  fc.uniqueArray(nsName, { minLength: 1, maxLength: 2 }).map((names) => Namespaces.select({ names })),
  fc.record({ labels, expressions }).map((s) => Namespaces.select(s)),
);
const pods = fc
  .record({ labels, expressions, namespaces })
  .map(({ namespaces: ns, ...s }) => Pods.select({ ...s, ...(ns ? { namespaces: ns } : {}) }));

const octet = fc.integer({ min: 0, max: 255 });
const ipv4Block = fc
  .tuple(octet, octet, fc.boolean(), fc.boolean())
  .map(([a, b, wide, withExcept]) =>
    wide
      ? NetworkPolicyIpBlock.ipv4(`${a}.0.0.0/8`, withExcept ? [`${a}.${b}.0.0/16`] : undefined)
      : NetworkPolicyIpBlock.ipv4(
          `${a}.${b}.0.0/16`,
          withExcept ? [`${a}.${b}.0.0/20`, `${a}.${b}.128.0/24`] : undefined,
        ),
  );
const ipv6Block = fc
  .integer({ min: 0, max: 0xffff })
  .map((n) => NetworkPolicyIpBlock.ipv6(`2001:db8:${n.toString(16)}::/48`));
const peer: fc.Arbitrary<INetworkPolicyPeer> = fc.oneof(
  { weight: 3, arbitrary: pods },
  ipv4Block,
  ipv6Block,
  namespaces.map((n) => n ?? Namespaces.all()),
);

const portNumber = fc.integer({ min: 1, max: 65535 });
const port = fc.oneof(
  portNumber.map((p) => NetworkPolicyPort.tcp(p)),
  portNumber.map((p) => NetworkPolicyPort.udp(p)),
  portNumber.map((p) => NetworkPolicyPort.sctp(p)),
  fc.constantFrom("http", "dns", "metrics", "grpc-web").map((n) => NetworkPolicyPort.tcp(n)),
  fc.tuple(portNumber, portNumber).map(([a, b]) => NetworkPolicyPort.udpRange(Math.min(a, b), Math.max(a, b))),
  fc.constantFrom(NetworkPolicyPort.allTcp(), NetworkPolicyPort.allUdp(), NetworkPolicyPort.allSctp()),
);
const rule: fc.Arbitrary<NetworkPolicyRule> = fc.record(
  { peers: fc.array(peer, { minLength: 1, maxLength: 3 }), ports: fc.array(port, { minLength: 1, maxLength: 3 }) },
  { requiredKeys: [] },
);
const traffic = fc.record(
  {
    default: fc.constantFrom(NetworkPolicyTrafficDefault.DENY, NetworkPolicyTrafficDefault.ALLOW),
    rules: fc.array(rule, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const props: fc.Arbitrary<NetworkPolicyProps> = fc.record(
  {
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
    namespace: nsName,
    selector: fc.record({ labels, expressions }).map((s) => Pods.select(s)),
    ingress: traffic,
    egress: traffic,
  },
  { requiredKeys: ["name"] },
);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function reorderTraffic(t: NetworkPolicyTraffic, seed: number): NetworkPolicyTraffic {
  if (!t.rules) return t;
  const rules = shuffled(t.rules, seed).map((r) => ({
    ...(r.peers ? { peers: shuffled(r.peers, seed + 1) } : {}),
    ...(r.ports ? { ports: shuffled(r.ports, seed + 2) } : {}),
  }));
  return { ...t, rules };
}

function reorder(p: NetworkPolicyProps, seed: number): NetworkPolicyProps {
  return {
    ...p,
    ...(p.ingress ? { ingress: reorderTraffic(p.ingress, seed) } : {}),
    ...(p.egress ? { egress: reorderTraffic(p.egress, seed + 7) } : {}),
  };
}

describe("model laws", () => {
  it("any valid model renders to a schema-valid, deterministic object", () => {
    fc.assert(
      fc.property(props, (p) => {
        const a = new NetworkPolicy(p).toManifest();
        expect(networkPolicyProblems(a)).toEqual([]);
        expect(toYaml([new NetworkPolicy(p).toManifest()])).toBe(toYaml([a]));
      }),
      { numRuns: 300 },
    );
  });

  it("rendering does not depend on the order of rules, peers and ports", () => {
    fc.assert(
      fc.property(props, fc.nat(), (p, seed) => {
        expect(new NetworkPolicy(reorder(p, seed)).toManifest()).toEqual(new NetworkPolicy(p).toManifest());
      }),
      { numRuns: 300 },
    );
  });

  it("render → import → render is the identity", () => {
    fc.assert(
      fc.property(props, (p) => {
        const once = new NetworkPolicy(p).toManifest();
        expect(policyFromManifest(once).policy.toManifest()).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe("invalid values always raise NetpolError", () => {
  const throwsNetpol = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof NetpolError && e.diagnostics.length > 0 && e.diagnostics.every((d) => d.path !== undefined);
    }
    return false;
  };

  it("ports outside 1–65535", () => {
    const bad = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }), fc.double({ noInteger: true }));
    fc.assert(fc.property(bad, (p) => throwsNetpol(() => NetworkPolicyPort.tcp(p))));
  });

  it("named ports that are not IANA service names", () => {
    const bad = fc.oneof(
      fc.stringMatching(/^[a-z]{16,20}$/),
      fc.stringMatching(/^[0-9]{1,5}$/),
      fc.stringMatching(/^[a-z]+[A-Z_][a-z]*$/),
    );
    fc.assert(fc.property(bad, (p) => throwsNetpol(() => NetworkPolicyPort.udp(p))));
  });

  it("CIDRs with prefixes out of range or malformed addresses", () => {
    const bad = fc.oneof(
      fc.tuple(octet, fc.integer({ min: 33, max: 999 })).map(([a, p]) => `${a}.0.0.0/${p}`),
      fc.tuple(fc.integer({ min: 256, max: 999 }), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}.1.1.1/${p}`),
      fc.tuple(octet, octet).map(([a, b]) => `${a}.${b}.0.0`),
    );
    fc.assert(fc.property(bad, (c) => throwsNetpol(() => NetworkPolicyIpBlock.ipv4(c))));
  });

  it("label values that are too long or have bad characters", () => {
    const bad = fc.oneof(
      fc.stringMatching(/^[a-z]{64,80}$/),
      fc.stringMatching(/^[a-z]{0,3}[ !@#$%^&*()]+[a-z]{0,3}$/),
      fc.stringMatching(/^-[a-z]{1,5}$/),
    );
    fc.assert(fc.property(bad, (v) => throwsNetpol(() => Pods.select({ labels: { app: v } }))));
  });
});
