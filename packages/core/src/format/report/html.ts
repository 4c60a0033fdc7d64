// The report page: one self-contained HTML file. The data goes in as JSON inside a script element, escaped so that
// no name can close it; the style, the page's script and the graph layout library are inlined; a Content Security
// Policy forbids every request, so the page never touches the network.
import { REPORT_SCRIPT } from "./client.js";
import type { ReportData } from "./types.js";

/** Options of `reportHtml`. */
export interface ReportHtmlOptions {
  /**
   * The graph layout library's browser build (dagre's `dagre.min.js`, defining the global `dagre`), inlined as it is;
   * without it the page has no graph.
   */
  readonly graphLibrary?: string;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` as escapes, so no `</script>` or `<!--` can
 * appear, and the line separators that older parsers reject as escapes too.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A script's source made safe to inline: a `</script` inside it (in a string) cannot end the element. */
function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, "<\\/$1").replace(/\n\/\/# sourceMappingURL=.*$/m, "");
}

const STYLE = `
:root { font: 14px/1.4 system-ui, sans-serif; color: #1d2330; }
body { margin: 0 1.5rem 2rem; }
h1 { font-size: 1.4rem; margin: 1rem 0 0.2rem; }
h2 { font-size: 1.1rem; margin: 1.4rem 0 0.4rem; border-bottom: 1px solid #d5d9e0; }
.note, #summary, #shown, #diff-summary { color: #4a5263; }
.filters { display: flex; flex-wrap: wrap; gap: 0.8rem; align-items: end; }
.filters label { display: flex; flex-direction: column; font-size: 0.85rem; }
.filters input[type=text] { font: inherit; padding: 0.2rem 0.4rem; min-width: 12rem; }
#port-error { color: #b00020; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 1.2rem; align-items: start; }
#matrix, #graph { overflow: auto; max-height: 80vh; border: 1px solid #d5d9e0; }
table.matrix { border-collapse: collapse; font-size: 12px; }
table.matrix th, table.matrix td { border: 1px solid #e1e4ea; padding: 2px 4px; white-space: nowrap; }
table.matrix th.peer.col { vertical-align: bottom; height: 8rem; }
table.matrix th.peer.col span { writing-mode: vertical-rl; transform: rotate(180deg); }
table.matrix th.group { background: #eef1f6; }
table.matrix th.group.external { background: #f6efe6; }
table.matrix th.group.ingress-controller { background: #eef6ee; }
table.matrix th.row { text-align: left; }
table.matrix td { min-width: 1.5rem; text-align: center; cursor: pointer; }
table.matrix td.allow { background: #d9f0dc; }
table.matrix td.deny { background: #fafafa; }
table.matrix td.self { background: #c9ccd3; cursor: default; }
table.matrix td.selected { outline: 2px solid #1f5fbf; outline-offset: -2px; }
.d-added { background: #b7e4bf !important; font-weight: 600; }
.d-removed { background: #f5c2c0 !important; }
.d-changed { background: #f8e3a3 !important; }
.p-added { color: #1c7c35; } .p-removed { color: #a3231c; text-decoration: line-through; }
table.pairs td { padding: 2px 8px; } table.pairs tr { cursor: pointer; } table.pairs tr:hover { background: #eef1f6; }
td.num { text-align: right; }
svg.graph { font: 12px system-ui, sans-serif; }
svg.graph .node rect { fill: #eef1f6; stroke: #6b7486; }
svg.graph .node.external rect { fill: #f6efe6; } svg.graph .node.ingress-controller rect { fill: #eef6ee; }
svg.graph text { text-anchor: middle; }
svg.graph .edge { cursor: pointer; }
svg.graph .edge path { fill: none; stroke: #7b8496; stroke-width: 1.2; }
svg.graph .edge text { fill: #3b4354; font-size: 10px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg.graph .edge.d-added path { stroke: #1c7c35; stroke-width: 2; } svg.graph .edge.d-removed path { stroke: #a3231c; stroke-dasharray: 4 3; }
svg.graph .edge.d-changed path { stroke: #b07d00; stroke-width: 2; }
svg.graph marker path { fill: #7b8496; }
#explanation { border: 1px solid #d5d9e0; padding: 0.4rem 0.8rem; position: sticky; top: 0.5rem; max-height: 90vh; overflow: auto; }
#explanation h3 { font-size: 1rem; word-break: break-all; }
.reason { border-left: 4px solid #7b8496; padding-left: 0.6rem; margin: 0.6rem 0; }
.reason.allow { border-color: #2e8b47; } .reason.deny { border-color: #c0392b; }
.reason h4 { margin: 0.2rem 0; } .reason h5 { margin: 0.3rem 0 0; font-size: 0.85rem; color: #4a5263; }
.reason ul { margin: 0.1rem 0; padding-left: 1.2rem; }
.finding.error { color: #b00020; } .finding.warning { color: #8a5a00; }
`;

/** The page of the report: deterministic, byte for byte, for the same data and library. */
export function reportHtml(data: ReportData, options: ReportHtmlOptions = {}): string {
  const title = `netpol report: ${data.title}`;
  const library = options.graphLibrary === undefined ? "" : `<script>${inlineScript(options.graphLibrary)}</script>\n`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="netpol report">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p id="summary"></p>
<p id="diff-summary"></p>
</header>
<section id="filters" class="filters" aria-label="Filters">
<label>Namespaces (comma-separated, * for any text)<input type="text" id="f-ns" placeholder="shop, team-*"></label>
<label>Workload (part of its name)<input type="text" id="f-workload" placeholder="api"></label>
<label>Port<input type="text" id="f-port" placeholder="tcp/8080"></label>
<label id="f-changes-box" hidden><span><input type="checkbox" id="f-changes"> changes only</span></label>
<span id="port-error" role="alert"></span>
</section>
<p id="shown"></p>
<div class="layout">
<section aria-label="Connectivity matrix"><h2>Connectivity matrix</h2><div id="matrix"></div></section>
<section aria-label="Explanation"><h2>Explanation</h2><div id="explanation"><p class="note">Click a cell of the matrix or an edge of the graph to see which policies and rules allow or deny it, each way.</p></div></section>
</div>
<section aria-label="Graph"><h2>Graph</h2><div id="graph"></div></section>
<section id="findings" aria-label="Findings"><h2>Findings</h2><div id="findings-list"></div></section>
<section id="warnings" aria-label="Warnings"><h2>Warnings</h2><div id="warnings-list"></div></section>
<script type="application/json" id="netpol-data">${scriptJson(data)}</script>
${library}<script>${inlineScript(REPORT_SCRIPT)}</script>
</body>
</html>
`;
}
