// Label selectors, pod selectors and namespace selectors: `Pods`, `Namespaces`, `LabelExpression`.
import { checkedValue, checkOnce, isChecked } from "./checked.js";
import { DiagnosticBag } from "./errors.js";
import {
  checkLabelKey,
  checkLabels,
  checkLabelValue,
  checkNamespaceName,
  frozenLabels,
  type Labels,
} from "./labels.js";
import { checkKnownKeys, isRecord } from "./options.js";
import type { NetworkPolicyPeerConfig } from "./peers.js";
import type { LabelSelectorOperator } from "./render/types.js";

/** One requirement of a label selector, e.g. `tier In (web, api)`. */
export class LabelExpression {
  /** Label `key` has one of `values`. */
  static in(key: string, values: readonly string[]): LabelExpression {
    return new LabelExpression(key, "In", values);
  }

  /** Label `key` is absent or has none of `values`. */
  static notIn(key: string, values: readonly string[]): LabelExpression {
    return new LabelExpression(key, "NotIn", values);
  }

  /** Label `key` is present, whatever its value. */
  static exists(key: string): LabelExpression {
    return new LabelExpression(key, "Exists");
  }

  /** Label `key` is absent. */
  static doesNotExist(key: string): LabelExpression {
    return new LabelExpression(key, "DoesNotExist");
  }

  /** The label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: LabelSelectorOperator;
  /** The values, for `In` and `NotIn`. */
  readonly values: readonly string[] | undefined;

  private constructor(key: string, operator: LabelSelectorOperator, values?: readonly string[]) {
    const bag = new DiagnosticBag();
    checkExpression({ key, operator, values }, "expression", bag);
    bag.throwIfErrors();
    this.key = key;
    this.operator = operator;
    this.values = values === undefined ? undefined : [...values];
  }
}

/** A label selector as plain data: all `labels` must match and every expression must hold. Empty selects all. */
export interface LabelSelectorSpec {
  /** Exact label matches. */
  readonly labels?: Labels;
  /** Set-based requirements. */
  readonly expressions?: readonly LabelExpressionSpec[];
}

/** A label requirement as plain data (a `LabelExpression` is one). */
export interface LabelExpressionSpec {
  /** The label key. */
  readonly key: string;
  /** The operator. */
  readonly operator: LabelSelectorOperator;
  /** The values, for `In` and `NotIn`. */
  readonly values?: readonly string[] | undefined;
}

/** Which namespaces a pod selector reaches into; absent means the policy's own namespace. */
export interface NamespaceSelectorConfig {
  /** Namespaces selected by labels; an empty selector selects every namespace. */
  readonly labelSelector?: LabelSelectorSpec;
  /** Namespaces selected by name. */
  readonly names?: readonly string[];
}

/** A pod selector as plain data: which pods, in which namespaces. */
export interface PodSelectorConfig {
  /** Labels of the selected pods. */
  readonly labelSelector: LabelSelectorSpec;
  /** Namespaces of the selected pods; undefined means the namespace of the policy. */
  readonly namespaces?: NamespaceSelectorConfig | undefined;
}

/** Anything that selects pods: `Pods`, `Namespaces`, a `Workload`, or a custom implementation. */
export interface IPodSelector {
  /** The selected pods as plain data. */
  toPodSelectorConfig(): PodSelectorConfig;
}

/** Anything that selects namespaces: `Namespaces` or a custom implementation. */
export interface INamespaceSelector {
  /** The selected namespaces as plain data. */
  toNamespaceSelectorConfig(): NamespaceSelectorConfig;
}

/** Options of `Pods.select`. */
export interface PodsSelectOptions {
  /** Labels the pods must carry. */
  readonly labels?: Labels;
  /** Expressions the pods' labels must satisfy. */
  readonly expressions?: readonly LabelExpressionSpec[];
  /** Namespaces to look in; default the policy's namespace. */
  readonly namespaces?: INamespaceSelector;
}

