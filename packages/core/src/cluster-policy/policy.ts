// ClusterNetworkPolicy: a cluster-wide policy of the Admin or Baseline tier, with a priority, a subject and ordered
// rules that Accept, Deny or Pass traffic; rendered as a v1alpha2 ClusterNetworkPolicy, or in v1alpha1 as an
// AdminNetworkPolicy or the BaselineAdminNetworkPolicy.
import type { INetworkPolicyPeer, IPodSelector, PodSelectorConfig, TrafficDirection } from "../data.js";
import { type Diagnostic, DiagnosticBag, type DiagnosticPath } from "../errors.js";
import { ownList, readRecord } from "../input.js";
import { checkObjectName, cutSlug, readLabels, slug } from "../labels.js";
import { describe, isPodSelector, selectorOf } from "../peers.js";
import { readAnnotations } from "../policy.js";
import { renderClusterPolicy } from "../render/cluster-policy.js";
import type { ClusterPolicyManifest } from "../render/cluster-types.js";
import {
  type ClusterNetworkPolicyAction,
  type ClusterNetworkPolicyRuleConfig,
  ClusterNetworkPolicyTier,
  ClusterNetworkPolicyVersion,
  type IClusterNetworkPolicyPeer,
} from "./data.js";
import { checkPods } from "./peers.js";
import type { ClusterNetworkPolicyProtocol, ClusterNetworkPolicyProtocolProps } from "./protocols.js";
import { checkCount, type RuleContext, readClusterRule } from "./rules.js";
import { apiVersionOf, BASELINE_V1ALPHA1_NAME, type ClusterPolicyKind, kindOf, MAX_PRIORITY } from "./versions.js";

/** A protocol of a rule: a ClusterNetworkPolicyProtocol, its options, or a NetworkPolicyPort of numbers. */
export type ClusterNetworkPolicyProtocolInput =
  | ClusterNetworkPolicyProtocol
  | ClusterNetworkPolicyProtocolProps
  | { readonly protocol: string; readonly port?: number | string | undefined; readonly endPort?: number | undefined };

/** A peer of an ingress rule: pods or namespaces (Pods, Namespaces, a Workload). */
export type ClusterNetworkPolicyIngressPeer = IPodSelector | INetworkPolicyPeer;

/** A peer of an egress rule: pods or namespaces, Networks (or an IP block without exceptions), Nodes, DomainNames. */
export type ClusterNetworkPolicyEgressPeer = IPodSelector | INetworkPolicyPeer | IClusterNetworkPolicyPeer;

/** An ingress rule: traffic from any of `from`, on `protocols` (all traffic when omitted), gets `action`. */
export interface ClusterNetworkPolicyIngressRule {
  /** A name for people and implementations' logs (at most 100 characters). */
  readonly name?: string;
  /** What the rule does with the traffic it matches. */
  readonly action: ClusterNetworkPolicyAction;
  /** The sources (1 to 25; 100 in v1alpha1): any one matching is enough. */
  readonly from: readonly ClusterNetworkPolicyIngressPeer[];
  /** The ports and protocols (1 to 25; 100 in v1alpha1); omit for all traffic. */
  readonly protocols?: readonly ClusterNetworkPolicyProtocolInput[];
}

/** An egress rule: traffic to any of `to`, on `protocols` (all traffic when omitted), gets `action`. */
export interface ClusterNetworkPolicyEgressRule {
  /** A name for people and implementations' logs (at most 100 characters). */
  readonly name?: string;
  /** What the rule does with the traffic it matches. */
  readonly action: ClusterNetworkPolicyAction;
  /** The destinations (1 to 25; 100 in v1alpha1): any one matching is enough. */
  readonly to: readonly ClusterNetworkPolicyEgressPeer[];
  /** The ports and protocols (1 to 25; 100 in v1alpha1); omit for all traffic. */
  readonly protocols?: readonly ClusterNetworkPolicyProtocolInput[];
}

