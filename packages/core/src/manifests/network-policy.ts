// Strict reading of an existing NetworkPolicy object: everything the API server rejects is an error here.
import { type Diagnostic, DiagnosticBag } from "../errors.js";
import { checkIpBlock } from "../ip-blocks.js";
import { checkLabels, checkNamespaceName, checkObjectName } from "../labels.js";
import { checkKnownKeys, isRecord } from "../options.js";
import { ALL_PORTS_IN_MANIFEST, checkPort } from "../ports.js";
import type {
  LabelSelectorManifest,
  NetworkPolicyManifest,
  NetworkPolicyPeerManifest,
  NetworkPolicyPortManifest,
} from "../render/types.js";
import { checkExpression } from "../selectors.js";

/** The result of reading a NetworkPolicy object: the policy when it is valid, and every diagnostic found. */
export interface ParsedNetworkPolicy {
  /** The policy, present when there is no error. */
  readonly policy?: NetworkPolicyManifest;
  /** Errors and warnings, with paths inside the object (`spec.ingress[0].ports[1].port`). */
  readonly diagnostics: Diagnostic[];
}

/** Validates a NetworkPolicy object as the API server would, reporting every problem with its path. */
export function parseNetworkPolicyManifest(value: unknown, path = ""): ParsedNetworkPolicy {
  const bag = new DiagnosticBag();
  const at = (p: string) => (path ? `${path}.${p}` : p);
  if (!isRecord(value)) {
    bag.error({ code: "manifest", path, message: "a NetworkPolicy must be an object" });
    return { diagnostics: bag.items };
  }
  if (value.apiVersion !== "networking.k8s.io/v1")
    bag.error({
      code: "api-version",
      path: at("apiVersion"),
      message: `unsupported apiVersion ${JSON.stringify(value.apiVersion)}`,
      expected: "networking.k8s.io/v1",
    });
  if (value.kind !== "NetworkPolicy")
    bag.error({
      code: "kind",
      path: at("kind"),
      message: `kind ${JSON.stringify(value.kind)}`,
      expected: "NetworkPolicy",
    });
  const meta = value.metadata;
  if (!isRecord(meta))
    bag.error({ code: "metadata", path: at("metadata"), message: "metadata is missing", expected: "metadata.name" });
  else {
    checkObjectName(meta.name, at("metadata.name"), bag);
    if (meta.namespace !== undefined) checkNamespaceName(meta.namespace, at("metadata.namespace"), bag);
    checkLabels(meta.labels, at("metadata.labels"), bag);
    const notes = meta.annotations;
    if (notes !== undefined && (!isRecord(notes) || Object.values(notes).some((v) => typeof v !== "string")))
      bag.error({
        code: "annotations",
        path: at("metadata.annotations"),
        message: "annotations must map keys to strings",
      });
  }
  const spec = value.spec;
  if (spec !== undefined && !isRecord(spec))
    bag.error({ code: "spec", path: at("spec"), message: "spec must be an object" });
  if (isRecord(spec)) checkSpec(spec, at("spec"), bag);
  if (bag.errors.length > 0) return { diagnostics: bag.items };
  return { policy: value as unknown as NetworkPolicyManifest, diagnostics: bag.items };
}

function checkSpec(spec: Record<string, unknown>, path: string, bag: DiagnosticBag): void {
  checkKnownKeys(spec, ["podSelector", "policyTypes", "ingress", "egress"], path, bag);
  if (spec.podSelector !== undefined) checkSelector(spec.podSelector, `${path}.podSelector`, bag);
  const types = spec.policyTypes;
  if (types !== undefined) {
    if (!Array.isArray(types) || types.length > 2 || new Set(types).size !== types.length) {
      bag.error({
        code: "policy-types",
        path: `${path}.policyTypes`,
        message: "policyTypes must list Ingress and/or Egress, each once",
        expected: "[Ingress], [Egress] or [Ingress, Egress]",
      });
    } else {
      types.forEach((t, i) => {
        if (t !== "Ingress" && t !== "Egress")
          bag.error({
            code: "policy-types",
            path: `${path}.policyTypes[${i}]`,
            message: `unknown policy type ${JSON.stringify(t)}`,
            expected: "Ingress or Egress",
          });
      });
    }
  }
  for (const [dir, peersKey] of [
    ["ingress", "from"],
    ["egress", "to"],
  ] as const) {
    const rules = spec[dir];
    if (rules === undefined || rules === null) continue;
    if (!Array.isArray(rules)) {
      bag.error({ code: "rules", path: `${path}.${dir}`, message: `${dir} must be a list of rules` });
      continue;
    }
    rules.forEach((rule, i) => checkRule(rule, peersKey, `${path}.${dir}[${i}]`, bag));
  }
}

