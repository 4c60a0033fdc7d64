// Label selectors, pod selectors and namespace selectors: `Pods`, `Namespaces`, `LabelExpression`, and the reading
// of any selector config into the canonical, checked, frozen form policies keep.
import type {
  INamespaceSelector,
  IPodSelector,
  LabelExpressionSpec,
  LabelSelectorSpec,
  Labels,
  NamespaceSelectorConfig,
  NetworkPolicyPeerConfig,
  PodSelectorConfig,
} from "./data.js";
import { DiagnosticBag, type DiagnosticPath } from "./errors.js";
import { isRecord, ownList, readRecord } from "./input.js";
import { checkLabelKey, checkLabelValue, checkNamespaceName, readLabels } from "./labels.js";
import type { LabelSelectorOperator } from "./render/types.js";
import { compareStrings } from "./text.js";

export type {
  INamespaceSelector,
  IPodSelector,
  LabelExpressionSpec,
  LabelSelectorSpec,
  NamespaceSelectorConfig,
  PodSelectorConfig,
} from "./data.js";

const OPERATORS: readonly string[] = ["In", "NotIn", "Exists", "DoesNotExist"];
const EMPTY: LabelSelectorSpec = Object.freeze({});

/** Reads one label expression (own data, checked); undefined when it is no record. */
export function readExpression(
  value: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): LabelExpressionSpec | undefined {
  const e = readRecord(value, ["key", "operator", "values"], path, bag, "{ key, operator, values? }");
  if (e === undefined) return undefined;
  checkLabelKey(e.key, [...path, "key"], bag);
  const op = e.operator;
  const values = e.values === undefined ? undefined : ownList(e.values);
  if (e.values !== undefined && values === undefined)
    bag.error("type", [...path, "values"], { found: e.values, expected: "a list of label values" });
  if (!OPERATORS.includes(op as string)) bag.error("expression-operator", [...path, "operator"], { operator: op });
  else if (op === "In" || op === "NotIn") {
    if (values === undefined || values.length === 0)
      bag.error("expression-values", [...path, "values"], { operator: op });
    else values.forEach((v, i) => checkLabelValue(v, [...path, "values", i], bag));
  } else if (values !== undefined && values.length > 0)
    bag.error("expression-values", [...path, "values"], { operator: op as string });
  const operator = op as LabelSelectorOperator;
  const kept =
    operator === "In" || operator === "NotIn" ? { values: Object.freeze([...((values ?? []) as string[])]) } : {};
  return Object.freeze({ key: e.key as string, operator, ...kept });
}

/** Reads a list of label expressions. */
function readExpressions(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): LabelExpressionSpec[] {
  const list = ownList(value);
  if (list === undefined) {
    bag.error("type", path, { found: value, expected: "a list of label expressions" });
    return [];
  }
  const out: LabelExpressionSpec[] = [];
  list.forEach((e, i) => {
    const read = readExpression(e, [...path, i], bag);
    if (read) out.push(read);
  });
  return out;
}

/** The canonical selector of `labels` and `expressions` as read: empty parts left out, frozen. */
function selectorSpec(
  labels: Labels | undefined,
  expressions: readonly LabelExpressionSpec[] | undefined,
): LabelSelectorSpec {
  const hasLabels = labels !== undefined && Object.keys(labels).length > 0;
  const hasExpressions = expressions !== undefined && expressions.length > 0;
  if (!hasExpressions) return hasLabels ? Object.freeze({ labels }) : EMPTY;
  const frozen = Object.freeze([...expressions]);
  return Object.freeze(hasLabels ? { labels, expressions: frozen } : { expressions: frozen });
}

/** Reads the `labels` and `expressions` fields of an options record into a selector. */
function readSelectorFields(
  record: Readonly<Record<string, unknown>>,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): LabelSelectorSpec {
  const labels = record.labels === undefined ? undefined : readLabels(record.labels, [...path, "labels"], bag);
  const expressions =
    record.expressions === undefined ? undefined : readExpressions(record.expressions, [...path, "expressions"], bag);
  return selectorSpec(labels, expressions);
}

