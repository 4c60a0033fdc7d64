// `netpol report`: the data of the report page (data.ts, types.ts) and the page itself (html.ts, client.ts).
export { explanationGroups, type ReportOptions, reportData } from "./data.js";
export { escapeHtml, type ReportHtmlOptions, reportHtml, scriptJson } from "./html.js";
export {
  DEFAULT_EXPLAIN_LIMIT,
  REPORT_DATA_VERSION,
  type ReportCell,
  type ReportChange,
  type ReportConnection,
  type ReportData,
  type ReportDiff,
  type ReportExplained,
  type ReportExplanationGroup,
  type ReportFinding,
  type ReportGroup,
  type ReportPeer,
} from "./types.js";
