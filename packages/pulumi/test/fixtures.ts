// Pulumi workloads shaped like the seed's cdk8s examples: pods and deployments with an app label and container ports.
import type * as K8s from "@pulumi/kubernetes";

type K8sModule = typeof K8s;

/** Container ports of a fixture: numbers are TCP, objects say more. */
export type PortSpec = number | { containerPort: number; name?: string; protocol?: string };

const ports = (list: readonly PortSpec[]) => list.map((p) => (typeof p === "number" ? { containerPort: p } : p));

/** A managed pod labelled `app: <name>`, as `new kplus.Pod(chart, Name, …)` in the seed; `id` names the resource. */
export function pod(
  k8s: K8sModule,
  name: string,
  options: { namespace?: string; ports?: readonly PortSpec[]; id?: string } = {},
) {
  return new k8s.core.v1.Pod(options.id ?? name, {
    metadata: { name, labels: { app: name }, ...(options.namespace ? { namespace: options.namespace } : {}) },
    spec: { containers: [{ name, image: name, ports: ports(options.ports ?? []) }] },
  });
}

/** A Deployment selecting `app: <name>`. */
export function deployment(
  k8s: K8sModule,
  name: string,
  options: {
    namespace?: string;
    ports?: readonly PortSpec[];
    labels?: K8s.types.input.meta.v1.LabelSelector["matchLabels"];
  } = {},
) {
  const labels = options.labels ?? { app: name };
  return new k8s.apps.v1.Deployment(name, {
    metadata: { name, ...(options.namespace ? { namespace: options.namespace } : {}) },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: name, ports: ports(options.ports ?? []) }] },
      },
    },
  });
}

/** The namespace selector core writes for a namespace by name. */
export const inNamespace = (name: string) => ({ matchLabels: { "kubernetes.io/metadata.name": name } });
