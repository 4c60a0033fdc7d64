// Pulumi Kubernetes resources as core values: workloads become `Workload`s, namespaces become `Namespaces`.
import {
  type ContainerPort,
  diagnostic,
  type Labels,
  Namespaces,
  NetpolError,
  type Protocol,
  Workload,
} from "@netpol/core";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Lazy } from "./lazy.js";

/** Pulumi workload resources whose pods a policy can select. */
export type WorkloadResource =
  | k8s.apps.v1.Deployment
  | k8s.apps.v1.StatefulSet
  | k8s.apps.v1.DaemonSet
  | k8s.apps.v1.ReplicaSet
  | k8s.batch.v1.Job
  | k8s.batch.v1.CronJob
  | k8s.core.v1.Pod;

/** Pulumi resources that stand for pods: workloads, and namespaces (every pod in them). */
export type PodResource = WorkloadResource | k8s.core.v1.Namespace;

type Obj = Record<string, unknown> | undefined;
interface PodSource {
  /** The kind the workload gets in core. */
  readonly kind: string;
  /** The labels that select its pods. */
  readonly labels: (metadata: Obj, spec: Obj) => unknown;
  /** The pod spec its pods run. */
  readonly podSpec: (spec: Obj) => unknown;
}

const get = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);

// Controllers select their pods with spec.selector; Jobs get a generated selector, so their template labels say it.
const controller = (kind: string): PodSource => ({
  kind,
  labels: (_m, s) => get(s, "selector", "matchLabels"),
  podSpec: (s) => get(s, "template", "spec"),
});

const SOURCES: Readonly<Record<string, PodSource>> = {
  "kubernetes:apps/v1:Deployment": controller("Deployment"),
  "kubernetes:apps/v1:StatefulSet": controller("StatefulSet"),
  "kubernetes:apps/v1:DaemonSet": controller("DaemonSet"),
  "kubernetes:apps/v1:ReplicaSet": controller("ReplicaSet"),
  "kubernetes:batch/v1:Job": {
    kind: "Job",
    labels: (_m, s) => get(s, "template", "metadata", "labels"),
    podSpec: (s) => get(s, "template", "spec"),
  },
  "kubernetes:batch/v1:CronJob": {
    kind: "CronJob",
    labels: (_m, s) => get(s, "jobTemplate", "spec", "template", "metadata", "labels"),
    podSpec: (s) => get(s, "jobTemplate", "spec", "template", "spec"),
  },
  "kubernetes:core/v1:Pod": { kind: "Pod", labels: (m) => get(m, "labels"), podSpec: (s) => s },
};
const NAMESPACE = "kubernetes:core/v1:Namespace";

/** The Pulumi type token of a resource, e.g. `kubernetes:apps/v1:Deployment`. */
export function typeOf(resource: pulumi.Resource): string {
  return (resource as unknown as { __pulumiType?: string }).__pulumiType ?? "";
}

/** The name a resource was given in the program (its URN name). */
export function logicalName(resource: pulumi.Resource): string {
  const name = (resource as unknown as { __name?: string }).__name;
  if (name !== undefined) return name;
  // Older SDKs kept the name only in the URN; such resources get a placeholder for naming.
  return "resource";
}

/** The core value for a workload or namespace resource, once its outputs are known. */
export function fromResource(resource: pulumi.Resource, path: string): Lazy<Workload | Namespaces> {
  const type = typeOf(resource);
  const outputs = resource as unknown as { metadata: pulumi.Output<Obj>; spec: pulumi.Output<Obj> };
  if (type === NAMESPACE) {
    return outputs.metadata.apply((m) =>
      Namespaces.select({ names: [String(get(m, "name") ?? logicalName(resource))] }),
    );
  }
  const source = SOURCES[type];
  if (!source) {
    throw new NetpolError([
      diagnostic({
        code: "resource-kind",
        path,
        message: `cannot select the pods of a ${type || "non-Kubernetes"} resource ("${logicalName(resource)}")`,
        expected: "a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod or Namespace",
        hint: "Select its pods with Pods.select({ labels: { … } })",
      }),
    ]);
  }
  return pulumi.all([outputs.metadata, outputs.spec]).apply(([m, s]) => {
    const namespace = get(m, "namespace");
    return Workload.of({
      kind: source.kind,
      name: String(get(m, "name") ?? logicalName(resource)),
      ...(namespace === undefined || namespace === null ? {} : { namespace: namespace as string }),
      labels: (source.labels(m, s) ?? {}) as Labels,
      ports: containerPorts(source.podSpec(s)),
    });
  });
}

/**
 * A stand-in known now, for naming only: the resource's kind and program name, its pods and namespace not yet
 * known. Connections use it to name their policies before the outputs arrive.
 */
export function standIn(resource: pulumi.Resource, path: string): Workload | Namespaces {
  const type = typeOf(resource);
  const name = logicalName(resource);
  if (type === NAMESPACE) return Namespaces.select({ names: [dnsLabel(name)] });
  const source = SOURCES[type];
  if (!source) return fromResource(resource, path) as never; // throws the same error as the real translation
  return Workload.of({ kind: source.kind, name, namespace: "pending", labels: { "netpol.dev/pending": "true" } });
}

/** A program name as a namespace-like name, for stand-ins only. */
function dnsLabel(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 63)
    .replace(/^-+|-+$/g, "");
  return label || "pending";
}

function containerPorts(podSpec: unknown): ContainerPort[] {
  const containers = get(podSpec, "containers");
  if (!Array.isArray(containers)) return [];
  return containers.flatMap((c) => {
    const ports = get(c, "ports");
    if (!Array.isArray(ports)) return [];
    return ports.map((p) => {
      const name = get(p, "name");
      const protocol = get(p, "protocol");
      return {
        number: get(p, "containerPort") as number,
        ...(typeof name === "string" ? { name } : {}),
        ...(typeof protocol === "string" ? { protocol: protocol as Protocol } : {}),
      };
    });
  });
}