/** Reads a label selector given as plain data (`{ labels?, expressions? }`). */
export function readLabelSelector(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): LabelSelectorSpec {
  const record = readRecord(value, ["labels", "expressions"], path, bag, "{ labels?, expressions? }");
  return record === undefined ? EMPTY : readSelectorFields(record, path, bag);
}

/** Reads a list of namespace names: at least one, each a valid name; sorted, without repeats. */
function readNames(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): readonly string[] | undefined {
  const list = ownList(value);
  if (list === undefined) {
    bag.error("type", path, { found: value, expected: "a list of namespace names" });
    return undefined;
  }
  if (list.length === 0) {
    // An empty list would render as a selector of every namespace: the opposite of what it says.
    bag.error("names-empty", path, {});
    return undefined;
  }
  list.forEach((n, i) => checkNamespaceName(n, [...path, i], bag));
  if (list.length === 1) return Object.freeze(list as string[]);
  return Object.freeze([...new Set(list as string[])].sort(compareStrings));
}

/** Reads a namespace selector config (any implementation's) into its canonical, checked form. */
export function readNamespaceSelectorConfig(
  value: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): NamespaceSelectorConfig | undefined {
  const record = readRecord(value, ["labelSelector", "names"], path, bag, "{ labelSelector?, names? }");
  if (record === undefined) return undefined;
  const labelSelector =
    record.labelSelector === undefined
      ? EMPTY
      : readLabelSelector(record.labelSelector, [...path, "labelSelector"], bag);
  const names = record.names === undefined ? undefined : readNames(record.names, [...path, "names"], bag);
  return Object.freeze({ labelSelector, ...(names ? { names } : {}) });
}

/**
 * Pod selector configs read during one operation, by the object read: an operation that meets the same object twice
 * (a peer's config and its pods, say) reads it once and uses that one reading for both.
 */
export type SelectorReads = Map<object, PodSelectorConfig>;

/** Reads a pod selector config (any implementation's) into its canonical, checked form. */
export function readPodSelectorConfig(
  value: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
  reads?: SelectorReads,
): PodSelectorConfig | undefined {
  const earlier = reads && isRecord(value) ? reads.get(value) : undefined;
  if (earlier) return earlier;
  const errors = bag.errorCount;
  const read = readPodSelector(value, path, bag);
  if (reads && read && isRecord(value) && bag.errorCount === errors) reads.set(value, read);
  return read;
}

function readPodSelector(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): PodSelectorConfig | undefined {
  const record = readRecord(value, ["labelSelector", "namespaces"], path, bag, "{ labelSelector, namespaces? }");
  if (record === undefined) return undefined;
  const labelSelector =
    record.labelSelector === undefined
      ? EMPTY
      : readLabelSelector(record.labelSelector, [...path, "labelSelector"], bag);
  const namespaces =
    record.namespaces === undefined
      ? undefined
      : readNamespaceSelectorConfig(record.namespaces, [...path, "namespaces"], bag);
  return Object.freeze({ labelSelector, namespaces });
}

/** What an INamespaceSelector selects, read once and checked. */
function namespacesOf(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): NamespaceSelectorConfig | undefined {
  const selector = value as Partial<INamespaceSelector> | undefined;
  if (typeof selector?.toNamespaceSelectorConfig !== "function") {
    bag.error("type", path, { found: value, expected: "Namespaces (an INamespaceSelector)" });
    return undefined;
  }
  return readNamespaceSelectorConfig(selector.toNamespaceSelectorConfig(), path, bag);
}

/** One requirement of a label selector, e.g. `tier In (web, api)`. */
export class LabelExpression implements LabelExpressionSpec {
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
    const read = readExpression({ key, operator, ...(values !== undefined ? { values } : {}) }, ["expression"], bag);
    bag.throwIfErrors();
    this.key = key;
    this.operator = operator;
    this.values = read?.values;
    Object.freeze(this);
  }
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

