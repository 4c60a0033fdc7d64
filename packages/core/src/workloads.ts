// Workload references: what adapters build from Deployments, Pods and manifests, and the CLI spec declares.
import { SELECTION } from "./checked.js";
import { DiagnosticBag } from "./errors.js";
import {
  checkLabels,
  checkNamespaceName,
  frozenLabels,
  isValidNamespace,
  type Labels,
  validLabelsCopy,
} from "./labels.js";
import { podTemplateOf, WORKLOAD_KINDS } from "./manifests/objects.js";
import { checkKnownKeys, isRecord } from "./options.js";
import type { NetworkPolicyPeerConfig } from "./peers.js";
import { CHECKED_PORT, checkPort, isIanaServiceName, NetworkPolicyPort } from "./ports.js";
import type { Protocol } from "./render/types.js";
import { Selection } from "./selection.js";
import type { IPodSelector, PodSelectorConfig } from "./selectors.js";

/** A port one of the workload's containers serves. */
export interface ContainerPort {
  /** The port number. */
  readonly number: number;
  /** The port's name, usable as a named port in rules. */
  readonly name?: string;
  /** The protocol; default TCP. */
  readonly protocol?: Protocol;
}

/** What identifies a workload and its pods. */
export interface WorkloadProps {
  /** The kind, e.g. `Deployment`, `StatefulSet` or `Pod`. */
  readonly kind: string;
  /** The workload's name. */
  readonly name: string;
  /** The namespace; unknown when omitted. */
  readonly namespace?: string | undefined;
  /** The pod labels that select exactly this workload's pods. */
  readonly labels: Labels;
  /** The container ports of its pods. */
  readonly ports?: readonly ContainerPort[];
}

/** True when `p` is a container port Workload.of accepts: a number 1–65535, a known or no protocol, a valid name. */
function isValidContainerPort(p: ContainerPort | undefined): boolean {
  if (!isRecord(p)) return false;
  const { number, protocol, name } = p;
  return (
    typeof number === "number" &&
    Number.isInteger(number) &&
    number >= 1 &&
    number <= 65535 &&
    (protocol === undefined || protocol === "TCP" || protocol === "UDP" || protocol === "SCTP") &&
    (name === undefined || (typeof name === "string" && isIanaServiceName(name)))
  );
}

function hasKeys(record: object): boolean {
  for (const _ in record) return true;
  return false;
}

const WORKLOAD_KEYS: readonly string[] = ["kind", "name", "namespace", "labels", "ports"];

/** True when Workload.of would report nothing for `props`, but for its labels (see validLabelsCopy). */
function isValidWorkload(props: WorkloadProps): boolean {
  // One function, few calls: a workload is made per object of a chart.
  if (typeof props !== "object" || props === null) return false;
  // The keys of WORKLOAD_KEYS, compared one by one: an includes() per key cost more than the rest of the check.
  for (const key in props)
    if (key !== "kind" && key !== "name" && key !== "namespace" && key !== "labels" && key !== "ports") return false;
  const { kind, name, namespace, ports } = props;
  if (typeof kind !== "string" || kind === "" || typeof name !== "string" || name === "") return false;
  if (namespace !== undefined && !isValidNamespace(namespace)) return false;
  if (ports === undefined) return true;
  if (!Array.isArray(ports)) return false;
  for (let i = 0; i < ports.length; i++) if (!isValidContainerPort(ports[i])) return false;
  return true;
}

/** Throws one NetpolError with every problem of `props` (which isValidWorkload refused). */
function reportWorkload(props: WorkloadProps): void {
  const bag = new DiagnosticBag();
  const at = (suffix: string) =>
    `${isRecord(props) && typeof props.name === "string" ? `workload ${props.name}` : "workload"}${suffix}`;
  if (!isRecord(props)) bag.error({ code: "options", path: at(""), message: "a workload must be an object" });
  else {
    checkKnownKeys(props, WORKLOAD_KEYS, at(""), bag);
    if (typeof props.kind !== "string" || props.kind === "")
      bag.error({
        code: "workload-kind",
        path: at(".kind"),
        message: "a workload needs a kind",
        expected: "e.g. Deployment",
      });
    if (typeof props.name !== "string" || props.name === "")
      bag.error({ code: "workload-name", path: at(".name"), message: "a workload needs a name" });
    if (props.namespace !== undefined) checkNamespaceName(props.namespace, at(".namespace"), bag);
    if (!isRecord(props.labels) || !hasKeys(props.labels)) {
      bag.error({
        code: "workload-labels",
        path: at(".labels"),
        message: "a workload needs the pod labels that select its pods",
        expected: "at least one label",
        hint: "Without labels the workload would select every pod in its namespace",
      });
    } else checkLabels(props.labels, at(".labels"), bag);
    const ports = props.ports ?? [];
    if (!Array.isArray(ports)) bag.error({ code: "ports", path: at(".ports"), message: "ports must be a list" });
    else
      ports.forEach((p: ContainerPort | undefined, i) => {
        checkPort({ port: p?.number, protocol: p?.protocol }, at(`.ports[${i}]`), bag);
        if (typeof p?.number !== "number")
          bag.error({ code: "port", path: at(`.ports[${i}].number`), message: "a container port needs a number" });
        if (p?.name !== undefined) checkPort({ port: p.name }, at(`.ports[${i}].name`), bag);
      });
  }
  bag.throwIfErrors();
}

