// Output formats of the analysis: one formatter per format, each rendering connections and explanations.
import { csvFormatter } from "./csv.js";
import { dotFormatter } from "./dot.js";
import { jsonFormatter } from "./json.js";
import { mdFormatter } from "./md.js";
import { txtFormatter } from "./txt.js";
import type { Formatter, OutputFormat } from "./types.js";

// Exposure analysis (format/exposure*.ts).
export { EXPOSURE_FORMATTERS, type ExposureFormatter, explainedExposure } from "./exposure.js";
export type { Formatter, OutputFormat } from "./types.js";

/** Every formatter, by format name. */
export const FORMATTERS: Readonly<Record<OutputFormat, Formatter>> = {
  txt: txtFormatter,
  json: jsonFormatter,
  csv: csvFormatter,
  md: mdFormatter,
  dot: dotFormatter,
};
