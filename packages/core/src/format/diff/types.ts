// One interface for every output format of a connectivity diff.
import type { ConnectivityDiff } from "../../engine/diff.js";

/** The names of the diff output formats. */
export type DiffFormat = "txt" | "json" | "csv" | "md" | "dot";

/** Turns a connectivity diff into text; output is deterministic and byte-stable. */
export interface DiffFormatter {
  /** The format name, as given to `--output`. */
  readonly format: DiffFormat;
  /** The usual file extension, without the dot. */
  readonly extension: string;
  /** Renders the diff; every line ends with a newline; empty when nothing differs (json: an object all the same). */
  render(diff: ConnectivityDiff): string;
}
