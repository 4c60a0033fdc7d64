// The cluster as the engine sees it: namespaces with labels, peers (workloads or bare pods) and policies.
import { type Labels, NAMESPACE_NAME_LABEL } from "../data.js";
import { type IpRange, parseIp } from "../ip-blocks.js";
import type { KubeObject } from "../manifests/objects.js";
import { type IngressModel, ingressModelOf, type ServiceModel, serviceModelOf } from "../manifests/services.js";
import { containerPortsOf, podTemplateOf } from "../manifests/workloads.js";
import type { ClusterPolicyManifest } from "../render/cluster-types.js";
import type { NetworkPolicyManifest } from "../render/types.js";
import type { ContainerPort } from "../workloads.js";
import { type CompiledClusterPolicy, compileClusterPolicy, type NodeModel, nodeIps } from "./cluster-policies.js";
import { type CompiledPolicy, compilePolicy } from "./policies.js";

/** One pod (or a workload's pod template): what policies can see of it. */
export interface PodModel {
  /** Pod labels. */
  readonly labels: Labels;
  /** Container ports, for named port resolution. */
  readonly ports: readonly ContainerPort[];
  /** Known pod IPs (single-address ranges). */
  readonly ips: readonly IpRange[];
  /** True for a pod on its node's network: cluster-wide policies neither select nor match it by pod selectors. */
  readonly hostNetwork: boolean;
}

/** A workload or bare pod shown as one peer. */
export interface PeerModel {
  /** `namespace/name[Kind]`. */
  readonly name: string;
  /** The namespace. */
  readonly namespace: string;
  /** The workload kind (`Deployment`, …, or `Pod`). */
  readonly kind: string;
  /** The workload or pod name. */
  readonly workload: string;
  /** Its pods (a workload has its template; pods of one owner are grouped). */
  readonly pods: PodModel[];
  /** The objects it was made of. */
  readonly objects: unknown[];
}

/** Namespaces, peers and policies read from manifest objects. */
export interface ClusterModel {
  /** Namespace labels by name, declared or assumed. */
  readonly namespaces: ReadonlyMap<string, Labels>;
  /** Peers in first-seen order. */
  readonly peers: readonly PeerModel[];
  /** Policies in force, in input order. */
  readonly policies: readonly CompiledPolicy[];
  /** The object each policy was compiled from, by policy id. */
  readonly policyObjects: ReadonlyMap<string, unknown>;
  /** Each policy as read (nulls read as absent), by policy id. */
  readonly policyManifests: ReadonlyMap<string, NetworkPolicyManifest>;
  /** Cluster-wide policies, in input order. */
  readonly clusterPolicies: readonly CompiledClusterPolicy[];
  /** The object each cluster-wide policy was compiled from, by its id. */
  readonly clusterPolicyObjects: ReadonlyMap<string, unknown>;
  /** Nodes of the input (what nodes peers of cluster-wide policies match). */
  readonly nodes: readonly NodeModel[];
  /** Services, in input order, with the objects they were read from. */
  readonly services: readonly Sourced<ServiceModel>[];
  /** Ingresses and Routes, in input order, with the objects they were read from. */
  readonly ingresses: readonly Sourced<IngressModel>[];
}

/** A model and the object it was read from (for positions in messages). */
export interface Sourced<T> {
  /** The model. */
  readonly model: T;
  /** The object as given. */
  readonly object: unknown;
}

type Rec = Readonly<Record<string, unknown>>;

function podIps(status: unknown): IpRange[] {
  const s = (status ?? {}) as { podIP?: string; podIPs?: { ip?: string }[] };
  const texts = new Set<string>();
  if (s.podIP) texts.add(s.podIP);
  for (const p of s.podIPs ?? []) if (p.ip) texts.add(p.ip);
  return [...texts].map(parseIp).filter((r): r is IpRange => r !== undefined);
}

/** The peer a pod belongs to: its controller (or first owner) as written, else itself; a node's pods are their own. */
function ownerOf(value: Rec): { kind: string; name: string } | undefined {
  const refs = ((value.metadata as Rec | undefined)?.ownerReferences ?? []) as {
    kind?: string;
    name?: string;
    controller?: boolean;
  }[];
  const owner = refs.find((r) => r.controller === true) ?? refs[0];
  // Static (mirror) pods are owned by their Node: each is a pod of its own, not one peer per node.
  if (!owner?.name || owner.kind === "Node") return undefined;
  return { kind: owner.kind || "Pod", name: owner.name };
}

