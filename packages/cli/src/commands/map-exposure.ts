// `netpol map --exposure`: core's exposure analysis of the map, in the map's output format.
import type { Diagnostic } from "@netpol/core";
import {
  type ConnectivityMap,
  EXPOSURE_FORMATTERS,
  explainedExposure,
  exposureIgnoredBy,
  type FocusOptions,
  type OutputFormat,
} from "@netpol/core/analysis";

/** What `netpol map` asks of the exposure analysis. */
export interface MapExposureOptions extends FocusOptions {
  /** The output format. */
  readonly format: OutputFormat;
  /** Whether explanations were asked for too (exposure does not combine with them). */
  readonly explain: boolean;
}

/**
 * The exposure report as text, its warnings added to `diagnostics`; undefined when a combination of options leaves
 * exposure out (then named in one warning), so the map prints as without `--exposure`.
 */
export function exposureText(
  cluster: ConnectivityMap,
  options: MapExposureOptions,
  diagnostics: Diagnostic[],
  explanations: () => string,
): string | undefined {
  const ignored = exposureIgnoredBy(options);
  if (ignored) {
    diagnostics.push(ignored);
    return undefined;
  }
  const { format: _format, explain: _explain, ...focus } = options;
  const report = cluster.exposure(focus);
  // The focus warnings are the map's too, and already listed.
  const listed = (d: Diagnostic) => diagnostics.some((e) => e.code === d.code && e.message === d.message);
  diagnostics.push(...report.diagnostics.filter((d) => !listed(d)));
  if (options.explain) return explainedExposure(options.format, explanations(), report);
  return EXPOSURE_FORMATTERS[options.format].exposure(report);
}
