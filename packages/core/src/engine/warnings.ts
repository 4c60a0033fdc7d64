// What an analysis says besides the connections: an input without workloads, peers whose pods differ, policies that
// select nothing, and ports that no pod at the receiving end serves.
import { type Diagnostic, DiagnosticBag } from "../errors.js";
import { type ObjectSource, positioned } from "../manifests/read.js";
import type { NetworkPolicyManifest, NetworkPolicyPortManifest } from "../render/types.js";
import { compareStrings } from "../text.js";
import type { ContainerPort } from "../workloads.js";
import type { EquivalenceClass } from "./classes.js";
import type { Analysis } from "./evaluate.js";
import { namedPortWarnings } from "./named-port-warnings.js";

/** Every warning of an analysis, each positioned in its object's source when there is one. */
export function analysisWarnings(a: Analysis, sources: ReadonlyMap<unknown, ObjectSource> | undefined): Diagnostic[] {
  const bag = new DiagnosticBag();
  const { peers, policies, policyObjects } = a.cluster;
  if (peers.length === 0) {
    bag.warn("no-workloads", [], {});
    return bag.items;
  }
  peers.forEach((p, i) => {
    if ((a.index.peerClasses[i]?.length ?? 0) > 1) bag.warn("peer-pods-differ", [], { peer: p.name });
  });
  const out = [...bag.items, ...clusterPolicyWarnings(a, sources)];
  const said = new Set<string>();
  for (const policy of policies) {
    const object = policyObjects.get(policy.id);
    const manifest =
      object === undefined ? undefined : (a.cluster.policyManifests.get(policy.id) as NetworkPolicyManifest);
    const found = new DiagnosticBag();
    const selected = a.match.selected(policy);
    if (selected.length === 0) found.warn("policy-selects-nothing", ["spec", "podSelector"], { policy: policy.id });
    else
      for (const dir of ["ingress", "egress"] as const)
        policy[dir].forEach((rule, i) => {
          // The receiving end: the selected pods for ingress, the pods of the rule's peers for egress.
          const receivers =
            dir === "ingress" ? selected : [...new Set((rule.peers ?? []).flatMap((p) => [...a.match.classes(p)]))];
          if (receivers.length === 0) return;
          const entries = manifest?.spec[dir]?.[i]?.ports ?? [];
          checkPorts(a, entries, receivers, ["spec", dir, i, "ports"], found);
        });
    if (selected.length > 0) namedPortWarnings(a, policy, manifest, selected, found, describeList);
    for (const d of found.items) {
      // Named by its object when there is one, else by its id (the messages do not repeat the name).
      const named = object === undefined ? { ...d, subject: `NetworkPolicy ${policy.id}` } : d;
      const placed = positioned(named, object, object === undefined ? undefined : sources?.get(object));
      const key = samePortKey(placed);
      if (key !== undefined && said.has(key)) continue;
      if (key !== undefined) said.add(key);
      out.push(placed);
    }
  }
  return out;
}

/**
 * Port warnings at the same place about the same port of the same pods say one thing: the two policies of one
 * connection in a spec (egress of its source, ingress of its destination) both check the destination's ports.
 */
function samePortKey(d: Diagnostic): string | undefined {
  if ((d.code !== "port-unserved" && d.code !== "named-port-undefined") || d.file === undefined) return undefined;
  return JSON.stringify([d.code, d.args.port, d.args.workloads, d.file, d.line, d.column]);
}

const served = (ports: readonly ContainerPort[], p: NetworkPolicyPortManifest): boolean =>
  ports.some(
    (c) =>
      (c.protocol ?? "TCP") === (p.protocol ?? "TCP") &&
      (typeof p.port === "string"
        ? c.name === p.port
        : c.number >= (p.port as number) && c.number <= (p.endPort ?? (p.port as number))),
  );

/**
 * Warns about each numeric port entry that no pod of `classes` serves (when those pods declare any port at all);
 * named ports have their own warnings (named-port-warnings.ts).
 */
function checkPorts(
  a: Analysis,
  entries: readonly NetworkPolicyPortManifest[],
  classes: readonly number[],
  path: (string | number)[],
  bag: DiagnosticBag,
): void {
  const pods = classes.map((c) => a.index.classes[c] as EquivalenceClass);
  const ports = pods.flatMap((c) => c.pod.ports);
  entries.forEach((p, j) => {
    if (typeof p.port !== "number" || served(ports, p)) return;
    const workloads = describeList([
      ...new Set(pods.flatMap((c) => c.peers.map((i) => a.cluster.peers[i]?.name ?? ""))),
    ]);
    const port = `${p.protocol ?? "TCP"} ${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ""}`;
    if (ports.length > 0) {
      const list = describeList([...new Set(ports.map((c) => `${c.protocol ?? "TCP"} ${c.number}`))]);
      bag.warn("port-unserved", [...path, j, "port"], { port, workloads, served: `their ports: ${list}` });
    }
  });
}

/** A list of names sorted, the first four and how many more. */
export function describeList(items: string[]): string {
  const sorted = items.sort(compareStrings);
  return sorted.length <= 4 ? sorted.join(", ") : `${sorted.slice(0, 4).join(", ")} and ${sorted.length - 4} more`;
}

/** Peers of cluster-wide policies the map cannot follow: nodes, when the input has no Node. */
function clusterPolicyWarnings(a: Analysis, sources: ReadonlyMap<unknown, ObjectSource> | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const policy of a.cluster.clusterPolicies) {
    const object = a.cluster.clusterPolicyObjects.get(policy.id);
    const bag = new DiagnosticBag();
    for (const dir of ["ingress", "egress"] as const)
      for (const rule of policy[dir])
        rule.peers.forEach((peer, j) => {
          const at = ["spec", dir, rule.index, dir === "ingress" ? "from" : "to", j];
          // (domainNames, which match nothing here, are named by the reader: no manifest says their addresses.)
          if (peer.type === "ipBlock" && peer.from === "nodes" && a.cluster.nodes.length === 0)
            bag.warn("cluster-nodes-unknown", [...at, "nodes"], {});
        });
    for (const d of bag.items) out.push(positioned(d, object, object === undefined ? undefined : sources?.get(object)));
  }
  return out;
}
