// Reading an existing NetworkPolicy object: everything the API server rejects is an error here.
import { type Diagnostic, DiagnosticBag, type DiagnosticPath } from "../errors.js";
import { isRecord } from "../input.js";
import { checkIpBlock } from "../ip-blocks.js";
import { checkPortFields } from "../ports.js";
import type { NetworkPolicyManifest } from "../render/types.js";
import { KINDS } from "./kinds.js";
import { checkObjectMeta, checkSelector } from "./metadata.js";
import { readShape } from "./shapes.js";

/** The result of reading a NetworkPolicy object: the policy when it is valid, and every diagnostic found. */
export interface ParsedNetworkPolicy {
  /** The policy as the API server would store it (nulls read as absent), present when there is no error. */
  readonly policy?: NetworkPolicyManifest;
  /** Errors and warnings, with paths inside the object (`["spec", "ingress", 0, "ports", 1, "port"]`). */
  readonly diagnostics: Diagnostic[];
}

type Rec = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Rec => (isRecord(v) ? v : {});
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** Validates a NetworkPolicy object as the API server would, reporting every problem with its path. */
export function parseNetworkPolicyManifest(value: unknown): ParsedNetworkPolicy {
  const bag = new DiagnosticBag("manifest");
  const policy = readNetworkPolicy(value, bag);
  return bag.errorCount > 0 || policy === undefined ? { diagnostics: bag.items } : { policy, diagnostics: bag.items };
}

/** Reads a NetworkPolicy object by its shape, then checks it; undefined when its shape is wrong. */
export function readNetworkPolicy(value: unknown, bag: DiagnosticBag): NetworkPolicyManifest | undefined {
  const v = rec(value);
  if (v.apiVersion !== "networking.k8s.io/v1")
    bag.error("api-version", ["apiVersion"], {
      apiVersion: v.apiVersion,
      kind: "NetworkPolicy",
      expected: ["networking.k8s.io/v1"],
    });
  if (v.kind !== "NetworkPolicy") bag.error("value", ["kind"], { found: v.kind, expected: '"NetworkPolicy"' });
  const read = readShape(value, (KINDS.NetworkPolicy as (typeof KINDS)[string]).shape, [], bag);
  if (read === undefined) return undefined;
  const policy = withZeroSpec(read as Record<string, unknown>);
  checkNetworkPolicy(read as Rec, bag);
  return policy;
}

/**
 * A NetworkPolicy read by its shape, with the spec the API server gives it: `spec` and its `podSelector` are Go
 * structs, not pointers, so when absent or null they are empty (every pod of the namespace, isolated for ingress).
 */
export function withZeroSpec(read: Record<string, unknown>): NetworkPolicyManifest {
  const spec = isRecord(read.spec) ? read.spec : {};
  spec.podSelector ??= {};
  read.spec = spec;
  return read as unknown as NetworkPolicyManifest;
}

/** Checks a NetworkPolicy read by its shape: names, selectors, peers, ports, policyTypes. */
export function checkNetworkPolicy(value: Rec, bag: DiagnosticBag): void {
  const meta = rec(value.metadata);
  checkObjectMeta(meta, ["metadata"], bag);
  const spec = rec(value.spec);
  if (spec.podSelector !== undefined) checkSelector(spec.podSelector, ["spec", "podSelector"], bag);
  const types = spec.policyTypes;
  if (Array.isArray(types)) {
    if (types.length > 2 || new Set(types).size !== types.length)
      bag.error("policy-types", ["spec", "policyTypes"], { found: types });
    else
      types.forEach((t, i) => {
        if (t !== "Ingress" && t !== "Egress") bag.error("policy-types", ["spec", "policyTypes", i], { found: t });
      });
  }
  const isolated = effectivePolicyTypes(value as unknown as NetworkPolicyManifest);
  for (const [dir, peersKey] of [
    ["ingress", "from"],
    ["egress", "to"],
  ] as const) {
    if (!isolated[dir] && list(spec[dir]).length > 0)
      bag.warn("ignored-rules", ["spec", dir], { name: String(meta.name), direction: dir });
    list(spec[dir]).forEach((rule, i) => {
      const path = ["spec", dir, i];
      list(rec(rule)[peersKey]).forEach((p, j) => checkPeer(rec(p), [...path, peersKey, j], bag));
      list(rec(rule).ports).forEach((p, j) => {
        const { port, endPort, protocol } = rec(p);
        checkPortFields(port, endPort, protocol, [...path, "ports", j], bag);
      });
    });
  }
}

function checkPeer(peer: Rec, path: DiagnosticPath, bag: DiagnosticBag): void {
  const hasSelector = peer.podSelector !== undefined || peer.namespaceSelector !== undefined;
  if (peer.ipBlock !== undefined && hasSelector) bag.error("peer-ip-block-and-selector", path, {});
  else if (peer.ipBlock === undefined && !hasSelector) bag.error("peer-empty", path, {});
  if (peer.podSelector !== undefined) checkSelector(peer.podSelector, [...path, "podSelector"], bag);
  if (peer.namespaceSelector !== undefined) checkSelector(peer.namespaceSelector, [...path, "namespaceSelector"], bag);
  if (peer.ipBlock !== undefined) {
    const block = rec(peer.ipBlock);
    if (block.cidr === undefined)
      bag.error("missing-key", [...path, "ipBlock"], { key: "cidr", expected: "a CIDR such as 10.0.0.0/8" });
    else checkIpBlock(block.cidr, block.except, [...path, "ipBlock"], bag);
  }
}

/**
 * The directions a policy isolates, as the API server defaults them: `policyTypes` when it lists any; else
 * Ingress always, and Egress only when there are egress rules (an empty list counts as absent).
 */
export function effectivePolicyTypes(policy: NetworkPolicyManifest): { ingress: boolean; egress: boolean } {
  const types = policy.spec?.policyTypes;
  if (types && types.length > 0) return { ingress: types.includes("Ingress"), egress: types.includes("Egress") };
  return { ingress: true, egress: (policy.spec?.egress?.length ?? 0) > 0 };
}
