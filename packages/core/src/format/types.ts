// One interface for every output format: the connection list and its explanations.
import type { Connection } from "../engine/connections.js";
import type { PairExplanation } from "../engine/explain.js";

/** The names of the output formats. */
export type OutputFormat = "txt" | "json" | "csv" | "md" | "dot";

/** Turns sorted analysis results into text; output is deterministic and byte-stable. */
export interface Formatter {
  /** The format name, as given to `--output`. */
  readonly format: OutputFormat;
  /** The usual file extension, without the dot. */
  readonly extension: string;
  /** Renders a connection list. */
  connections(connections: readonly Connection[]): string;
  /** Renders explanations of pairs. */
  explanations(explanations: readonly PairExplanation[]): string;
}