/** A reference to a workload's pods, usable as a policy selector and as a peer. */
export class Workload implements IPodSelector {
  /** A workload reference from its kind, name, namespace, pod labels and container ports. */
  static of(props: WorkloadProps): Workload {
    // Checked by predicates first: a workload is made per object of a chart, and nearly all are fine. A refused one is
    // checked again, reporting every problem with its path.
    let labels = isValidWorkload(props) ? validLabelsCopy(props.labels) : undefined;
    if (labels === undefined) {
      reportWorkload(props);
      labels = frozenLabels(props.labels);
    }
    return new Workload(props, labels);
  }

  /**
   * The workload a manifest object describes (Deployment, StatefulSet, DaemonSet, ReplicaSet,
   * ReplicationController, Job, CronJob or Pod), or undefined for other kinds. Its pods are selected by the
   * controller's `spec.selector` labels, else by the pod template's labels (Jobs get generated selectors).
   */
  static fromManifest(manifest: unknown): Workload | undefined {
    if (!isRecord(manifest) || typeof manifest.kind !== "string") return undefined;
    const kind = manifest.kind;
    if (kind !== "Pod" && !WORKLOAD_KINDS.includes(kind)) return undefined;
    const metadata = isRecord(manifest.metadata) ? manifest.metadata : {};
    const spec = isRecord(manifest.spec) ? manifest.spec : {};
    const template = kind === "Pod" ? { metadata, spec } : podTemplateOf(manifest);
    const templateLabels = isRecord(template) && isRecord(template.metadata) ? template.metadata.labels : undefined;
    const selector =
      kind === "Pod" ? undefined : kind === "ReplicationController" ? spec.selector : selectorLabels(spec, kind);
    const labels = isRecord(selector) && Object.keys(selector).length > 0 ? selector : templateLabels;
    const namespace = metadata.namespace;
    return Workload.of({
      kind,
      name: typeof metadata.name === "string" ? metadata.name : "",
      ...(typeof namespace === "string" && namespace !== "" ? { namespace } : {}),
      labels: (isRecord(labels) ? labels : {}) as Labels,
      ports: containerPortsOf(isRecord(template) ? template.spec : undefined),
    });
  }

  /** The kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The name. */
  readonly name: string;
  /** The namespace, when known. */
  readonly namespace: string | undefined;
  /** The pod labels that select its pods. */
  readonly labels: Labels;
  /** The container ports of its pods. */
  readonly ports: readonly ContainerPort[];

  private constructor(props: WorkloadProps, labels: Labels) {
    this.kind = props.kind;
    this.name = props.name;
    this.namespace = props.namespace;
    this.labels = labels;
    const given = props.ports ?? [];
    const ports: ContainerPort[] = [];
    const policyPorts: NetworkPolicyPort[] = [];
    for (let i = 0; i < given.length; i++) {
      const p = given[i] as ContainerPort;
      ports.push(containerPort(p));
      policyPorts.push(NetworkPolicyPort[CHECKED_PORT](p.protocol ?? "TCP", p.number));
    }
    this.ports = ports;
    // What core derives from a workload is made here, before freezing: a field of a frozen object written later
    // changes its hidden class, and every function that read workloads so far is deoptimized.
    this.#policyPorts = Object.freeze(policyPorts);
    this.#selection = Selection.ofChecked(peerConfigOf(labels, props.namespace), { namespace: props.namespace });
    // Only Workload.of calls this, after checking the props; frozen, so what was checked stays true (plain
    // JavaScript cannot reassign the labels or namespace) and core can use it without checking it again.
    Object.freeze(this);
  }

