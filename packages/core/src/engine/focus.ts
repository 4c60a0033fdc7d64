// Focus of a connection list, with the semantics of netpol-analyzer's focus options (pkg/netpol/connlist/connlist.go:
// includePairOfWorkloads, validateFocusConnFormatAndValue): which pairs a list keeps and what each shows.
import { PROTOCOLS, type Protocol, type TrafficDirection } from "../data.js";
import { type Diagnostic, DiagnosticBag } from "../errors.js";
import { isRecord } from "../input.js";
import { type ConnectionSet, isSubset, portSet } from "./connection-set.js";

/** Which connections of a map to keep, as the focus options of `roxctl netpol connectivity map`. */
export interface FocusOptions {
  /** Keep connections from or to these (`ns/name[Kind]`, `ns/name`, a workload name, or `ingress-controller`). */
  readonly workloads?: readonly string[];
  /** With `workloads`: keep only connections whose other end is one of these (same names). */
  readonly workloadPeers?: readonly string[];
  /** With `workloads`: keep only connections into them (`ingress`) or out of them (`egress`). */
  readonly direction?: TrafficDirection;
  /** Keep only connections allowing this one protocol and port, written `tcp-8080`; each shows just that. */
  readonly conn?: string;
}

/** A focus checked against one map. */
export interface Focus {
  /** True when the pair of peer names is kept. */
  includes(src: string, dst: string): boolean;
  /** The focus connection, when there is one. */
  readonly conn: ConnectionSet | undefined;
  /** What a kept pair's connection shows: undefined when it lacks the focus connection (the pair is dropped). */
  narrow(conn: ConnectionSet): ConnectionSet | undefined;
  /** Errors (unknown names, bad values) and warnings (options that do nothing without `workloads`). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses `tcp-8080` (protocol in any case, a port from 1 to 65535) as the reference does; undefined when invalid. */
export function parseFocusConn(text: string): ConnectionSet | undefined {
  const parts = text.split("-");
  if (parts.length !== 2) return undefined;
  const [protocol, port] = parts as [string, string];
  const proto = PROTOCOLS.find((p) => p.toLowerCase() === protocol.toLowerCase()) as Protocol | undefined;
  // Go's strconv.Atoi: an optional sign, then decimal digits.
  if (!proto || !/^[+-]?\d+$/.test(port)) return undefined;
  const n = Number(port);
  return n >= 1 && n <= 65535 ? portSet(proto, n) : undefined;
}

const names = (value: unknown): readonly unknown[] | undefined =>
  value === undefined ? [] : Array.isArray(value) ? value : undefined;

/** The values of focus options, checked without a map: their shape, the direction and the connection. */
export interface FocusValues {
  readonly options: Readonly<Record<string, unknown>>;
  readonly direction: TrafficDirection | undefined;
  readonly conn: ConnectionSet | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Reads focus options without a map; problems are in `diagnostics`. */
export function readFocusValues(options: unknown): FocusValues {
  const bag = new DiagnosticBag();
  const o: Readonly<Record<string, unknown>> = isRecord(options) ? options : {};
  if (options !== undefined && !isRecord(options))
    bag.error("type", ["focus"], { found: options, expected: "{ workloads?, workloadPeers?, direction?, conn? }" });
  for (const key of ["workloads", "workloadPeers"] as const) {
    const list = names(o[key]);
    if (list === undefined) bag.error("type", ["focus", key], { found: o[key], expected: "a list of peer names" });
    for (const [i, name] of (list ?? []).entries())
      if (typeof name !== "string") bag.error("type", ["focus", key, i], { found: name, expected: "a peer name" });
  }
  // The messages name the values: front ends word their own option names, so no paths.
  let direction: TrafficDirection | undefined;
  if (o.direction === "ingress" || o.direction === "egress") direction = o.direction;
  else if (o.direction !== undefined) bag.error("focus-option", [], { option: "direction", found: o.direction });
  let conn: ConnectionSet | undefined;
  if (o.conn !== undefined) {
    conn = typeof o.conn === "string" ? parseFocusConn(o.conn) : undefined;
    if (!conn) bag.error("focus-option", [], { option: "conn", found: o.conn });
  }
  // As the reference: a direction and workload peers narrow the focus workloads' connections; alone they do nothing.
  const unfocused = names(o.workloads)?.length === 0;
  if (unfocused && direction !== undefined) bag.warn("focus-ignored", [], { option: "direction" });
  if (unfocused && (names(o.workloadPeers)?.length ?? 0) > 0)
    bag.warn("focus-ignored", [], { option: "workloadPeers" });
  return { options: o, direction, conn, diagnostics: bag.items };
}

/**
 * Checks the values of focus options that need no map (shape, direction, connection): front ends can refuse a bad
 * value before reading any input. `checkFocus` reports the same problems again.
 */
export function checkFocusValues(options: FocusOptions | undefined): readonly Diagnostic[] {
  return readFocusValues(options).diagnostics;
}

/**
 * Checks focus options against a map. `resolve` gives the peer names a focus name stands for (several for a bare
 * workload name found in several namespaces, none when unknown). Never throws: problems are in `diagnostics`.
 */
export function checkFocus(options: FocusOptions | undefined, resolve: (name: string) => readonly string[]): Focus {
  const { options: o, direction, conn, diagnostics } = readFocusValues(options);
  const bag = new DiagnosticBag();
  const set = (key: "workloads" | "workloadPeers"): ReadonlySet<string> => {
    const out = new Set<string>();
    for (const name of names(o[key]) ?? []) {
      if (typeof name !== "string") continue;
      const hits = resolve(name);
      if (hits.length === 0) bag.error("focus-unknown", [], { name });
      for (const h of hits) out.add(h);
    }
    return out;
  };
  const workloads = set("workloads");
  const peers = set("workloadPeers");
  const unfocused = names(o.workloads)?.length === 0;
  const focused = (peer: string) => unfocused || workloads.has(peer);
  const otherEnd = (peer: string) => unfocused || peers.size === 0 || peers.has(peer);
  return {
    includes(src, dst) {
      if (direction === "ingress" && !focused(dst)) return false;
      if (direction === "egress" && !focused(src)) return false;
      return (focused(src) && otherEnd(dst)) || (focused(dst) && otherEnd(src));
    },
    conn,
    narrow: (c) => (conn === undefined ? c : isSubset(conn, c) ? conn : undefined),
    diagnostics: [...diagnostics, ...bag.items],
  };
}