function checkRule(rule: unknown, peersKey: "from" | "to", path: string, bag: DiagnosticBag): void {
  if (rule === null) return; // `- ` in YAML: an empty rule, which Kubernetes reads as `{}`.
  if (!isRecord(rule)) {
    bag.error({ code: "rule", path, message: "a rule must be an object", expected: `{ ${peersKey}?, ports? }` });
    return;
  }
  checkKnownKeys(rule, [peersKey, "ports"], path, bag);
  const peers = rule[peersKey];
  if (peers !== undefined && peers !== null) {
    if (!Array.isArray(peers))
      bag.error({ code: "peers", path: `${path}.${peersKey}`, message: `${peersKey} must be a list` });
    else peers.forEach((p, i) => checkPeer(p, `${path}.${peersKey}[${i}]`, bag));
  }
  const ports = rule.ports;
  if (ports !== undefined && ports !== null) {
    if (!Array.isArray(ports)) bag.error({ code: "ports", path: `${path}.ports`, message: "ports must be a list" });
    else ports.forEach((p, i) => checkPort(p ?? {}, `${path}.ports[${i}]`, bag, ALL_PORTS_IN_MANIFEST));
  }
}

function checkPeer(peer: unknown, path: string, bag: DiagnosticBag): void {
  if (!isRecord(peer)) {
    bag.error({
      code: "peer",
      path,
      message: "a peer must be an object",
      expected: "{ podSelector?, namespaceSelector? } or { ipBlock }",
    });
    return;
  }
  checkKnownKeys(peer, ["podSelector", "namespaceSelector", "ipBlock"], path, bag);
  const hasSelector = peer.podSelector !== undefined || peer.namespaceSelector !== undefined;
  if (peer.ipBlock !== undefined && hasSelector) {
    bag.error({
      code: "peer",
      path,
      message: "a peer cannot combine ipBlock with a pod or namespace selector",
      hint: "Split it into two peers",
    });
  } else if (peer.ipBlock === undefined && !hasSelector) {
    bag.error({
      code: "peer",
      path,
      message: "an empty peer selects nothing",
      expected: "podSelector, namespaceSelector or ipBlock",
    });
  }
  if (peer.podSelector !== undefined) checkSelector(peer.podSelector, `${path}.podSelector`, bag);
  if (peer.namespaceSelector !== undefined) checkSelector(peer.namespaceSelector, `${path}.namespaceSelector`, bag);
  if (peer.ipBlock !== undefined) {
    if (!isRecord(peer.ipBlock))
      bag.error({ code: "ip-block", path: `${path}.ipBlock`, message: "ipBlock must be an object" });
    else {
      checkKnownKeys(peer.ipBlock, ["cidr", "except"], `${path}.ipBlock`, bag);
      checkIpBlock(peer.ipBlock.cidr, peer.ipBlock.except ?? undefined, `${path}.ipBlock`, bag);
    }
  }
}

function checkSelector(sel: unknown, path: string, bag: DiagnosticBag): void {
  if (sel === null) return;
  if (!isRecord(sel)) {
    bag.error({
      code: "selector",
      path,
      message: "a label selector must be an object",
      expected: "{ matchLabels?, matchExpressions? }",
    });
    return;
  }
  checkKnownKeys(sel, ["matchLabels", "matchExpressions"], path, bag);
  if (sel.matchLabels !== null) checkLabels(sel.matchLabels, `${path}.matchLabels`, bag);
  const exprs = sel.matchExpressions;
  if (exprs === undefined || exprs === null) return;
  if (!Array.isArray(exprs))
    bag.error({ code: "expressions", path: `${path}.matchExpressions`, message: "matchExpressions must be a list" });
  else exprs.forEach((e, i) => checkExpression(e, `${path}.matchExpressions[${i}]`, bag));
}

/** A selector with YAML nulls read as absent. */
export function selectorOf(sel: LabelSelectorManifest | null | undefined): LabelSelectorManifest {
  return {
    ...(sel?.matchLabels ? { matchLabels: sel.matchLabels } : {}),
    ...(sel?.matchExpressions ? { matchExpressions: sel.matchExpressions } : {}),
  };
}

/** Peers of a rule with YAML nulls read as absent; undefined means any peer. */
export function peersOf(
  peers: NetworkPolicyPeerManifest[] | null | undefined,
): NetworkPolicyPeerManifest[] | undefined {
  return peers && peers.length > 0 ? peers : undefined;
}

/** Ports of a rule with YAML nulls read as absent; undefined means every port. */
export function portsOf(
  ports: (NetworkPolicyPortManifest | null)[] | null | undefined,
): NetworkPolicyPortManifest[] | undefined {
  return ports && ports.length > 0 ? ports.map((p) => p ?? {}) : undefined;
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
