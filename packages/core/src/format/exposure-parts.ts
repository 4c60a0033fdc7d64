// What every exposure format shares: the formatter interface, the heading, and the report's lines as rows.
import { formatConnectionSet } from "../engine/connection-set.js";
import { type ExposureEdge, type ExposureReport, formatPotentialConnection } from "../engine/exposure.js";
import type { OutputFormat } from "./types.js";

/** Renders an exposure report; output is deterministic and byte-stable. */
export interface ExposureFormatter {
  /** The format name, as given to `--output`. */
  readonly format: OutputFormat;
  /** Renders the report. */
  exposure(report: ExposureReport): string;
}

/** One line of a report as text: who initiates, who receives, and what may pass. */
export interface ExposureRow {
  /** The initiating end. */
  readonly src: string;
  /** The receiving end. */
  readonly dst: string;
  /** What may pass, as text. */
  readonly conn: string;
}

/** The heading of the exposure section, `Exposure Analysis Result` (`… On TCP 8080` with a focus connection). */
export function exposureHeading(report: ExposureReport): string {
  return `Exposure Analysis Result${report.focusConn ? ` On ${report.focusConn.text}` : ""}:`;
}

/** The report's connections as rows. */
export function connectionRows(report: ExposureReport): ExposureRow[] {
  return report.connections.map((c) => ({ src: c.src, dst: c.dst, conn: formatConnectionSet(c.conn) }));
}

/** Exposures as rows: the workload is the source of egress rows and the destination of ingress rows. */
export function exposureRows(edges: readonly ExposureEdge[]): ExposureRow[] {
  return edges.map((e) => {
    const conn = formatPotentialConnection(e.conn);
    return e.direction === "egress"
      ? { src: e.workload, dst: e.peer.name, conn }
      : { src: e.peer.name, dst: e.workload, conn };
  });
}