/** Options of a ClusterNetworkPolicy. */
export interface ClusterNetworkPolicyProps {
  /** The policy's name (a DNS-1123 subdomain); derived from subject, tier and priority when omitted. */
  readonly name?: string;
  /** Admin (before NetworkPolicy) or Baseline (after it). */
  readonly tier: ClusterNetworkPolicyTier;
  /** 0 to 1000: lower is evaluated first within the tier. Required, but for v1alpha1's Baseline policy (none). */
  readonly priority?: number;
  /** The pods the policy applies to: Namespaces, or Pods (or a Workload) in named or selected namespaces. */
  readonly subject: IPodSelector;
  /** Rules for incoming traffic, first match wins (at most 25; 100 in v1alpha1). */
  readonly ingress?: readonly ClusterNetworkPolicyIngressRule[];
  /** Rules for outgoing traffic, first match wins (at most 25; 100 in v1alpha1). */
  readonly egress?: readonly ClusterNetworkPolicyEgressRule[];
  /** The API version to write: v1alpha2 (default, ClusterNetworkPolicy) or v1alpha1 (AdminNetworkPolicy, BaselineAdminNetworkPolicy). */
  readonly version?: ClusterNetworkPolicyVersion;
  /** Labels of the policy object itself. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the policy object itself. */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A cluster-wide policy's parts as plain data, checked (what front ends write in their own formats). */
export interface ClusterNetworkPolicyConfig {
  /** The name. */
  readonly name: string;
  /** The API version it is written in. */
  readonly version: ClusterNetworkPolicyVersion;
  /** The tier. */
  readonly tier: ClusterNetworkPolicyTier;
  /** The priority; undefined for v1alpha1's Baseline policy. */
  readonly priority: number | undefined;
  /** The selected pods (their namespaces always given). */
  readonly subject: PodSelectorConfig;
  /** Ingress rules, in order. */
  readonly ingress: readonly ClusterNetworkPolicyRuleConfig[];
  /** Egress rules, in order. */
  readonly egress: readonly ClusterNetworkPolicyRuleConfig[];
  /** Labels of the policy object. */
  readonly labels: Readonly<Record<string, string>> | undefined;
  /** Annotations of the policy object. */
  readonly annotations: Readonly<Record<string, string>> | undefined;
}

type Props = keyof ClusterNetworkPolicyProps;
const PROPS: readonly Props[] = [
  "name",
  "tier",
  "priority",
  "subject",
  "ingress",
  "egress",
  "version",
  "labels",
  "annotations",
];
const TIERS: readonly string[] = Object.values(ClusterNetworkPolicyTier);
const VERSIONS: readonly string[] = Object.values(ClusterNetworkPolicyVersion);

interface Parts {
  name: string | undefined;
  describe: string;
  version: ClusterNetworkPolicyVersion;
  tier: ClusterNetworkPolicyTier;
  priority: number | undefined;
  subject: PodSelectorConfig;
  ingress: ClusterNetworkPolicyRuleConfig[];
  egress: ClusterNetworkPolicyRuleConfig[];
  labels: Readonly<Record<string, string>> | undefined;
  annotations: Readonly<Record<string, string>> | undefined;
  notes: Diagnostic[];
}

/** What a factory fixes (tier, version), and its name for messages; see `made`. */
let factory: { readonly fixed: Fixed; readonly call: string } | undefined;
type Fixed = Partial<Pick<ClusterNetworkPolicyProps, "tier" | "version">>;

/** A policy made by a factory: the props it fixes are refused when given (an unknown key), not overridden. */
function made(props: unknown, fixed: Fixed, call: string): ClusterNetworkPolicy {
  factory = { fixed, call };
  return new ClusterNetworkPolicy(props as ClusterNetworkPolicyProps);
}

/** A cluster-wide policy (policy.networking.k8s.io) as a plain value: checked once, rendered by one renderer. */
export class ClusterNetworkPolicy {
  /** An Admin-tier policy (v1alpha2 unless `version` says v1alpha1): evaluated before NetworkPolicy. */
  static admin(props: Omit<ClusterNetworkPolicyProps, "tier">): ClusterNetworkPolicy {
    return made(props, { tier: "Admin" }, "ClusterNetworkPolicy.admin");
  }

  /** A Baseline-tier policy (v1alpha2 unless `version` says v1alpha1): evaluated for what NetworkPolicy leaves open. */
  static baseline(props: Omit<ClusterNetworkPolicyProps, "tier">): ClusterNetworkPolicy {
    return made(props, { tier: "Baseline" }, "ClusterNetworkPolicy.baseline");
  }

  /** A v1alpha1 AdminNetworkPolicy: the Admin tier as the older API writes it (`Allow` for Accept, `ports`). */
  static adminNetworkPolicy(props: Omit<ClusterNetworkPolicyProps, "tier" | "version">): ClusterNetworkPolicy {
    return made(props, { tier: "Admin", version: "v1alpha1" }, "ClusterNetworkPolicy.adminNetworkPolicy");
  }

