// Workload references: what adapters build from Deployments, Pods and manifests, and the CLI spec declares.
import type { Labels, Protocol } from "./data.js";
import { DiagnosticBag, type DiagnosticPath } from "./errors.js";
import { ownList, ownRecord, readRecord } from "./input.js";
import { checkNamespaceName, readLabels } from "./labels.js";
import { isIanaServiceName, isPortNumber, isProtocol, NetworkPolicyPort } from "./ports.js";
import { labelSelectorOf, PodSet } from "./selectors.js";
import { didYouMean } from "./text.js";

/** The kinds of workload whose pods policies select: controllers with a pod template, and bare Pods. */
export const WORKLOAD_KINDS = Object.freeze([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
  "CronJob",
  "Pod",
] as const);

/** A kind of workload: `Deployment`, `StatefulSet`, … or `Pod`. */
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** True for a kind of workload. */
export function isWorkloadKind(kind: unknown): kind is WorkloadKind {
  return WORKLOAD_KINDS.includes(kind as WorkloadKind);
}

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
  /** The kind: `Deployment`, `StatefulSet`, `DaemonSet`, `ReplicaSet`, `ReplicationController`, `Job`, `CronJob`, `Pod`. */
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

/** Reads one container port (own data, checked). */
function readContainerPort(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): ContainerPort | undefined {
  const p = readRecord(value, ["number", "name", "protocol"], path, bag, "{ number, name?, protocol? }");
  if (p === undefined) return undefined;
  if (p.number === undefined) bag.error("container-port", [...path, "number"], {});
  else if (!isPortNumber(p.number)) bag.error("port-range", [...path, "number"], { port: p.number });
  if (p.protocol !== undefined && !isProtocol(p.protocol))
    bag.error("protocol", [...path, "protocol"], { protocol: p.protocol });
  if (p.name !== undefined && (typeof p.name !== "string" || !isIanaServiceName(p.name)))
    bag.error("port-name", [...path, "name"], { port: String(p.name) });
  const port: { -readonly [K in keyof ContainerPort]: ContainerPort[K] } = { number: p.number as number };
  if (p.name !== undefined) port.name = p.name as string;
  if (p.protocol !== undefined) port.protocol = p.protocol as Protocol;
  return Object.freeze(port);
}

/** A reference to a workload's pods, usable as a policy selector and as a peer. */
export class Workload extends PodSet {
  /** A workload reference from its kind, name, namespace, pod labels and container ports. */
  static of(props: WorkloadProps): Workload {
    const bag = new DiagnosticBag();
    const own = ownRecord(props);
    const path = [typeof own?.name === "string" ? `workload ${own.name}` : "workload"];
    const p = readRecord(
      own ?? props,
      ["kind", "name", "namespace", "labels", "ports"],
      path,
      bag,
      "a workload's props",
    );
    if (p === undefined) bag.throwIfErrors();
    const record = p as Readonly<Record<string, unknown>>;
    if (!isWorkloadKind(record.kind))
      bag.error("workload-kind", [...path, "kind"], {
        kind: record.kind,
        kinds: WORKLOAD_KINDS,
        suggestion: typeof record.kind === "string" ? didYouMean(record.kind, WORKLOAD_KINDS) : undefined,
      });
    if (typeof record.name !== "string" || record.name === "") bag.error("workload-name", [...path, "name"], {});
    if (record.namespace !== undefined) checkNamespaceName(record.namespace, [...path, "namespace"], bag);
    const labels = readLabels(record.labels, [...path, "labels"], bag);
    if (labels !== undefined && Object.keys(labels).length === 0) bag.error("workload-labels", [...path, "labels"], {});
    const ports: ContainerPort[] = [];
    if (record.ports !== undefined) {
      const list = ownList(record.ports);
      if (list === undefined)
        bag.error("type", [...path, "ports"], { found: record.ports, expected: "a list of container ports" });
      else
        list.forEach((item, i) => {
          const port = readContainerPort(item, [...path, "ports", i], bag);
          if (port) ports.push(port);
        });
    }
    bag.throwIfErrors();
    return new Workload(
      record.kind as WorkloadKind,
      record.name as string,
      record.namespace as string | undefined,
      labels as Labels,
      ports,
    );
  }

  /** The kind, e.g. `Deployment`. */
  readonly kind: WorkloadKind;
  /** The name. */
  readonly name: string;
  /** The namespace, when known. */
  readonly namespace: string | undefined;
  /** The pod labels that select its pods. */
  readonly labels: Labels;
  /** The container ports of its pods. */
  readonly ports: readonly ContainerPort[];
  readonly #policyPorts: readonly NetworkPolicyPort[];

  private constructor(
    kind: WorkloadKind,
    name: string,
    namespace: string | undefined,
    labels: Labels,
    ports: readonly ContainerPort[],
  ) {
    // Its pods: by its labels, in its namespace when known.
    super(
      Object.freeze({
        labelSelector: labelSelectorOf(labels),
        namespaces:
          namespace === undefined
            ? undefined
            : Object.freeze({ labelSelector: labelSelectorOf({}), names: Object.freeze([namespace]) }),
      }),
    );
    this.kind = kind;
    this.name = name;
    this.namespace = namespace;
    this.labels = labels;
    this.ports = Object.freeze(ports);
    this.#policyPorts = Object.freeze(
      ports.map((p) => NetworkPolicyPort.of({ port: p.number, protocol: p.protocol ?? "TCP" })),
    );
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
    const labels = { ...this.labels };
    if (this.kind === "Pod")
      return { apiVersion: "v1", kind: "Pod", metadata: { ...metadata, labels }, spec: { containers } };
    const template = { metadata: { labels }, spec: { containers } };
    switch (this.kind) {
      case "CronJob":
        return { apiVersion: "batch/v1", kind: this.kind, metadata, spec: { jobTemplate: { spec: { template } } } };
      case "Job":
        return { apiVersion: "batch/v1", kind: this.kind, metadata, spec: { template } };
      case "ReplicationController":
        return { apiVersion: "v1", kind: this.kind, metadata, spec: { selector: { ...labels }, template } };
      default:
        return {
          apiVersion: "apps/v1",
          kind: this.kind,
          metadata,
          spec: { selector: { matchLabels: { ...labels } }, template },
        };
    }
  }

  /** Its container ports as policy ports, with their real protocols (what connections allow by default). */
  networkPolicyPorts(): readonly NetworkPolicyPort[] {
    return this.#policyPorts;
  }
}
