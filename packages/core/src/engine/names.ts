// Peers by the names users give them: `ns/name[Kind]`, `ns/name`, a bare workload name, or an IP address.
import { DiagnosticBag, NetpolError } from "../errors.js";
import { parseIp, rangeContains } from "../ip-blocks.js";
import type { Analysis, Endpoint } from "./evaluate.js";
import { EXTERNAL_SUFFIX } from "./externals.js";
import { INGRESS_CONTROLLER } from "./ingress-plan.js";

/** A peer a name resolved to: its name, and the class-level endpoints it stands for. */
export interface Resolved {
  readonly name: string;
  readonly endpoints: readonly Endpoint[];
  readonly external: boolean;
  /** The peer index of a workload peer. */
  readonly peer?: number;
  /** True for the ingress controller (its endpoints are its pod's class as a source, none as a destination). */
  readonly controller?: boolean;
}

/** The ingress controller as a name to look up: `{ingress-controller}`, or `ingress-controller` as a workload name. */
const CONTROLLER_PEER = { name: INGRESS_CONTROLLER, namespace: undefined, workload: "ingress-controller" } as const;

/** Workload peers a user's name refers to: `ns/name[Kind]`, else `ns/name`, else a bare workload name. */
export function workloadsNamed<P extends { name: string; namespace?: string | undefined; workload: string }>(
  peers: readonly P[],
  query: string,
): P[] {
  let hits = peers.filter((p) => p.name === query);
  if (hits.length === 0)
    hits = peers.filter((p) => p.namespace !== undefined && `${p.namespace}/${p.workload}` === query);
  if (hits.length === 0) hits = peers.filter((p) => p.workload === query);
  return hits;
}

/** Resolves names of sources (`src`) and destinations (`dst`): external ranges differ per role. */
export function resolver(a: Analysis): (query: string, role: "src" | "dst") => Resolved {
  const { peers } = a.cluster;
  return (query, role) => {
    if (typeof query !== "string") {
      const bag = new DiagnosticBag();
      bag.error("type", [role], { found: query, expected: "a peer name" });
      throw new NetpolError(bag.items);
    }
    const atoms = role === "src" ? a.externals.ingress : a.externals.egress;
    const ip = parseIp(query);
    const atom = atoms.find(
      (x) => x.name === query || x.name === `${query}${EXTERNAL_SUFFIX}` || (ip && rangeContains(x.range, ip)),
    );
    if (atom) return { name: atom.name, endpoints: [{ atom: atom.id }], external: true };
    const controller = a.ingress.controller;
    const candidates = controller === undefined ? peers : [...peers, CONTROLLER_PEER];
    const hits = workloadsNamed<{ name: string; namespace?: string | undefined; workload: string }>(candidates, query);
    const [hit] = hits;
    if (!hit || hits.length > 1) {
      const bag = new DiagnosticBag();
      if (hit) bag.error("peer-ambiguous", [role], { name: query, hits: hits.map((h) => h.name) });
      else bag.error("peer-unknown", [role], { name: query });
      throw new NetpolError(bag.items);
    }
    if (hit === CONTROLLER_PEER) {
      // Only a source: no object of the input lets anything connect to the ingress controller.
      const endpoints = role === "src" && controller !== undefined ? [{ class: controller }] : [];
      return { name: INGRESS_CONTROLLER, endpoints, external: false, controller: true };
    }
    const peer = peers.indexOf(hit as (typeof peers)[number]);
    const classes = a.index.peerClasses[peer] ?? [];
    return { name: hit.name, endpoints: classes.map((c) => ({ class: c })), external: false, peer };
  };
}
