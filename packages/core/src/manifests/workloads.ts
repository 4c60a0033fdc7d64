// Workloads and pods in manifests: their pod templates, labels and container ports.
import type { Labels, Protocol } from "../data.js";
import { DiagnosticBag, type DiagnosticPath, fail } from "../errors.js";
import { isRecord } from "../input.js";
import { isIanaServiceName, isPortNumber, isProtocol } from "../ports.js";
import { type ContainerPort, isWorkloadKind, Workload } from "../workloads.js";
import { KINDS } from "./kinds.js";
import { readShape } from "./shapes.js";

type Rec = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Rec => (isRecord(v) ? v : {});

/** Checks what netpol reads of a pod spec (read by its shape already): its containers' ports. */
export function checkPodSpec(spec: unknown, path: DiagnosticPath, bag: DiagnosticBag): void {
  const containers = rec(spec).containers;
  if (!Array.isArray(containers)) return;
  containers.forEach((c, i) => {
    const ports = rec(c).ports;
    if (!Array.isArray(ports)) return;
    ports.forEach((p, j) => {
      const at = [...path, "containers", i, "ports", j];
      const { containerPort, protocol, name } = rec(p);
      if (containerPort === undefined)
        bag.error("missing-key", at, { key: "containerPort", expected: "a port number from 1 to 65535" });
      else if (!isPortNumber(containerPort)) bag.error("port-range", [...at, "containerPort"], { port: containerPort });
      if (protocol !== undefined && !isProtocol(protocol)) bag.error("protocol", [...at, "protocol"], { protocol });
      if (typeof name === "string" && !isIanaServiceName(name)) bag.error("port-name", [...at, "name"], { port: name });
    });
  });
}

/** The pod template of a workload read by its shape (a CronJob's is in its job template); a pod is its own. */
export function podTemplateOf(kind: string, value: Rec): { labels: Labels; spec: Rec } {
  if (kind === "Pod") return { labels: labelsOf(rec(value.metadata).labels), spec: rec(value.spec) };
  const spec = kind === "CronJob" ? rec(rec(rec(value.spec).jobTemplate).spec) : rec(value.spec);
  const template = rec(spec.template);
  return { labels: labelsOf(rec(template.metadata).labels), spec: rec(template.spec) };
}

/** The labels a workload's pods are selected by: its selector's matchLabels, else its pod template's labels. */
export function selectorLabelsOf(kind: string, value: Rec): Labels {
  const spec = kind === "CronJob" ? rec(rec(rec(value.spec).jobTemplate).spec) : rec(value.spec);
  const selector = kind === "ReplicationController" ? spec.selector : rec(spec.selector).matchLabels;
  const labels = labelsOf(selector);
  return Object.keys(labels).length > 0 ? labels : podTemplateOf(kind, value).labels;
}

function labelsOf(v: unknown): Labels {
  return isRecord(v) ? (v as Labels) : {};
}

/** The container ports of a pod spec read by its shape (`containers[].ports[]`), protocol TCP when absent. */
export function containerPortsOf(spec: Rec): ContainerPort[] {
  const containers = spec.containers;
  if (!Array.isArray(containers)) return [];
  return containers.flatMap((c) =>
    (Array.isArray(rec(c).ports) ? (rec(c).ports as unknown[]) : []).flatMap((p): ContainerPort[] => {
      const { containerPort, name, protocol } = rec(p);
      if (typeof containerPort !== "number") return [];
      return [
        {
          number: containerPort,
          ...(typeof name === "string" ? { name } : {}),
          protocol: (typeof protocol === "string" ? protocol : "TCP") as Protocol,
        },
      ];
    }),
  );
}

/**
 * The workload a manifest object describes (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
 * Job, CronJob or Pod), read strictly; undefined for other kinds. Its pods are selected by the controller's
 * `spec.selector` labels, else by the pod template's labels (Jobs get generated selectors).
 */
export function workloadFromManifest(manifest: unknown): Workload | undefined {
  const kind = isRecord(manifest) ? manifest.kind : undefined;
  if (!isWorkloadKind(kind)) return undefined;
  const bag = new DiagnosticBag("manifest");
  const value = readShape(manifest, (KINDS[kind] as (typeof KINDS)[string]).shape, [], bag) as Rec | undefined;
  const spec = value ? podTemplateOf(kind, value).spec : {};
  checkPodSpec(spec, [], bag);
  bag.throwIfErrors();
  if (!value) fail("type", [], { found: manifest, expected: "a Kubernetes object" });
  const metadata = rec(value.metadata);
  const namespace = metadata.namespace;
  return Workload.of({
    kind,
    name: typeof metadata.name === "string" ? metadata.name : "",
    ...(typeof namespace === "string" && namespace !== "" ? { namespace } : {}),
    labels: selectorLabelsOf(kind, value),
    ports: containerPortsOf(spec),
  });
}
