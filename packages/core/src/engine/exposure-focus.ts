// Focus options as exposure analysis reads them: the map's own options (focus.ts), resolved to the workloads, the
// direction and the one connection the exposure lists keep.
import type { TrafficDirection } from "../data.js";
import { type Diagnostic, DiagnosticBag } from "../errors.js";
import { type ConnectionSet, formatConnectionSet, isSubset } from "./connection-set.js";
import type { Connection } from "./connections.js";
import { type FocusOptions, readFocusValues } from "./focus.js";

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

const hasPeers = (options: FocusOptions) =>
  (options.workloads?.length ?? 0) > 0 && (options.workloadPeers?.length ?? 0) > 0;

/**
 * The warning saying exposure analysis is left out for these options, or undefined when it applies. Explanations
 * combine with exposure in txt only (`explainedExposure`), so `explain` in another `format` leaves it out.
 */
export function exposureIgnoredBy(
  options: FocusOptions & { readonly explain?: boolean; readonly format?: string },
): Diagnostic | undefined {
  const bag = new DiagnosticBag();
  if (hasPeers(options)) bag.warn("exposure-ignored", [], { reason: "focus-workload-peers" });
  else if (options.explain === true && options.format !== "txt")
    bag.warn("exposure-ignored", [], { reason: "explain" });
  return bag.items[0];
}

/**
 * Reads focus options against the workloads of a map. Unknown workload names and malformed values are errors (thrown);
 * a direction or peers without workloads are ignored with a warning, as netpol-analyzer does; workload peers with
 * workloads do not combine with exposure (an error: `exposureIgnoredBy` lets front ends warn and leave it out).
 */
export function resolveFocus(
  options: FocusOptions,
  workloadsNamed: (name: string) => readonly { readonly name: string }[],
): ResolvedFocus {
  const values = readFocusValues(options);
  const bag = new DiagnosticBag();
  for (const d of values.diagnostics) bag.add(d);
  if (hasPeers(options)) bag.error("exposure-ignored", [], { reason: "focus-workload-peers" });
  const names = options.workloads ?? [];
  let workloads: Set<string> | undefined;
  if (names.length > 0) {
    workloads = new Set();
    for (const name of names) {
      const hits = typeof name === "string" ? workloadsNamed(name) : [];
      if (typeof name === "string" && hits.length === 0) bag.error("focus-unknown", [], { name });
      for (const h of hits) workloads.add(h.name);
    }
  }
  bag.throwIfErrors();
  return {
    workloads,
    direction: workloads ? values.direction : undefined,
    conn: values.conn === undefined ? undefined : { conn: values.conn, text: formatConnectionSet(values.conn) },
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
