// Exposure as Markdown, in roxctl's layout: the connection table, `## Exposure Analysis Result:`, and per direction
// a `###` heading and a table (ingress tables lead with the exposed workload: `dst | src | conn`).
import type { ExposureReport } from "../engine/exposure.js";
import {
  connectionRows,
  type ExposureFormatter,
  type ExposureRow,
  exposureHeading,
  exposureRows,
} from "./exposure-parts.js";

const cell = (s: string) => s.replaceAll("|", "\\|");

/** Markdown tables; with a focus connection they have no `conn` column. */
export const mdExposureFormatter: ExposureFormatter = {
  format: "md",
  exposure(report: ExposureReport): string {
    const focused = report.focusConn !== undefined;
    const table = (rows: readonly ExposureRow[], workloadFirst: "src" | "dst") => {
      const order = workloadFirst === "src" ? (["src", "dst"] as const) : (["dst", "src"] as const);
      const head: string[] = focused ? [...order] : [...order, "conn"];
      return [
        `| ${head.join(" | ")} |`,
        `|${head.map((h) => "-".repeat(h.length + 2)).join("|")}|`,
        ...rows.map((r) => `| ${[...order.map((k) => r[k]), ...(focused ? [] : [r.conn])].map(cell).join(" | ")} |`),
      ];
    };
    const section = (title: string, rows: readonly ExposureRow[], workloadFirst: "src" | "dst") =>
      rows.length === 0 ? "" : `### ${title}\n${table(rows, workloadFirst).join("\n")}\n`;
    // The sections are joined as roxctl joins them: a blank line between them, and one after an empty one.
    return [
      ...table(connectionRows(report), "src"),
      `## ${exposureHeading(report)}`,
      section("Egress Exposure:", exposureRows(report.egress), "src"),
      section("Ingress Exposure:", exposureRows(report.ingress), "dst"),
    ].join("\n");
  },
};
