// One interface for every output format of the connectivity map.
import type { Connection } from "../engine/connections.js";

/** The names of the connection list formats. */
export type OutputFormat = "txt" | "json" | "csv" | "md" | "dot";

/** Turns a sorted connection list into text; output is deterministic and byte-stable. */
export interface ConnectionFormatter {
  /** The format name, as given to `--output`. */
  readonly format: OutputFormat;
  /** The usual file extension, without the dot. */
  readonly extension: string;
  /** Renders the list. */
  render(connections: readonly Connection[]): string;
}
