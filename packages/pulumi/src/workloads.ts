// Pulumi Kubernetes resources as core values: workloads become `Workload`s, namespaces become `Namespaces`.
import { diagnostic, Namespaces, NetpolError, Workload } from "@netpol/core";
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

const get = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);

/** The manifest kind of each workload resource type; core reads the pods' labels and ports from the manifest. */
const KINDS: Readonly<Record<string, string>> = {
  "kubernetes:apps/v1:Deployment": "Deployment",
  "kubernetes:apps/v1:StatefulSet": "StatefulSet",
  "kubernetes:apps/v1:DaemonSet": "DaemonSet",
  "kubernetes:apps/v1:ReplicaSet": "ReplicaSet",
  "kubernetes:batch/v1:Job": "Job",
  "kubernetes:batch/v1:CronJob": "CronJob",
  "kubernetes:core/v1:Pod": "Pod",
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
  const kind = KINDS[type];
  if (!kind) {
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
    const metadata = { ...m, name: get(m, "name") ?? logicalName(resource) };
    return Workload.fromManifest({ kind, metadata, spec: s }) as Workload;
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
  const kind = KINDS[type];
  if (!kind) return fromResource(resource, path) as never; // throws the same error as the real translation
  return Workload.of({ kind, name, namespace: "pending", labels: { "netpol.dev/pending": "true" } });
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