  /** The v1alpha1 BaselineAdminNetworkPolicy: one per cluster, named `default`, no priority, Allow and Deny only. */
  static baselineAdminNetworkPolicy(
    props: Omit<ClusterNetworkPolicyProps, "tier" | "version" | "priority">,
  ): ClusterNetworkPolicy {
    return made(props, { tier: "Baseline", version: "v1alpha1" }, "ClusterNetworkPolicy.baselineAdminNetworkPolicy");
  }

  #parts: Parts;

  /** Creates a policy; every problem of the props is reported at once in one NetpolError. */
  constructor(props: ClusterNetworkPolicyProps) {
    // A factory's call leaves what it fixes here for this one synchronous construction.
    const made = factory;
    factory = undefined;
    this.#parts = readProps(props, made?.fixed ?? {}, made?.call);
  }

  /** The policy's name: as given, else derived (`default` for v1alpha1's Baseline policy). */
  get name(): string {
    const p = this.#parts;
    if (p.name !== undefined) return p.name;
    if (p.version === "v1alpha1" && p.tier === "Baseline") return BASELINE_V1ALPHA1_NAME;
    return cutSlug(slug(`${p.describe}-${p.tier}${p.priority === undefined ? "" : `-${p.priority}`}`), 253);
  }

  /** Admin or Baseline. */
  get tier(): ClusterNetworkPolicyTier {
    return this.#parts.tier;
  }

  /** The priority within the tier (lower first); undefined for v1alpha1's Baseline policy. */
  get priority(): number | undefined {
    return this.#parts.priority;
  }

  /** The API version it is written in. */
  get version(): ClusterNetworkPolicyVersion {
    return this.#parts.version;
  }

