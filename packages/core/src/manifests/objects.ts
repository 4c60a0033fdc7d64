// Sorting manifest objects into what the connectivity engine cares about.

/** Workload kinds whose pod template makes one peer. */
export const WORKLOAD_KINDS: readonly string[] = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
  "CronJob",
];

/** What an object is to the engine. */
export type ObjectCategory = "namespace" | "pod" | "workload" | "network-policy" | "other";

/** Classifies an object by `kind` (and `apiVersion` for NetworkPolicy). */
export function classifyObject(value: unknown): ObjectCategory {
  if (typeof value !== "object" || value === null) return "other";
  const { kind, apiVersion } = value as { kind?: unknown; apiVersion?: unknown };
  if (kind === "Namespace") return "namespace";
  if (kind === "Pod") return "pod";
  if (typeof kind === "string" && WORKLOAD_KINDS.includes(kind)) return "workload";
  if (kind === "NetworkPolicy" && typeof apiVersion === "string" && apiVersion.startsWith("networking.k8s.io/")) {
    return "network-policy";
  }
  return "other";
}

/** The pod template of a workload (`spec.template`, or `spec.jobTemplate.spec.template` for a CronJob). */
export function podTemplateOf(value: unknown): unknown {
  const v = value as { kind?: string; spec?: { template?: unknown; jobTemplate?: { spec?: { template?: unknown } } } };
  return v.kind === "CronJob" ? v.spec?.jobTemplate?.spec?.template : v.spec?.template;
}

/** A Namespace object with its labels, including the name label every namespace carries. */
export function namespaceManifest(
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { ...labels, "kubernetes.io/metadata.name": name } },
  };
}
