// Pulumi Inputs to core values: Outputs and promises awaited, Kubernetes resources translated, nothing else touched.
import {
  type INetworkPolicyPeer,
  type IPodSelector,
  isPeer,
  isPodSelector,
  NetworkPolicyPort,
  type NetworkPolicyPortProps,
} from "@netpol/core";
import * as pulumi from "@pulumi/pulumi";
import { collect, fromPromise, isOutput, type Lazy, map } from "./lazy.js";
import { fromResource, type PodResource } from "./workloads.js";

/** Anything usable as a policy's selector: a core selector, or a Pulumi workload or namespace. */
export type PodSelectorInput = IPodSelector | PodResource;

/** Anything usable as a peer: a core peer (pods, namespaces, IP blocks, custom), or a Pulumi workload or namespace. */
export type PeerInput = INetworkPolicyPeer | PodResource;

/**
 * Resolves an Input deeply: Outputs and promises are awaited, Pulumi resources become core values, arrays and plain
 * objects are rebuilt from their resolved items. Core values (selectors, peers, ports) pass through untouched.
 * The result is known now when nothing had to be awaited.
 */
export function resolve(value: unknown, path = ""): Lazy<unknown> {
  if (isOutput(value)) return value.apply((v) => resolve(v, path));
  if (value instanceof Promise) return map(fromPromise(value as Promise<unknown>), (v) => resolve(v, path));
  if (pulumi.Resource.isInstance(value)) return fromResource(value, path);
  if (Array.isArray(value)) return collect(value.map((v, i) => resolve(v, `${path}[${i}]`)));
  if (isPlainObject(value) && !isPeer(value) && !isPodSelector(value)) {
    const keys = Object.keys(value);
    const values = collect(keys.map((k) => resolve(value[k], path ? `${path}.${k}` : k)));
    return map(values, (vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i]])));
  }
  return value;
}

/**
 * Ports as core takes them. `pulumi.output(...)` and `pulumi.all(...)` copy objects into plain ones, so a port that
 * went through them arrives as `{ protocol, port, endPort }`: such plain props become a `NetworkPolicyPort` again.
 */
export function portList(ports: unknown): unknown {
  if (!Array.isArray(ports)) return ports;
  return ports.map((p) =>
    isPlainObject(p) && typeof p.toManifest !== "function"
      ? NetworkPolicyPort.of(
          Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as NetworkPolicyPortProps,
        )
      : p,
  );
}

/** The same traffic direction with every rule's ports passed through `portList`. */
export function trafficPorts(traffic: unknown): unknown {
  if (!isPlainObject(traffic) || !Array.isArray(traffic.rules)) return traffic;
  return {
    ...traffic,
    rules: traffic.rules.map((r) =>
      isPlainObject(r) && r.ports !== undefined ? { ...r, ports: portList(r.ports) } : r,
    ),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