  /**
   * A minimal manifest of this workload — its pod template with the pod labels and container ports — for
   * analysing connectivity of a model that has no manifests of its own (e.g. a CLI spec).
   */
  toManifest(): Record<string, unknown> {
    const metadata = { name: this.name, ...(this.namespace !== undefined ? { namespace: this.namespace } : {}) };
    const containers = [
      {
        name: "main",
        ports: this.ports.map((p) => ({
          containerPort: p.number,
          ...(p.name !== undefined ? { name: p.name } : {}),
          protocol: p.protocol ?? "TCP",
        })),
      },
    ];
    if (this.kind === "Pod")
      return { apiVersion: "v1", kind: "Pod", metadata: { ...metadata, labels: this.labels }, spec: { containers } };
    const template = { metadata: { labels: this.labels }, spec: { containers } };
    const apiVersion =
      this.kind === "Job" || this.kind === "CronJob"
        ? "batch/v1"
        : this.kind === "ReplicationController"
          ? "v1"
          : "apps/v1";
    const spec =
      this.kind === "CronJob"
        ? { jobTemplate: { spec: { template } } }
        : this.kind === "Job"
          ? { template }
          : this.kind === "ReplicationController"
            ? { selector: this.labels, template }
            : { selector: { matchLabels: this.labels }, template };
    return { apiVersion, kind: this.kind, metadata, spec };
  }

  /** Its pods, in its namespace when known. */
  toPodSelectorConfig(): PodSelectorConfig {
    return this.#selection.config;
  }

  /** The peer: its pods. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig {
    return this.#selection.toNetworkPolicyPeerConfig();
  }

  /** Its pods as core's connections use them. */
  [SELECTION](): Selection {
    return this.#selection;
  }

  /** Its container ports as policy ports, with their real protocols (what connections allow by default). */
  networkPolicyPorts(): readonly NetworkPolicyPort[] {
    return this.#policyPorts;
  }

  readonly #selection: Selection;
  readonly #policyPorts: readonly NetworkPolicyPort[];

  /** A workload is its own pod selector. */
  toPodSelector(): IPodSelector {
    return this;
  }
}

/** A peer of pods, as a workload hands it out. */
type CheckedPeer = NetworkPolicyPeerConfig & { readonly podSelector: PodSelectorConfig };

/** A workload as a peer, frozen through: a workload in a thousand connections is read a thousand times. */
function peerConfigOf(labels: Labels, namespace: string | undefined): CheckedPeer {
  // Made of the labels (frozen) and namespace Workload.of checked. Core reads it through the workload's Selection,
  // without checking it again; anyone else's checks find it frozen through, so they run once.
  const labelSelector = Object.freeze({ labels });
  const namespaces = namespace === undefined ? undefined : Object.freeze({ names: Object.freeze([namespace]) });
  return Object.freeze({ podSelector: Object.freeze({ labelSelector, namespaces }) });
}

/** A copy of a checked container port, with only the fields that are set. */
function containerPort(p: ContainerPort): ContainerPort {
  const port: { -readonly [K in keyof ContainerPort]: ContainerPort[K] } = { number: p.number };
  if (p.name !== undefined) port.name = p.name;
  if (p.protocol !== undefined) port.protocol = p.protocol;
  return port;
}

function selectorLabels(spec: Record<string, unknown>, kind: string): unknown {
  const owner =
    kind === "CronJob" && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : spec;
  return isRecord(owner.selector) ? owner.selector.matchLabels : undefined;
}

/** The container ports of a pod spec (`containers[].ports[]`), protocols as written (TCP when absent). */
export function containerPortsOf(podSpec: unknown): ContainerPort[] {
  const containers = isRecord(podSpec) ? podSpec.containers : undefined;
  if (!Array.isArray(containers)) return [];
  return containers.flatMap((c) =>
    (isRecord(c) && Array.isArray(c.ports) ? c.ports : []).flatMap((p: unknown) => {
      if (!isRecord(p) || typeof p.containerPort !== "number") return [];
      return [
        {
          number: p.containerPort,
          ...(typeof p.name === "string" ? { name: p.name } : {}),
          protocol: (typeof p.protocol === "string" ? p.protocol : "TCP") as Protocol,
        },
      ];
    }),
  );
}
