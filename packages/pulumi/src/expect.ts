// Assertions about a program's connectivity, for tests under Pulumi's mock runtime:
// `await expectConnectivity(resources).from(web).to(redis).allows(NetworkPolicyPort.tcp(6379))`. Translation only:
// the resources' outputs become manifest objects, workloads are named as the map names them, and core's engine and
// assertions decide and explain.
import { diagnostic, NetpolError } from "@netpol/core";
import {
  analyzeConnectivity,
  expectConnectivityLater,
  type PendingConnectivityAssertions,
} from "@netpol/core/analysis";
import * as pulumi from "@pulumi/pulumi";
import { NetworkPolicy } from "./policy.js";
import { logicalName, typeOf, type WorkloadResource } from "./workloads.js";

/** A peer of an assertion: a workload resource, or a peer name (`namespace/name`, an IP address…). */
export type ConnectivityPeer = WorkloadResource | string;

/** A manifest object as the analysis reads it. */
interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: unknown; readonly namespace?: unknown };
  readonly spec?: unknown;
}

// `kubernetes:apps/v1:Deployment`: the API group (`core` for the legacy group), its version, and the kind.
const TYPE_TOKEN = /^kubernetes:([^:/]+)\/([^:/]+):([A-Za-z]+)$/;

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"]);

/** What an Output delivers, as a promise (under the mock runtime every output is known). */
function settled<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise<T>((resolve) => {
    output.apply((v) => {
      resolve(v);
      return v;
    });
  });
}

/** The manifest object a resource stands for: a NetworkPolicy component's rendering, or any Kubernetes resource's. */
function manifestOf(resource: pulumi.Resource): Promise<Manifest> {
  if (resource instanceof NetworkPolicy) return settled(resource.manifest) as Promise<Manifest>;
  const token = TYPE_TOKEN.exec(typeOf(resource));
  if (!token) {
    const found = typeOf(resource);
    throw new NetpolError([diagnostic("resource-kind", [], { type: found, name: logicalName(resource) })]);
  }
  const [, group, version, kind] = token as unknown as [string, string, string, string];
  const apiVersion = group === "core" ? version : `${group}/${version}`;
  const outputs = resource as unknown as { metadata?: pulumi.Output<unknown>; spec?: pulumi.Output<unknown> };
  return settled(
    pulumi.all([outputs.metadata, outputs.spec]).apply(([m, spec]) => {
      const metadata = (typeof m === "object" && m !== null ? m : {}) as Manifest["metadata"];
      return {
        apiVersion,
        kind,
        metadata: { ...metadata, name: metadata.name ?? logicalName(resource) },
        ...(spec === undefined ? {} : { spec }),
      };
    }),
  );
}

/** The map's name of a workload manifest: `namespace/name[Kind]` (the namespace `default` when it has none). */
function workloadName(m: Manifest, resource: pulumi.Resource): string {
  if (!WORKLOAD_KINDS.has(m.kind))
    throw new NetpolError([
      diagnostic("type", [], {
        found: `a ${m.kind} (${logicalName(resource)})`,
        expected:
          "a workload resource (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod) or a peer name",
      }),
    ]);
  return `${typeof m.metadata.namespace === "string" ? m.metadata.namespace : "default"}/${String(m.metadata.name)}[${m.kind}]`;
}

/**
 * Assertions about the connectivity of Pulumi resources — workloads, Namespaces, NetworkPolicy components (or
 * NetworkPolicy resources) — once their outputs resolve (in tests, under `pulumi.runtime.setMocks`). The workloads
 * of an assertion are read with them. `allows` and `denies` return promises that reject with an Error explaining, policy
 * by policy, why an expectation fails.
 */
export function expectConnectivity(
  resources: readonly pulumi.Resource[],
): PendingConnectivityAssertions<ConnectivityPeer> {
  const manifests = new Map<pulumi.Resource, Promise<Manifest>>();
  const read = (r: pulumi.Resource) => {
    let m = manifests.get(r);
    if (!m) {
      m = manifestOf(r);
      manifests.set(r, m);
    }
    return m;
  };
  return expectConnectivityLater<ConnectivityPeer>(async (refs) => {
    const extra = refs.filter((r): r is WorkloadResource => typeof r !== "string" && !resources.includes(r));
    const all = [...resources, ...extra];
    const objects = await Promise.all(all.map(read));
    const names = new Map(all.map((r, i) => [r, objects[i] as Manifest]));
    const map = analyzeConnectivity({ objects });
    return {
      map,
      nameOf: (ref) => (typeof ref === "string" ? ref : workloadName(names.get(ref) as Manifest, ref)),
    };
  });
}