  /** `policy.networking.k8s.io/<version>`. */
  get apiVersion(): string {
    return apiVersionOf(this.#parts.version);
  }

  /** The kind it renders as: ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy. */
  get kind(): ClusterPolicyKind {
    return kindOf(this.#parts.version, this.#parts.tier);
  }

  /** Appends an ingress rule (evaluated after the rules before it); a NetpolError lists every problem. */
  addIngressRule(rule: ClusterNetworkPolicyIngressRule): this {
    return this.#add("ingress", rule);
  }

  /** Appends an egress rule (evaluated after the rules before it); a NetpolError lists every problem. */
  addEgressRule(rule: ClusterNetworkPolicyEgressRule): this {
    return this.#add("egress", rule);
  }

  #add(direction: TrafficDirection, rule: unknown): this {
    const bag = new DiagnosticBag();
    const p = this.#parts;
    const rules = p[direction];
    checkCount([...rules, rule], "rules", p.version, [direction], bag);
    const read = readClusterRule(rule, { version: p.version, tier: p.tier, direction }, [direction, rules.length], bag);
    bag.throwIfErrors();
    p.notes.push(...bag.warnings);
    if (read) rules.push(read);
    return this;
  }

  /** The policy's parts as plain data (a snapshot: later rules are not reflected). */
  toConfig(): ClusterNetworkPolicyConfig {
    const p = this.#parts;
    return {
      name: this.name,
      version: p.version,
      tier: p.tier,
      priority: p.priority,
      subject: p.subject,
      ingress: [...p.ingress],
      egress: [...p.egress],
      labels: p.labels,
      annotations: p.annotations,
    };
  }

  /** Warnings about this policy (experimental fields, host bits, named ports beside IP peers, no rules), naming it. */
  get warnings(): Diagnostic[] {
    const p = this.#parts;
    const bag = new DiagnosticBag();
    if (p.ingress.length === 0 && p.egress.length === 0) bag.warn("cluster-policy-empty", [], {});
    const subject = `${this.kind} ${this.name}`;
    return [...p.notes, ...bag.items].map((d) => ({ ...d, subject }));
  }

  /** The plain manifest of its kind and version: canonical order, rules in their order, no namespace. */
  toManifest(): ClusterPolicyManifest {
    return renderClusterPolicy({ ...this.toConfig() });
  }
}

/** Reads and checks a policy's props; every problem is reported at once in one NetpolError. */
function readProps(props: unknown, fixed: Fixed, call: string | undefined): Parts {
  const bag = new DiagnosticBag();
  const keys = PROPS.filter((k) => !(k in fixed));
  const expected = call ? `${call} props (an object)` : "ClusterNetworkPolicy props (an object)";
  const p = readRecord(props, keys, [], bag, expected) ?? ({} as Record<Props, unknown>);
  const given = { ...p, ...fixed } as Record<Props, unknown>;
  const version = readVersion(given.version, bag);
  const tier = readTier(given.tier, bag);
  const baselineV1 = version === "v1alpha1" && tier === "Baseline";
  const priority = readPriority(given.priority, baselineV1, bag);
  if (given.name !== undefined) {
    checkObjectName(given.name, ["name"], bag);
    if (baselineV1 && given.name !== BASELINE_V1ALPHA1_NAME)
      bag.error("v1alpha1-unsupported", ["name"], { what: "baseline-name", name: String(given.name) });
  }
  let subject: PodSelectorConfig | undefined;
  if (given.subject === undefined)
    bag.error("missing-key", [], { key: "subject", expected: "Namespaces or Pods in namespaces" });
  else if (!isPodSelector(given.subject)) bag.error("not-a-selector", ["subject"], { found: given.subject });
  else {
    subject = selectorOf(given.subject, ["subject"], bag);
    if (subject && !checkPods(subject, ["subject"], bag)) subject = undefined;
  }
  const context = (direction: TrafficDirection): RuleContext => ({ version, tier, direction });
  const ingress = readRules(given.ingress, context("ingress"), bag);
  const egress = readRules(given.egress, context("egress"), bag);
  const labels = given.labels === undefined ? undefined : readLabels(given.labels, ["labels"], bag);
  const annotations = given.annotations === undefined ? undefined : readAnnotations(given.annotations, bag);
  bag.throwIfErrors();
  return {
    name: given.name as string | undefined,
    describe: describe(given.subject),
    version,
    tier: tier as ClusterNetworkPolicyTier,
    priority,
    subject: subject as PodSelectorConfig,
    ingress,
    egress,
    labels,
    annotations,
    notes: bag.warnings,
  };
}

function readVersion(value: unknown, bag: DiagnosticBag): ClusterNetworkPolicyVersion {
  if (value === undefined) return "v1alpha2";
  if (VERSIONS.includes(value as string)) return value as ClusterNetworkPolicyVersion;
  bag.error("value", ["version"], { found: value, expected: "ClusterNetworkPolicyVersion.V1ALPHA2 or V1ALPHA1" });
  return "v1alpha2";
}

function readTier(value: unknown, bag: DiagnosticBag): ClusterNetworkPolicyTier | undefined {
  if (value === undefined) {
    bag.error("missing-key", [], { key: "tier", expected: "ClusterNetworkPolicyTier.ADMIN or BASELINE" });
    return undefined;
  }
  if (TIERS.includes(value as string)) return value as ClusterNetworkPolicyTier;
  bag.error("cluster-tier", ["tier"], {
    value,
    suggestion: typeof value === "string" ? didYouMeanTier(value) : undefined,
  });
  return undefined;
}

function didYouMeanTier(value: string): string | undefined {
  const lower = value.toLowerCase();
  return TIERS.find((t) => t.toLowerCase() === lower || lower.startsWith(t.toLowerCase().slice(0, 3)));
}

/** The priority: an integer 0–1000; v1alpha1's Baseline policy has none. */
function readPriority(value: unknown, baselineV1: boolean, bag: DiagnosticBag): number | undefined {
  if (baselineV1) {
    if (value !== undefined) bag.error("v1alpha1-unsupported", ["priority"], { what: "baseline-priority" });
    return undefined;
  }
  if (value === undefined) {
    bag.error("missing-key", [], { key: "priority", expected: `an integer from 0 to ${MAX_PRIORITY}` });
    return undefined;
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_PRIORITY) {
    bag.error("cluster-priority", ["priority"], { value });
    return undefined;
  }
  return value;
}

function readRules(value: unknown, context: RuleContext, bag: DiagnosticBag): ClusterNetworkPolicyRuleConfig[] {
  if (value === undefined) return [];
  const path: DiagnosticPath = [context.direction];
  const list = ownList(value);
  if (list === undefined) {
    bag.error("type", path, { found: value, expected: "a list of rules" });
    return [];
  }
  checkCount(list, "rules", context.version, path, bag);
  const out: ClusterNetworkPolicyRuleConfig[] = [];
  list.forEach((r, i) => {
    const rule = readClusterRule(r, context, [...path, i], bag);
    if (rule) out.push(rule);
  });
  return out;
}