/** A set of pods, usable as a policy selector and as a peer: what Pods, Namespaces and Workload have in common. */
export abstract class PodSet implements IPodSelector {
  readonly #pods: PodSelectorConfig;
  readonly #peer: NetworkPolicyPeerConfig;

  /** The pods, checked and frozen. */
  protected constructor(pods: PodSelectorConfig) {
    this.#pods = pods;
    this.#peer = Object.freeze({ podSelector: pods });
  }

  /** The selected pods as plain data. */
  toPodSelectorConfig(): PodSelectorConfig {
    return this.#pods;
  }

  /** The peer these pods form. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig {
    return this.#peer;
  }

  /** A set of pods is its own pod selector. */
  toPodSelector(): IPodSelector {
    return this;
  }
}

/** Pods selected by labels, usable as a policy selector and as a peer. */
export class Pods extends PodSet {
  /** Pods whose labels match, optionally in the given namespaces. */
  static select(options: PodsSelectOptions): Pods {
    return Pods.make(options, ["labels", "expressions", "namespaces"], "Pods.select");
  }

  /** Every pod, optionally in the given namespaces. */
  static all(options: PodsAllOptions = {}): Pods {
    return Pods.make(options, ["namespaces"], "Pods.all");
  }

  private static make(options: unknown, keys: readonly string[], call: string): Pods {
    const bag = new DiagnosticBag();
    const record = readRecord(options, keys, [call], bag, "an options object");
    const labelSelector = record ? readSelectorFields(record, [call], bag) : EMPTY;
    const namespaces =
      record?.namespaces === undefined ? undefined : namespacesOf(record.namespaces, [call, "namespaces"], bag);
    bag.throwIfErrors();
    return new Pods(Object.freeze({ labelSelector, namespaces }));
  }

  private constructor(pods: PodSelectorConfig) {
    super(pods);
    Object.freeze(this);
  }
}

/** Options of `Namespaces.select`. */
export interface NamespacesSelectOptions {
  /** Namespace names (at least one when given). */
  readonly names?: readonly string[];
  /** Labels the namespaces must carry. */
  readonly labels?: Labels;
  /** Expressions the namespaces' labels must satisfy. */
  readonly expressions?: readonly LabelExpressionSpec[];
}

/** Namespaces selected by name or labels; as a peer, every pod in them. */
export class Namespaces extends PodSet implements INamespaceSelector {
  /** Namespaces matching names and/or labels. */
  static select(options: NamespacesSelectOptions): Namespaces {
    const bag = new DiagnosticBag();
    const path = ["Namespaces.select"];
    const record = readRecord(options, ["names", "labels", "expressions"], path, bag, "an options object");
    const labelSelector = record ? readSelectorFields(record, path, bag) : EMPTY;
    const names = record?.names === undefined ? undefined : readNames(record.names, [...path, "names"], bag);
    bag.throwIfErrors();
    return new Namespaces(Object.freeze({ labelSelector, ...(names ? { names } : {}) }));
  }

  /** Every namespace. */
  static all(): Namespaces {
    return new Namespaces(Object.freeze({ labelSelector: EMPTY }));
  }

  readonly #config: NamespaceSelectorConfig;

  /** As a set of pods: every pod in these namespaces. */
  private constructor(config: NamespaceSelectorConfig) {
    super(Object.freeze({ labelSelector: EMPTY, namespaces: config }));
    this.#config = config;
    Object.freeze(this);
  }

  /** The selected namespaces as plain data. */
  toNamespaceSelectorConfig(): NamespaceSelectorConfig {
    return this.#config;
  }
}

/** True when the selector selects everything. */
export function isEmptySelector(spec: LabelSelectorSpec | undefined): boolean {
  if (!spec) return true;
  if (spec.expressions !== undefined && spec.expressions.length > 0) return false;
  return spec.labels === undefined || Object.keys(spec.labels).length === 0;
}

/** The selector built from labels and expressions already read (a workload's own labels, say). */
export function labelSelectorOf(labels: Labels): LabelSelectorSpec {
  return selectorSpec(labels, undefined);
}
