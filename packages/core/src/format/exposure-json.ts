// Exposure as JSON, in roxctl's shape: `connlist_results` and `exposure_results` (`egress_exposure`,
// `ingress_exposure`), each a list of `{src, dst, conn}`; with a focus connection `…_conn_focus_results` of `{src, dst}`.
import type { ExposureReport } from "../engine/exposure.js";
import { connectionRows, type ExposureFormatter, type ExposureRow, exposureRows } from "./exposure-parts.js";

/** JSON with two-space indentation and no trailing newline; empty lists are `[]` (roxctl writes `null`). */
export const jsonExposureFormatter: ExposureFormatter = {
  format: "json",
  exposure(report: ExposureReport): string {
    const focused = report.focusConn !== undefined;
    const rows = (list: ExposureRow[]) => (focused ? list.map(({ src, dst }) => ({ src, dst })) : list);
    const exposure = {
      egress_exposure: rows(exposureRows(report.egress)),
      ingress_exposure: rows(exposureRows(report.ingress)),
    };
    const out = focused
      ? { connlist_conn_focus_results: rows(connectionRows(report)), exposure_conn_focus_results: exposure }
      : { connlist_results: rows(connectionRows(report)), exposure_results: exposure };
    return JSON.stringify(out, null, 2);
  },
};
