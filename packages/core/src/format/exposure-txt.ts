// Exposure as text, in roxctl's layout: the connection list, then `Exposure Analysis Result:` with egress and
// ingress subsections (columns aligned on the longest workload name) and the workloads no policy isolates.
import type { ExposureReport } from "../engine/exposure.js";
import type { ExposureFormatter } from "./exposure-parts.js";
import { connectionRows, exposureHeading, exposureRows } from "./exposure-parts.js";

const lines = (list: readonly string[]) => list.map((l) => `${l}\n`).join("");

/** Text: `src => dst : conn` lines, then the exposure section; with a focus connection, pairs without `: conn`. */
export const txtExposureFormatter: ExposureFormatter = {
  format: "txt",
  exposure(report: ExposureReport): string {
    const focus = report.focusConn;
    const rows = connectionRows(report);
    const out = focus
      ? `Permitted connections on ${focus.text}:\n${lines(rows.map((r) => `${r.src} => ${r.dst}`))}`
      : lines(rows.map((r) => `${r.src} => ${r.dst} : ${r.conn}`));
    return `${out}${out === "" ? "" : "\n"}${txtExposureSection(report)}`;
  },
};

/** The exposure section alone (`Exposure Analysis Result:` and what follows), as the txt report ends. */
export function txtExposureSection(report: ExposureReport): string {
  const focus = report.focusConn;
  let out = `${exposureHeading(report)}\n`;
  const width = Math.max(0, ...report.workloads.map((w) => w.length));
  const section = (arrow: "=>" | "<=", list: ReturnType<typeof exposureRows>, workloadOf: "src" | "dst") =>
    list.map((r) => {
      const other = workloadOf === "src" ? r.dst : r.src;
      return `${r[workloadOf].padEnd(width)} \t${arrow} \t${other}${focus ? "" : ` : ${r.conn}`}`;
    });
  const egress = section("=>", exposureRows(report.egress), "src");
  const ingress = section("<=", exposureRows(report.ingress), "dst");
  if (egress.length > 0) out += `Egress Exposure:\n${lines(egress)}`;
  if (ingress.length > 0) out += `${egress.length > 0 ? "\n" : ""}Ingress Exposure:\n${lines(ingress)}`;
  // With a focus connection the lists say who, not what; "not protected" would say what.
  if (!focus && report.unprotected.length > 0)
    out += `\nWorkloads not protected by network policies:\n${lines(
      report.unprotected.map(
        (u) => `${u.workload} is not protected on ${u.direction === "egress" ? "Egress" : "Ingress"}`,
      ),
    )}`;
  return out;
}
