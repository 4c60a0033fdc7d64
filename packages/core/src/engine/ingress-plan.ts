// What Ingress and Route objects let the ingress controller reach before any policy is applied, as netpol-analyzer
// (pkg/netpol/connlist/internal/ingressanalyzer) reads them: each backend names a Service of the object's namespace;
// the Service's selector picks workloads there; the backend's port picks one Service port (or all of them), whose
// targetPort (by number, or by container port name) is the port reached on the pods, over TCP.
import type { Labels } from "../data.js";
import type { DiagnosticPath } from "../errors.js";
import type { BackendPort, IngressModel, ServiceModel, ServicePort } from "../manifests/services.js";
import type { ContainerPort } from "../workloads.js";
import type { ClassIndex, EquivalenceClass, ExtraPod } from "./classes.js";
import type { ClusterModel, Sourced } from "./cluster.js";
import { type ConnectionSet, NO_CONNECTIONS, portSet, union } from "./connection-set.js";

/** The peer name of the ingress controller. */
export const INGRESS_CONTROLLER = "{ingress-controller}";

/**
 * Where the reference analyzer places the ingress controller for policy matching: a pod without labels, ports or IP in
 * a namespace of this name (labelled `kubernetes.io/metadata.name` with it, unless the input declares it).
 */
export const INGRESS_CONTROLLER_NAMESPACE = "ingress-controller-ns";

/** One backend of an Ingress or Route, followed to its Service and the peers that Service selects. */
export interface PlannedBackend {
  /** The Ingress or Route. */
  readonly source: Sourced<IngressModel>;
  /** The Service named, and where the backend is written. */
  readonly service: string;
  /** Where the backend is written in its object. */
  readonly path: DiagnosticPath;
  /** Why it reaches nothing before policies, if it does not. */
  readonly unreached?: "missing" | "selects-nothing" | "no-port";
  /** The port it asks the Service for, as written (for messages). */
  readonly port: BackendPort;
  /** The Service's selector, when the Service is found. */
  readonly selector?: Labels;
  /** Indices of the peers the Service selects. */
  readonly peers: readonly number[];
  /** The ports reached on the pods: numbers, or container port names. */
  readonly access: readonly (number | string)[];
}

/** One backend's reach into one pod class of one peer. */
export interface IngressPath {
  /** The backend. */
  readonly backend: PlannedBackend;
  /** The peer index. */
  readonly peer: number;
  /** The class id. */
  readonly class: number;
  /** TCP ports reached (empty when no container of the class serves them). */
  readonly conn: ConnectionSet;
}

/** The ingress objects' plan: whether the ingress controller is a peer, and every backend followed. */
export interface IngressPlan {
  /**
   * True when the ingress controller is a peer, as the reference decides: some Service with a selector selects a
   * workload, and some Ingress or Route names a Service.
   */
  readonly active: boolean;
  /** Every Service backend of every Ingress and Route, in input order. */
  readonly backends: readonly PlannedBackend[];
}

const selects = (selector: Labels, labels: Labels): boolean =>
  Object.entries(selector).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);

/** The pods' ports a backend reaches through a Service: one matching Service port's target, or every one's. */
function accessPorts(kind: "Ingress" | "Route", ports: readonly ServicePort[], port: BackendPort): (number | string)[] {
  const target = (p: ServicePort) => p.targetPort ?? p.port;
  if (port === undefined) return ports.map(target);
  // A number matches a Service port's number or numeric targetPort; a name matches its name, and for a Route (whose
  // targetPort is one typed value) also a named targetPort. The first match wins.
  const hit = ports.find((p) =>
    typeof port === "number"
      ? p.port === port || p.targetPort === port
      : p.name === port || (kind === "Route" && p.targetPort === port),
  );
  return hit ? [target(hit)] : [];
}

/** Follows every backend of every Ingress and Route of the cluster to its Service and the peers it selects. */
export function planIngress(cluster: ClusterModel): IngressPlan {
  const services = new Map<string, ServiceModel>();
  for (const { model } of cluster.services) services.set(`${model.namespace}/${model.name}`, model);
  const selected = (svc: ServiceModel): number[] => {
    const selector = svc.selector;
    if (selector === undefined) return [];
    return cluster.peers.flatMap((peer, i) =>
      peer.namespace === svc.namespace && peer.pods.some((pod) => selects(selector, pod.labels)) ? [i] : [],
    );
  };
  const backends: PlannedBackend[] = [];
  for (const source of cluster.ingresses)
    for (const b of source.model.backends) {
      const base = { source, service: b.service, path: b.path, port: b.port };
      const svc = services.get(`${source.model.namespace}/${b.service}`);
      if (!svc) {
        backends.push({ ...base, unreached: "missing", peers: [], access: [] });
        continue;
      }
      const peers = selected(svc);
      const access = accessPorts(source.model.kind, svc.ports, b.port);
      const unreached = peers.length === 0 ? "selects-nothing" : access.length === 0 ? "no-port" : undefined;
      backends.push({
        ...base,
        ...(unreached ? { unreached } : {}),
        ...(svc.selector ? { selector: svc.selector } : {}),
        peers,
        access,
      });
    }
  const someSelected = cluster.services.some(({ model }) => selected(model).length > 0);
  return { active: someSelected && backends.length > 0, backends };
}

/** The ingress controller's pod, for the class index: no labels, ports or IPs, in its own namespace. */
export function ingressControllerPod(): ExtraPod {
  return { namespace: INGRESS_CONTROLLER_NAMESPACE, pod: { labels: {}, ports: [], ips: [], hostNetwork: false } };
}

/**
 * TCP ports of `access` that a pod with these container ports serves. A name resolves to the first container port of
 * that name, and counts only over TCP; a number counts when some container port has it, whatever its protocol (as the
 * reference compares them).
 */
function servedConn(access: readonly (number | string)[], ports: readonly ContainerPort[]): ConnectionSet {
  let out = NO_CONNECTIONS;
  for (const a of access) {
    let n = a;
    if (typeof a === "string") {
      const c = ports.find((p) => p.name === a);
      if (!c || (c.protocol ?? "TCP") !== "TCP") continue;
      n = c.number;
    }
    if (ports.some((p) => p.number === n)) out = union(out, portSet("TCP", n as number));
  }
  return out;
}

/** Each planned backend's reach into the classes of the peers its Service selects (pods its selector matches). */
export function ingressPaths(plan: IngressPlan, index: ClassIndex): IngressPath[] {
  const out: IngressPath[] = [];
  for (const backend of plan.backends) {
    const selector = backend.selector;
    if (backend.unreached || !selector) continue;
    for (const peer of backend.peers)
      for (const id of index.peerClasses[peer] ?? []) {
        const cls = index.classes[id] as EquivalenceClass;
        if (!selects(selector, cls.pod.labels)) continue;
        out.push({ backend, peer, class: id, conn: servedConn(backend.access, cls.pod.ports) });
      }
  }
  return out;
}
