// Output formats of the connectivity map.
import type { Connection } from "../engine/connections.js";
import { csvFormatter } from "./csv.js";
import { dotFormatter } from "./dot.js";
import { jsonFormatter } from "./json.js";
import { mdFormatter } from "./md.js";
import { txtFormatter } from "./txt.js";
import type { ConnectionFormatter, OutputFormat } from "./types.js";

export { renderExplanationsJson, renderExplanationsTxt } from "./explain.js";
export type { ConnectionFormatter, OutputFormat } from "./types.js";

/** Every connection list formatter, by format name. */
export const FORMATTERS: Readonly<Record<OutputFormat, ConnectionFormatter>> = {
  txt: txtFormatter,
  json: jsonFormatter,
  csv: csvFormatter,
  md: mdFormatter,
  dot: dotFormatter,
};

/** Renders a connection list in one format. */
export function renderConnections(connections: readonly Connection[], format: OutputFormat): string {
  return FORMATTERS[format].render(connections);
}