/** Options of `Pods.all`. */
export interface PodsAllOptions {
  /** Namespaces to look in; default the policy's namespace. */
  readonly namespaces?: INamespaceSelector;
}

/** Pods selected by labels, usable as a policy selector and as a peer. */
export class Pods implements IPodSelector {
  /** Pods whose labels match, optionally in the given namespaces. */
  static select(options: PodsSelectOptions): Pods {
    const bag = new DiagnosticBag();
    if (!isRecord(options)) bag.error({ code: "options", path: "Pods.select", message: "options must be an object" });
    else {
      checkKnownKeys(options, ["labels", "expressions", "namespaces"], "Pods.select", bag);
      checkSelectorSpec(options, "Pods.select", bag);
    }
    bag.throwIfErrors();
    return new Pods(normalizeSelector(options), options.namespaces?.toNamespaceSelectorConfig());
  }

  /** Every pod, optionally in the given namespaces. */
  static all(options: PodsAllOptions = {}): Pods {
    const bag = new DiagnosticBag();
    checkKnownKeys(options, ["namespaces"], "Pods.all", bag);
    bag.throwIfErrors();
    return new Pods({}, options.namespaces?.toNamespaceSelectorConfig());
  }

  // Frozen once here and handed out as is, so core checks them once however often they are used (see checked.ts).
  private readonly config: PodSelectorConfig;
  private readonly peer: NetworkPolicyPeerConfig;

  private constructor(labelSelector: LabelSelectorSpec, namespaces: NamespaceSelectorConfig | undefined) {
    // select() and all() checked the labels and expressions. The namespaces config is the caller's (an
    // INamespaceSelector's): it is checked where it is used, and frozen only if it already is.
    this.config = Object.freeze({ labelSelector: checkedValue(labelSelector), namespaces });
    this.peer = Object.freeze({ podSelector: this.config });
    if (namespaces === undefined || isChecked(namespaces)) Object.freeze(this);
  }

  /** The selected pods as plain data. */
  toPodSelectorConfig(): PodSelectorConfig {
    return this.config;
  }

  /** The peer these pods form. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig {
    return this.peer;
  }

  /** Pods are their own pod selector. */
  toPodSelector(): IPodSelector {
    return this;
  }
}

/** Options of `Namespaces.select`. */
export interface NamespacesSelectOptions {
  /** Namespace names. */
  readonly names?: readonly string[];
  /** Labels the namespaces must carry. */
  readonly labels?: Labels;
  /** Expressions the namespaces' labels must satisfy. */
  readonly expressions?: readonly LabelExpressionSpec[];
}

/** Namespaces selected by name or labels; as a peer, every pod in them. */
export class Namespaces implements INamespaceSelector, IPodSelector {
  /** Namespaces matching names and/or labels. */
  static select(options: NamespacesSelectOptions): Namespaces {
    const bag = new DiagnosticBag();
    if (!isRecord(options))
      bag.error({ code: "options", path: "Namespaces.select", message: "options must be an object" });
    else {
      checkKnownKeys(options, ["names", "labels", "expressions"], "Namespaces.select", bag);
      checkSelectorSpec(options, "Namespaces.select", bag);
      if (options.names !== undefined) {
        if (!Array.isArray(options.names))
          bag.error({ code: "names", path: "Namespaces.select.names", message: "names must be a list" });
        else options.names.forEach((n, i) => checkNamespaceName(n, `Namespaces.select.names[${i}]`, bag));
      }
    }
    bag.throwIfErrors();
    const names = options.names === undefined ? undefined : [...new Set(options.names)].sort();
    return new Namespaces({ labelSelector: normalizeSelector(options), ...(names ? { names } : {}) });
  }

  /** Every namespace. */
  static all(): Namespaces {
    return new Namespaces({ labelSelector: {} });
  }

  private readonly config: NamespaceSelectorConfig;
  private readonly pods: PodSelectorConfig;
  private readonly peer: NetworkPolicyPeerConfig;

