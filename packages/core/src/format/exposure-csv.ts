// Exposure as CSV, in roxctl's layout: the connection table, then a title row, and per direction a title row and a
// table (ingress tables lead with the exposed workload: `dst,src,conn`).
import type { ExposureReport } from "../engine/exposure.js";
import {
  connectionRows,
  type ExposureFormatter,
  type ExposureRow,
  exposureHeading,
  exposureRows,
} from "./exposure-parts.js";

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const line = (fields: readonly string[]) => `${fields.map(field).join(",")}\n`;

/** RFC 4180 CSV; with a focus connection the tables have no `conn` column. */
export const csvExposureFormatter: ExposureFormatter = {
  format: "csv",
  exposure(report: ExposureReport): string {
    const focused = report.focusConn !== undefined;
    const table = (rows: readonly ExposureRow[], workloadFirst: "src" | "dst") => {
      const order = workloadFirst === "src" ? (["src", "dst"] as const) : (["dst", "src"] as const);
      const head = focused ? [...order] : [...order, "conn"];
      return (
        line(head) +
        rows.map((r) => line(focused ? order.map((k) => r[k]) : [...order.map((k) => r[k]), r.conn])).join("")
      );
    };
    let out = table(connectionRows(report), "src") + line([exposureHeading(report), "", ""]);
    const egress = exposureRows(report.egress);
    const ingress = exposureRows(report.ingress);
    if (egress.length > 0) out += line(["Egress Exposure:", "", ""]) + table(egress, "src");
    if (ingress.length > 0) out += line(["Ingress Exposure:", "", ""]) + table(ingress, "dst");
    return out;
  },
};
