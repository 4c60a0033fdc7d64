// The cluster as the engine sees it: namespaces with labels, peers (workloads or bare pods) and policies.
import type { Diagnostic } from "../errors.js";
import { NAMESPACE_NAME_LABEL } from "../labels.js";
import { classifyObject, podTemplateOf } from "../manifests/objects.js";
import { type ObjectSource, objectDiagnostic } from "../manifests/read.js";
import { type ContainerPort, containerPortsOf } from "../workloads.js";
import { type IpRange, parseIp } from "./ip-ranges.js";
import { loadPolicy } from "./load-policy.js";
import { type CompiledPolicy, compilePolicy } from "./policies.js";
import type { Labels } from "./selectors.js";

/** One pod (or a workload's pod template): what policies can see of it. */
export interface PodModel {
  /** Pod labels. */
  readonly labels: Labels;
  /** Container ports, for named port resolution. */
  readonly ports: readonly ContainerPort[];
  /** Known pod IPs (single-address ranges). */
  readonly ips: readonly IpRange[];
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
}

/** Namespaces, peers and policies read from manifest objects. */
export interface ClusterModel {
  /** Namespace labels by name, declared or assumed. */
  readonly namespaces: ReadonlyMap<string, Labels>;
  /** Peers in first-seen order. */
  readonly peers: readonly PeerModel[];
  /** Policies in force, in input order (a later policy of the same name replaces an earlier one). */
  readonly policies: readonly CompiledPolicy[];
  /** Problems found while building the model. */
  readonly diagnostics: readonly Diagnostic[];
}

type Obj = {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, unknown>;
    ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
  };
  spec?: { containers?: unknown };
  status?: { podIP?: unknown; podIPs?: unknown };
};

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v !== "object" || v === null) return out;
  for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) out[k] = String(val);
  return out;
}

function podIps(status: Obj["status"]): IpRange[] {
  const texts = new Set<string>();
  if (typeof status?.podIP === "string") texts.add(status.podIP);
  if (Array.isArray(status?.podIPs)) for (const p of status.podIPs) if (typeof p?.ip === "string") texts.add(p.ip);
  return [...texts].map(parseIp).filter((r): r is IpRange => r !== undefined);
}

/** Builds the cluster model; objects of other kinds are ignored. */
export function buildCluster(objects: readonly unknown[], sources?: ReadonlyMap<unknown, ObjectSource>): ClusterModel {
  const diagnostics: Diagnostic[] = [];
  const namespaces = new Map<string, Labels>();
  const peers = new Map<string, PeerModel>();
  const policies = new Map<string, CompiledPolicy>();
  const addPeer = (namespace: string, kind: string, workload: string, pod: PodModel) => {
    const name = `${namespace}/${workload}[${kind}]`;
    const peer = peers.get(name);
    if (peer) peer.pods.push(pod);
    else peers.set(name, { name, namespace, kind, workload, pods: [pod] });
  };
  for (const value of objects) {
    const category = classifyObject(value);
    const o = value as Obj;
    const namespace = o.metadata?.namespace || "default";
    const name = o.metadata?.name ?? "";
    if (category === "namespace") {
      namespaces.set(name, { ...stringRecord(o.metadata?.labels), [NAMESPACE_NAME_LABEL]: name });
    } else if (category === "workload") {
      const template = podTemplateOf(value) as { metadata?: { labels?: unknown }; spec?: unknown } | undefined;
      const kind = (value as { kind: string }).kind;
      addPeer(namespace, kind, name, {
        labels: stringRecord(template?.metadata?.labels),
        ports: containerPortsOf(template?.spec),
        ips: [],
      });
    } else if (category === "pod") {
      const refs = o.metadata?.ownerReferences ?? [];
      const owner = refs.find((r) => r?.controller === true) ?? refs[0];
      const pod = { labels: stringRecord(o.metadata?.labels), ports: containerPortsOf(o.spec), ips: podIps(o.status) };
      if (owner?.name) addPeer(namespace, owner.kind || "Pod", owner.name, pod);
      else addPeer(namespace, "Pod", name, pod);
    } else if (category === "network-policy") {
      const source = sources?.get(value);
      const loaded = loadPolicy(value);
      for (const d of loaded.diagnostics) diagnostics.push(objectDiagnostic(d, value, source));
      if (!loaded.policy) continue;
      const compiled = compilePolicy(loaded.policy);
      policies.set(compiled.id, compiled);
    }
  }
  for (const peer of peers.values()) {
    if (!namespaces.has(peer.namespace)) namespaces.set(peer.namespace, { [NAMESPACE_NAME_LABEL]: peer.namespace });
  }
  return { namespaces, peers: [...peers.values()], policies: [...policies.values()], diagnostics };
}