  private constructor(config: NamespaceSelectorConfig) {
    // select() and all() checked the config: frozen and handed out as is, it is not checked again (see checked.ts).
    this.config = checkedValue(config);
    this.pods = checkedValue({ labelSelector: {}, namespaces: this.config });
    this.peer = Object.freeze({ podSelector: this.pods });
    Object.freeze(this);
  }

  /** The selected namespaces as plain data. */
  toNamespaceSelectorConfig(): NamespaceSelectorConfig {
    return this.config;
  }

  /** Every pod in these namespaces. */
  toPodSelectorConfig(): PodSelectorConfig {
    return this.pods;
  }

  /** The peer: every pod in these namespaces. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig {
    return this.peer;
  }

  /** Namespaces select the pods in them. */
  toPodSelector(): IPodSelector {
    return this;
  }
}

/** Reports problems of one label expression. */
export function checkExpression(e: unknown, path: string, bag: DiagnosticBag): void {
  if (!isRecord(e)) {
    bag.error({
      code: "expression",
      path,
      message: "expression must be an object",
      expected: "{ key, operator, values? }",
    });
    return;
  }
  checkLabelKey(e.key, `${path}.key`, bag);
  const op = e.operator;
  if (op === "In" || op === "NotIn") {
    if (!Array.isArray(e.values) || e.values.length === 0) {
      bag.error({
        code: "expression-values",
        path: `${path}.values`,
        message: `operator ${op} needs at least one value`,
        expected: "a non-empty list of label values",
      });
    } else e.values.forEach((v, i) => checkLabelValue(v, `${path}.values[${i}]`, bag));
  } else if (op === "Exists" || op === "DoesNotExist") {
    if (e.values !== undefined && !(Array.isArray(e.values) && e.values.length === 0)) {
      bag.error({
        code: "expression-values",
        path: `${path}.values`,
        message: `operator ${op} takes no values`,
        expected: "no values",
        hint: `Use In or NotIn to match values, or drop "values"`,
      });
    }
  } else {
    bag.error({
      code: "expression-operator",
      path: `${path}.operator`,
      message: `unknown operator ${JSON.stringify(op)}`,
      expected: "In, NotIn, Exists or DoesNotExist",
    });
  }
}

/** Reports problems of the labels and expressions of a selector spec. */
export function checkSelectorSpec(
  spec: { labels?: unknown; expressions?: unknown },
  path: string,
  bag: DiagnosticBag,
): void {
  checkOnce(spec, path, bag, checkSelectorSpecNow);
}

function checkSelectorSpecNow(
  { labels, expressions }: { labels?: unknown; expressions?: unknown },
  path: string,
  bag: DiagnosticBag,
): void {
  checkLabels(labels, `${path}.labels`, bag);
  if (expressions === undefined) return;
  if (!Array.isArray(expressions)) {
    bag.error({ code: "expressions", path: `${path}.expressions`, message: "expressions must be a list" });
    return;
  }
  expressions.forEach((e, i) => checkExpression(e, `${path}.expressions[${i}]`, bag));
}

/** Copies a selector spec into canonical plain data (no class instances, no undefined fields). */
export function normalizeSelector(spec: {
  labels?: Labels;
  expressions?: readonly LabelExpressionSpec[];
}): LabelSelectorSpec {
  const out: { labels?: Labels; expressions?: LabelExpressionSpec[] } = {};
  if (spec.labels && Object.keys(spec.labels).length > 0) out.labels = frozenLabels(spec.labels);
  if (spec.expressions && spec.expressions.length > 0) {
    out.expressions = spec.expressions.map((e) => ({
      key: e.key,
      operator: e.operator,
      ...(e.values !== undefined && (e.operator === "In" || e.operator === "NotIn") ? { values: [...e.values] } : {}),
    }));
  }
  return out;
}

/** True when the selector selects everything. */
export function isEmptySelector(spec: LabelSelectorSpec | undefined): boolean {
  if (!spec) return true;
  if (spec.expressions !== undefined && spec.expressions.length > 0) return false;
  for (const _ in spec.labels) return false;
  return true;
}
