// Random models through the spec format: model → spec → generate must render exactly what core renders.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type INetworkPolicyPeer,
  isNetpolError,
  type LabelExpressionSpec,
  Namespaces,
  NetworkPolicy,
  NetworkPolicyIpBlock,
  NetworkPolicyPort,
  type NetworkPolicyRule,
  type NetworkPolicyTraffic,
  NetworkPolicyTrafficDefault,
  Pods,
  toYaml,
} from "@netpol/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSpec } from "../src/spec/read.js";
import { readSpecText } from "../src/spec/source.js";
import { specFromPolicies, specToYaml } from "../src/spec/write.js";
import { netpol, tempDir } from "./helpers.js";

const labelKey = fc.constantFrom("app", "tier", "team", "app.kubernetes.io/name", "k8s-app");
const labelValue = fc.constantFrom("web", "api", "db", "", "v1.2", "a-b_c", "yes", "0123");
const labels = fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2 });
const expression: fc.Arbitrary<LabelExpressionSpec> = fc.oneof(
  fc.record({
    key: labelKey,
    operator: fc.constantFrom("In" as const, "NotIn" as const),
    values: fc.uniqueArray(labelValue, { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ key: labelKey, operator: fc.constantFrom("Exists" as const, "DoesNotExist" as const) }),
);
const expressions = fc.array(expression, { minLength: 1, maxLength: 2 });
const nsName = fc.constantFrom("shop", "data", "kube-system");

const selectorFields = fc.record({ labels, expressions }, { requiredKeys: [] });

const namespaces = fc.oneof(
  fc.constant(Namespaces.all()),
  fc
    .record(
      { names: fc.uniqueArray(nsName, { minLength: 1, maxLength: 2 }), labels, expressions },
      { requiredKeys: [] },
    )
    .map((o) => Namespaces.select(o)),
);

const pods = fc.oneof(
  fc.constant(Pods.all()),
  namespaces.map((n) => Pods.all({ namespaces: n })),
  fc
    .tuple(selectorFields, fc.option(namespaces, { nil: undefined }))
    .map(([s, n]) => Pods.select({ ...s, ...(n ? { namespaces: n } : {}) })),
);

const ipBlock = fc.oneof(
  fc.constant(NetworkPolicyIpBlock.anyIpv4()),
  fc.constant(NetworkPolicyIpBlock.anyIpv6()),
  fc
    .subarray(["10.1.0.0/16", "10.2.0.0/16"])
    .map((except) => NetworkPolicyIpBlock.ipv4("10.0.0.0/8", except.length ? except : undefined)),
  fc.constantFrom("192.168.1.0/24", "10.0.0.1/8", "0.0.0.0/0").map((c) => NetworkPolicyIpBlock.ipv4(c)),
  fc.subarray(["2001:db8:1::/48"]).map((except) => NetworkPolicyIpBlock.ipv6("2001:db8::/32", except)),
);

const peer: fc.Arbitrary<INetworkPolicyPeer> = fc.oneof(pods, namespaces, ipBlock);

const protocol = fc.constantFrom("TCP" as const, "UDP" as const, "SCTP" as const);
const port = fc.oneof(
  fc
    .tuple(protocol, fc.integer({ min: 1, max: 65535 }))
    .map(([p, n]) => NetworkPolicyPort.of({ protocol: p, port: n })),
  fc
    .tuple(protocol, fc.constantFrom("http", "dns", "metrics", "h2c"))
    .map(([p, n]) => NetworkPolicyPort.of({ protocol: p, port: n })),
  fc
    .tuple(protocol, fc.integer({ min: 1, max: 65000 }), fc.integer({ min: 0, max: 535 }))
    .map(([p, a, k]) => NetworkPolicyPort.of({ protocol: p, port: a, endPort: a + k })),
  protocol.map((p) => NetworkPolicyPort.of({ protocol: p })),
);

const rule: fc.Arbitrary<NetworkPolicyRule> = fc.oneof(
  fc.record({ peer, ports: fc.array(port, { maxLength: 3 }) }, { requiredKeys: [] }),
  fc.record({ peers: fc.array(peer, { minLength: 1, maxLength: 3 }), ports: fc.array(port, { maxLength: 3 }) }),
);

const traffic: fc.Arbitrary<NetworkPolicyTraffic> = fc.record(
  {
    default: fc.constantFrom(NetworkPolicyTrafficDefault.DENY, NetworkPolicyTrafficDefault.ALLOW),
    rules: fc.array(rule, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** Random valid policies with distinct names; props core refuses (a placement conflict) are dropped. */
const policies = fc
  .array(
    fc.record(
      {
        namespace: nsName,
        selector: fc.oneof(
          selectorFields.map((s) => Pods.select(s)),
          fc.constant(Pods.all()),
        ),
        ingress: traffic,
        egress: traffic,
        labels,
      },
      { requiredKeys: [] },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((list) =>
    list.flatMap((props, i) => {
      try {
        return [new NetworkPolicy({ name: `policy-${i}`, ...props })];
      } catch (e) {
        if (isNetpolError(e)) return [];
        throw e;
      }
    }),
  );

function specText(list: readonly NetworkPolicy[]): string {
  const { spec, diagnostics } = specFromPolicies(list.map((policy) => ({ policy })));
  expect(diagnostics).toEqual([]);
  return specToYaml(spec);
}

describe("model → spec → model", () => {
  it("reads back to policies that render the same bytes (in process)", () => {
    fc.assert(
      fc.property(policies, (list) => {
        const text = specText(list);
        const parsed = readSpecText(text, "spec.yaml");
        expect(parsed.diagnostics).toEqual([]);
        const source = parsed.sources[0];
        if (!source) throw new Error("no document");
        const read = readSpec(source);
        expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(toYaml(read.policies.map((p) => p.toManifest()))).toBe(toYaml(list.map((p) => p.toManifest())));
      }),
      { numRuns: 300 },
    );
  });
});

describe("model → spec → netpol generate", () => {
  it("prints exactly core's rendering of the model (built binary)", () => {
    const dir = tempDir();
    fc.assert(
      fc.property(policies, (list) => {
        const file = join(dir, "spec.yaml");
        writeFileSync(file, specText(list));
        const r = netpol(["generate", file]);
        expect(r.status).toBe(0);
        expect(r.stdout).toBe(toYaml(list.map((p) => p.toManifest())));
      }),
      { numRuns: 25 },
    );
  }, 90_000); // 25 runs of the binary: slow on a loaded machine
});
