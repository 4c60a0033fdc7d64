// Warnings about named ports, on netpol-analyzer's conditions: a named port that a destination of its rule does not
// define, and an egress named port toward addresses (an ipBlock peer, or a rule without `to`), which only pods can
// have and which the reference refuses outright. Here they are warnings: Kubernetes accepts such rules, and the map
// honours them (the named port allows nothing where it does not resolve).
import type { DiagnosticBag } from "../errors.js";
import type { NetworkPolicyManifest, NetworkPolicyPortManifest } from "../render/types.js";
import type { EquivalenceClass } from "./classes.js";
import type { Analysis } from "./evaluate.js";
import type { CompiledPolicy, CompiledRule } from "./policies.js";

/** `TCP http`: a port entry as warnings name it. */
const portText = (p: NetworkPolicyPortManifest) => `${p.protocol ?? "TCP"} ${p.port}`;

const defines = (c: EquivalenceClass, p: NetworkPolicyPortManifest) =>
  c.pod.ports.some((port) => port.name === p.port && (port.protocol ?? "TCP") === (p.protocol ?? "TCP"));

/** True when an ingress rule admits some source of the input (the reference looks at named ports only then). */
function admitsSomeone(a: Analysis, rule: CompiledRule): boolean {
  return (
    rule.peers === undefined ||
    rule.peers.some((p) => a.match.classes(p).length > 0 || a.match.atoms(p, "ingress").length > 0)
  );
}

/** The classes a rule's traffic goes to: the selected pods for ingress, the pods its `to` matches for egress. */
function destinations(a: Analysis, rule: CompiledRule, dir: "ingress" | "egress", selected: readonly number[]) {
  if (dir === "ingress") return admitsSomeone(a, rule) ? selected : [];
  if (rule.peers === undefined) return a.index.classes.map((c) => c.id);
  return [...new Set(rule.peers.flatMap((p) => [...a.match.classes(p)]))];
}

/**
 * Warns about each named port of a policy's rules that some destination does not define (naming those
 * destinations), and about egress named ports toward addresses. `describe` words a list of workloads.
 */
export function namedPortWarnings(
  a: Analysis,
  policy: CompiledPolicy,
  manifest: NetworkPolicyManifest | undefined,
  selected: readonly number[],
  bag: DiagnosticBag,
  describe: (workloads: string[]) => string,
): void {
  for (const dir of ["ingress", "egress"] as const)
    policy[dir].forEach((rule, i) => {
      const written = manifest?.spec[dir]?.[i];
      const entries = written?.ports ?? [];
      const targets = destinations(a, rule, dir, selected).map((c) => a.index.classes[c] as EquivalenceClass);
      const cidrs = (manifest?.spec.egress?.[i]?.to ?? []).flatMap((peer) => (peer.ipBlock ? [peer.ipBlock.cidr] : []));
      entries.forEach((p, j) => {
        if (typeof p.port !== "string") return;
        const path = ["spec", dir, i, "ports", j, "port"];
        if (dir === "egress" && rule.peers === undefined) bag.warn("named-port-no-to", path, { port: portText(p) });
        else if (dir === "egress" && cidrs.length > 0)
          bag.warn("named-port-ipblock", path, { port: portText(p), cidrs: cidrs.join(", ") });
        const lacking = targets.filter((c) => !defines(c, p));
        if (lacking.length === 0) return;
        const workloads = [...new Set(lacking.flatMap((c) => c.peers.map((k) => a.cluster.peers[k]?.name ?? "")))];
        bag.warn("named-port-undefined", path, {
          port: portText(p),
          policy: policy.id,
          workloads: describe(workloads),
        });
      });
    });
}
