// Focus options as exposure analysis reads them (netpol-analyzer's `list --exposure` with --focusworkload,
// --focusworkload-peer, --focus-direction, --focus-conn): which workloads, which direction, which one connection.
// Kept in one place so the map's own focus options can take these semantics over (issue [8]).
import type { Protocol, TrafficDirection } from "../data.js";
import { type Diagnostic, DiagnosticBag } from "../errors.js";
import { type ConnectionSet, isSubset, portSet } from "./connection-set.js";
import type { Connection } from "./connections.js";

/** Focus options of an exposure analysis. */
export interface ExposureFocus {
  /** Only these workloads (`name`, `namespace/name` or `namespace/name[Kind]`), and connections from or to them. */
  readonly focusWorkloads?: readonly string[];
  /** With focusWorkloads: only connections with these peers. Exposure analysis does not combine with it. */
  readonly focusWorkloadPeers?: readonly string[];
  /** With focusWorkloads: only connections the focused workloads receive (`ingress`) or open (`egress`). */
  readonly focusDirection?: TrafficDirection;
  /** Only this connection, `protocol-port` (e.g. `tcp-8080`): the lists then say who, not what. */
  readonly focusConn?: string;
}

/** One connection to focus on, as `--focus-conn` gives it. */
export interface FocusConnection {
  /** The connection as a set (one port of one protocol). */
  readonly conn: ConnectionSet;
  /** How it prints: `TCP 8080`. */
  readonly text: string;
}

/** Focus options read: workload names resolved, the connection parsed, what does not apply named in warnings. */
export interface ResolvedFocus {
  /** Names of the focused workloads; undefined when there is no workload focus. */
  readonly workloads: ReadonlySet<string> | undefined;
  /** The direction, when focusing on workloads. */
  readonly direction: TrafficDirection | undefined;
  /** The connection focused on. */
  readonly conn: FocusConnection | undefined;
  /** Warnings about options that do not apply. */
  readonly warnings: readonly Diagnostic[];
}

const PROTOCOL_NAMES: Readonly<Record<string, Protocol>> = { tcp: "TCP", udp: "UDP", sctp: "SCTP" };

/** Parses `tcp-8080` (protocol in any case, a port 1-65535); throws a NetpolError otherwise. */
export function parseFocusConnection(text: string): FocusConnection {
  const m = /^([A-Za-z]+)-(\d{1,5})$/.exec(typeof text === "string" ? text : "");
  const protocol = m ? PROTOCOL_NAMES[(m[1] as string).toLowerCase()] : undefined;
  const port = m ? Number(m[2]) : 0;
  if (!protocol || port < 1 || port > 65535) {
    const bag = new DiagnosticBag();
    bag.error("value", ["focusConn"], {
      found: text,
      expected: "protocol-port, e.g. tcp-8080 (TCP, UDP or SCTP; port 1-65535)",
    });
    bag.throwIfErrors();
  }
  return { conn: portSet(protocol as Protocol, port), text: `${protocol} ${port}` };
}

/** The warning saying exposure analysis is left out for these options, or undefined when it applies. */
export function exposureIgnoredBy(options: ExposureFocus & { readonly explain?: boolean }): Diagnostic | undefined {
  const bag = new DiagnosticBag();
  if ((options.focusWorkloads?.length ?? 0) > 0 && (options.focusWorkloadPeers?.length ?? 0) > 0)
    bag.warn("exposure-ignored", [], { reason: "focus-workload-peers" });
  else if (options.explain === true) bag.warn("exposure-ignored", [], { reason: "explain" });
  return bag.items[0];
}

/**
 * Reads focus options against the workloads of a map. Unknown workload names and a malformed connection are errors;
 * a direction or peers without workloads are ignored with a warning, as netpol-analyzer does.
 */
export function resolveFocus(
  options: ExposureFocus,
  workloadsNamed: (name: string) => readonly { readonly name: string }[],
): ResolvedFocus {
  const bag = new DiagnosticBag();
  const names = options.focusWorkloads ?? [];
  let workloads: Set<string> | undefined;
  if (names.length > 0) {
    workloads = new Set();
    for (const [i, name] of names.entries()) {
      const hits = workloadsNamed(name);
      if (hits.length === 0) bag.error("focus-unknown", ["focusWorkloads", i], { name });
      for (const h of hits) workloads.add(h.name);
    }
  } else {
    if (options.focusDirection !== undefined) bag.warn("focus-ignored", ["focusDirection"], { option: "direction" });
    if ((options.focusWorkloadPeers?.length ?? 0) > 0)
      bag.warn("focus-ignored", ["focusWorkloadPeers"], { option: "peers" });
  }
  if (
    options.focusDirection !== undefined &&
    options.focusDirection !== "ingress" &&
    options.focusDirection !== "egress"
  )
    bag.error("value", ["focusDirection"], { found: options.focusDirection, expected: '"ingress" or "egress"' });
  bag.throwIfErrors();
  return {
    workloads,
    direction: workloads ? options.focusDirection : undefined,
    conn: options.focusConn === undefined ? undefined : parseFocusConnection(options.focusConn),
    warnings: bag.items,
  };
}

/** True when a workload is focused on in a direction (`egress`: as the source; `ingress`: as the destination). */
export function focusedIn(focus: ResolvedFocus, workload: string, direction: TrafficDirection): boolean {
  if (focus.workloads && !focus.workloads.has(workload)) return false;
  return focus.direction === undefined || focus.direction === direction;
}

/**
 * The connections of the focus: from or to a focused workload (the source with `egress`, the destination with
 * `ingress`), and with a focus connection only those allowing it, each then carrying just that connection.
 */
export function focusConnections(list: readonly Connection[], focus: ResolvedFocus): Connection[] {
  const out: Connection[] = [];
  for (const c of list) {
    if (focus.workloads && !(focusedIn(focus, c.src, "egress") || focusedIn(focus, c.dst, "ingress"))) continue;
    if (focus.conn === undefined) out.push(c);
    else if (isSubset(focus.conn.conn, c.conn)) out.push({ src: c.src, dst: c.dst, conn: focus.conn.conn });
  }
  return out;
}