/** Options of `buildCluster`. */
export interface ClusterOptions {
  /** False to keep no pod IPs: then no ipBlock matches a pod (as in netpol-analyzer). Default true. */
  readonly podIps?: boolean;
}

/** Builds the cluster model from objects read strictly (see readObjects). */
export function buildCluster(objects: readonly KubeObject[], options: ClusterOptions = {}): ClusterModel {
  const namespaces = new Map<string, Labels>();
  const peers = new Map<string, PeerModel>();
  const policies: CompiledPolicy[] = [];
  const policyObjects = new Map<string, unknown>();
  const policyManifests = new Map<string, NetworkPolicyManifest>();
  const nodes: NodeModel[] = [];
  const clusterObjects: KubeObject[] = [];
  const services: Sourced<ServiceModel>[] = [];
  const ingresses: Sourced<IngressModel>[] = [];
  const addPeer = (namespace: string, kind: string, workload: string, pod: PodModel, object: unknown) => {
    const name = `${namespace}/${workload}[${kind}]`;
    const peer = peers.get(name);
    if (peer) {
      peer.pods.push(pod);
      peer.objects.push(object);
    } else peers.set(name, { name, namespace, kind, workload, pods: [pod], objects: [object] });
  };
  for (const o of objects) {
    const namespace = o.namespace ?? "default";
    if (o.category === "namespace") {
      const labels = ((o.value.metadata as Rec | undefined)?.labels ?? {}) as Labels;
      namespaces.set(o.name, { ...labels, [NAMESPACE_NAME_LABEL]: o.name });
    } else if (o.category === "workload" || o.category === "pod") {
      const template = podTemplateOf(o.kind, o.value);
      const pod = {
        labels: template.labels,
        ports: containerPortsOf(template.spec),
        ips: o.category === "pod" && options.podIps !== false ? podIps(o.value.status) : [],
        hostNetwork: template.spec.hostNetwork === true,
      };
      const owner = o.category === "pod" ? ownerOf(o.value) : undefined;
      addPeer(namespace, owner?.kind ?? o.kind, owner?.name ?? o.name, pod, o.raw);
    } else if (o.category === "network-policy") {
      const manifest = o.value as unknown as NetworkPolicyManifest;
      const compiled = compilePolicy(manifest);
      policies.push(compiled);
      policyObjects.set(compiled.id, o.raw);
      policyManifests.set(compiled.id, manifest);
    } else if (o.category === "service") {
      services.push({ model: serviceModelOf(namespace, o.name, o.value), object: o.raw });
    } else if (o.category === "ingress") {
      const kind = o.kind === "Route" ? "Route" : "Ingress";
      ingresses.push({ model: ingressModelOf(kind, namespace, o.name, o.value), object: o.raw });
    } else if (o.category === "node") {
      const labels = ((o.value.metadata as Rec | undefined)?.labels ?? {}) as Labels;
      nodes.push({ name: o.name, labels, ips: nodeIps(o.value.status) });
    } else if (o.category === "cluster-policy") clusterObjects.push(o);
  }
  // Compiled once every node is known: nodes peers match their addresses.
  const clusterPolicies: CompiledClusterPolicy[] = [];
  const clusterPolicyObjects = new Map<string, unknown>();
  for (const o of clusterObjects) {
    const compiled = compileClusterPolicy(o.value as unknown as ClusterPolicyManifest, nodes);
    clusterPolicies.push(compiled);
    clusterPolicyObjects.set(compiled.id, o.raw);
  }
  for (const peer of peers.values()) {
    if (!namespaces.has(peer.namespace)) namespaces.set(peer.namespace, { [NAMESPACE_NAME_LABEL]: peer.namespace });
  }
  return {
    namespaces,
    peers: [...peers.values()],
    policies,
    policyObjects,
    policyManifests,
    services,
    ingresses,
    clusterPolicies,
    clusterPolicyObjects,
    nodes,
  };
}
