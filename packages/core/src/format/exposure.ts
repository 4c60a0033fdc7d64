// Exposure analysis in every output format: the map's connections first, then what each workload is exposed to.

import type { ExposureReport } from "../engine/exposure.js";
import { csvExposureFormatter } from "./exposure-csv.js";
import { dotExposureFormatter } from "./exposure-dot.js";
import { jsonExposureFormatter } from "./exposure-json.js";
import { mdExposureFormatter } from "./exposure-md.js";
import type { ExposureFormatter } from "./exposure-parts.js";
import { txtExposureFormatter, txtExposureSection } from "./exposure-txt.js";
import type { OutputFormat } from "./types.js";

export type { ExposureFormatter } from "./exposure-parts.js";

/** Every exposure formatter, by format name. */
export const EXPOSURE_FORMATTERS: Readonly<Record<OutputFormat, ExposureFormatter>> = {
  txt: txtExposureFormatter,
  json: jsonExposureFormatter,
  csv: csvExposureFormatter,
  md: mdExposureFormatter,
  dot: dotExposureFormatter,
};

/**
 * Explanations followed by the exposure section, as `roxctl netpol connectivity map --explain --exposure` prints them:
 * txt only (the other formats have no place for both); undefined for another format.
 */
export function explainedExposure(
  format: OutputFormat,
  explanations: string,
  report: ExposureReport,
): string | undefined {
  return format === "txt" ? `${explanations}\n${txtExposureSection(report)}` : undefined;
}
