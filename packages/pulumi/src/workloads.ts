// Pulumi Kubernetes resources as core values: workloads become `Workload`s, namespaces become `Namespaces`.
import { diagnostic, Namespaces, NetpolError, type Workload } from "@netpol/core";
import { workloadFromManifest } from "@netpol/core/manifests";
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
/** The Pulumi type token of a Namespace. */
export const NAMESPACE_TYPE = "kubernetes:core/v1:Namespace";

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

/** Fails unless `resource` stands for pods: a workload or a namespace. */
export function checkPodResource(resource: pulumi.Resource, path: string): void {
  const type = typeOf(resource);
  if (type !== NAMESPACE_TYPE && !KINDS[type])
    throw new NetpolError([diagnostic("resource-kind", [path], { type, name: logicalName(resource) })]);
}

/** The core value for a workload or namespace resource, once its outputs are known. */
export function fromResource(resource: pulumi.Resource, path: string): Lazy<Workload | Namespaces> {
  const type = typeOf(resource);
  const outputs = resource as unknown as { metadata: pulumi.Output<Obj>; spec: pulumi.Output<Obj> };
  if (type === NAMESPACE_TYPE) {
    return outputs.metadata.apply((m) =>
      Namespaces.select({ names: [String(get(m, "name") ?? logicalName(resource))] }),
    );
  }
  checkPodResource(resource, path);
  const kind = KINDS[type] as string;
  return pulumi.all([outputs.metadata, outputs.spec]).apply(([m, s]) => {
    const metadata = { ...m, name: get(m, "name") ?? logicalName(resource) };
    return workloadFromManifest({ kind, metadata, spec: s }) as Workload;
  });
}
