// The report page's script: plain browser JavaScript, no framework. It reads the data from the page, renders the
// matrix, the graph, the explanation of a clicked cell, the filters, the changes and the findings. Every text from
// the data goes into the page through textContent or an attribute, never as markup.

/** The script, inlined into the page as it is. */
export const REPORT_SCRIPT = String.raw`(function () {
"use strict";
var data = JSON.parse(document.getElementById("netpol-data").textContent);
var P = data.peers, G = data.groups, C = data.connections, N = P.length;
var MATRIX_LIMIT = 120, GRAPH_NODES = 150, GRAPH_EDGES = 600, PAIR_ROWS = 200;
var SVG = "http://www.w3.org/2000/svg";
var cellAt = new Map();
data.cells.forEach(function (c) { cellAt.set(c[0] * N + c[1], c); });
var state = { ns: "", workload: "", port: "", changes: false, selected: null };

function $(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function svg(tag, attrs) {
  var e = document.createElementNS(SVG, tag);
  for (var k in attrs) e.setAttribute(k, String(attrs[k]));
  return e;
}
function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }
function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

// Filters. Namespaces: names separated by commas, * matching any characters. Workloads: part of the name.
// Port: 8080, tcp/8080, udp-53 or sctp:7070 (TCP when no protocol is given).
function globs(text) {
  return text.split(",").map(function (t) { return t.trim(); }).filter(Boolean).map(function (t) {
    return new RegExp("^" + t.replace(/[.+?^$()|[\]{}\\]/g, "\\$&").replace(/\*/g, ".*") + "$");
  });
}
function parsePort(text) {
  var m = /^\s*(?:(tcp|udp|sctp)\s*[-/: ]\s*)?(\d{1,5})\s*$/i.exec(text);
  if (!m) return null;
  var port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { protocol: (m[1] || "tcp").toUpperCase(), port: port };
}
function allows(conn, q) {
  var r = C[conn][q.protocol];
  for (var i = 0; i < r.length; i += 2) if (r[i] <= q.port && q.port <= r[i + 1]) return true;
  return false;
}
function filters() {
  var ns = globs(state.ns), wl = state.workload.trim().toLowerCase();
  var port = state.port.trim() === "" ? undefined : parsePort(state.port);
  $("port-error").textContent = port === null ? "Write a port as 8080, tcp/8080, udp/53 or sctp/7070." : "";
  return {
    peer: function (i) {
      var p = P[i], g = G[p.group];
      if (ns.length && !ns.some(function (r) { return r.test(g.name); })) return false;
      return !wl || p.name.toLowerCase().indexOf(wl) >= 0;
    },
    // A cell is shown when it allows something (on the port, if one is given) or, without a port, when it changed.
    cell: function (c) {
      var changed = c[4] !== undefined && c[4] >= 0;
      if ((state.changes && !changed) || port === null) return false;
      if (port === undefined) return c[2] >= 0 || changed;
      return c[2] >= 0 && allows(c[2], port);
    },
  };
}

function connText(c) { return c && c[2] >= 0 ? C[c[2]].text : "No Connections"; }
function changeOf(c) { return c && c[4] !== undefined && c[4] >= 0 ? data.diff.changes[c[4]] : undefined; }
function shortText(t) {
  if (t === "All Connections") return "All";
  return t.length > 18 ? t.slice(0, 17) + "\u2026" : t;
}

// The matrix of workloads, grouped by namespace: one row and one column per visible peer.
function workloadMatrix(host, vis, f) {
  var table = el("table", "matrix"), head = el("thead"), r1 = el("tr"), r2 = el("tr");
  var corner = el("th", "corner", "from \u2193 to \u2192");
  corner.colSpan = 2; corner.rowSpan = 2; r1.appendChild(corner);
  var runs = [];
  vis.forEach(function (i) {
    var last = runs[runs.length - 1];
    if (last && last.group === P[i].group) last.peers.push(i); else runs.push({ group: P[i].group, peers: [i] });
  });
  runs.forEach(function (run) {
    var th = el("th", "group " + G[run.group].kind, G[run.group].name);
    th.colSpan = run.peers.length; r1.appendChild(th);
    run.peers.forEach(function (i) {
      var t = el("th", "peer col" + (P[i].diff ? " p-" + P[i].diff : ""));
      t.appendChild(el("span", "", P[i].workload)); t.title = P[i].name; r2.appendChild(t);
    });
  });
  head.appendChild(r1); head.appendChild(r2); table.appendChild(head);
  var body = el("tbody");
  runs.forEach(function (run) {
    run.peers.forEach(function (s, k) {
      var tr = el("tr");
      if (k === 0) {
        var g = el("th", "group row " + G[run.group].kind, G[run.group].name);
        g.rowSpan = run.peers.length; tr.appendChild(g);
      }
      var h = el("th", "peer row" + (P[s].diff ? " p-" + P[s].diff : ""), P[s].workload);
      h.title = P[s].name; tr.appendChild(h);
      vis.forEach(function (d) {
        var td = el("td");
        if (s === d) { td.className = "self"; tr.appendChild(td); return; }
        var c = cellAt.get(s * N + d), shown = c && f.cell(c), ch = shown && changeOf(c);
        td.dataset.s = s; td.dataset.d = d;
        td.className = (shown && c[2] >= 0 ? "allow" : "deny") + (ch ? " d-" + ch.type : "");
        if (shown) td.textContent = ch && ch.type === "removed" ? "\u2715" : shortText(connText(c));
        td.title = P[s].name + " => " + P[d].name + ": " + (shown ? connText(c) : "No Connections");
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  });
  table.appendChild(body);
  host.appendChild(table);
}

// Namespace-level counts: for each pair of visible groups, the workload pairs connected (and changed).
function groupCounts(vis, f) {
  var visible = new Uint8Array(N), counts = new Map();
  vis.forEach(function (i) { visible[i] = 1; });
  data.cells.forEach(function (c) {
    if (!visible[c[0]] || !visible[c[1]] || !f.cell(c)) return;
    var key = P[c[0]].group * G.length + P[c[1]].group, n = counts.get(key) || { pairs: 0, changes: 0 };
    if (c[2] >= 0) n.pairs++;
    if (changeOf(c)) n.changes++;
    counts.set(key, n);
  });
  return counts;
}
function drill(a, b) {
  state.ns = a === b ? G[a].name : G[a].name + "," + G[b].name;
  $("f-ns").value = state.ns; render();
}
function groupMatrix(host, groups, counts) {
  var table = el("table", "matrix groups"), head = el("tr"), body = el("tbody");
  head.appendChild(el("th", "corner", "from \u2193 to \u2192"));
  groups.forEach(function (g) { var t = el("th", "peer col"); t.appendChild(el("span", "", G[g].name)); head.appendChild(t); });
  var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
  groups.forEach(function (a) {
    var tr = el("tr");
    tr.appendChild(el("th", "peer row", G[a].name));
    groups.forEach(function (b) {
      var n = counts.get(a * G.length + b), td = el("td", n ? "allow" + (n.changes ? " d-changed" : "") : "deny");
      if (n) { td.textContent = String(n.pairs); td.dataset.ga = a; td.dataset.gb = b; }
      td.title = G[a].name + " => " + G[b].name + ": " + plural(n ? n.pairs : 0, "connected pair");
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  table.appendChild(body);
  host.appendChild(table);
}
function pairList(host, counts) {
  var rows = Array.from(counts.entries()).sort(function (x, y) { return y[1].pairs - x[1].pairs || x[0] - y[0]; });
  host.appendChild(el("p", "note", plural(rows.length, "pair") + " of namespaces with connections" +
    (rows.length > PAIR_ROWS ? ", the " + PAIR_ROWS + " with the most shown" : "") + ". Click one to see its workloads."));
  var table = el("table", "pairs"), body = el("tbody");
  rows.slice(0, PAIR_ROWS).forEach(function (r) {
    var a = Math.floor(r[0] / G.length), b = r[0] % G.length, tr = el("tr");
    tr.dataset.ga = a; tr.dataset.gb = b;
    tr.appendChild(el("td", "", G[a].name)); tr.appendChild(el("td", "", "=>")); tr.appendChild(el("td", "", G[b].name));
    tr.appendChild(el("td", "num", plural(r[1].pairs, "pair") + (r[1].changes ? ", " + r[1].changes + " changed" : "")));
    body.appendChild(tr);
  });
  table.appendChild(body);
  host.appendChild(table);
}

// The graph: dagre lays out the visible peers (or their namespaces) and the allowed connections between them.
function graph(host, vis, f, counts, groups) {
  clear(host);
  if (typeof dagre === "undefined") { host.appendChild(el("p", "note", "The graph layout library is not in this page.")); return; }
  var nodes = [], edges = [];
  if (vis.length <= GRAPH_NODES) {
    var seen = new Uint8Array(N);
    vis.forEach(function (i) { seen[i] = 1; nodes.push({ id: "p" + i, label: P[i].name, cls: "node " + G[P[i].group].kind + (P[i].diff ? " p-" + P[i].diff : "") }); });
    data.cells.forEach(function (c) {
      if (!seen[c[0]] || !seen[c[1]] || !f.cell(c)) return;
      var ch = changeOf(c);
      edges.push({ v: "p" + c[0], w: "p" + c[1], label: ch && ch.type === "removed" ? "removed: " + ch.old : connText(c), cls: ch ? "d-" + ch.type : "", s: c[0], d: c[1] });
    });
  } else if (groups.length <= GRAPH_NODES) {
    groups.forEach(function (g) { nodes.push({ id: "g" + g, label: G[g].name, cls: "node " + G[g].kind }); });
    counts.forEach(function (n, key) {
      var a = Math.floor(key / G.length), b = key % G.length;
      edges.push({ v: "g" + a, w: "g" + b, label: plural(n.pairs, "pair"), cls: n.changes ? "d-changed" : "", ga: a, gb: b });
    });
  }
  if (nodes.length === 0 || edges.length > GRAPH_EDGES) {
    host.appendChild(el("p", "note", nodes.length === 0 ? "Too many namespaces for a graph: filter by namespace." :
      plural(edges.length, "connection") + ": too many for a graph (at most " + GRAPH_EDGES + "). Filter by namespace, workload or port."));
    return;
  }
  var g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 18, ranksep: 70, edgesep: 8, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(function () { return {}; });
  nodes.forEach(function (n) { g.setNode(n.id, { label: n.label, width: 12 + 7 * n.label.length, height: 26 }); });
  edges.forEach(function (e, k) {
    if (e.v === e.w) return;
    g.setEdge(e.v, e.w, { width: 6 * e.label.length, height: 14, labelpos: "c" }, "e" + k);
  });
  dagre.layout(g);
  var box = g.graph(), root = svg("svg", { width: Math.ceil(box.width), height: Math.ceil(box.height), class: "graph", role: "img" });
  var defs = svg("defs", {}), marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  marker.appendChild(svg("path", { d: "M 0 0 L 10 5 L 0 10 z" })); defs.appendChild(marker); root.appendChild(defs);
  edges.forEach(function (e, k) {
    if (e.v === e.w) return;
    var lay = g.edge({ v: e.v, w: e.w, name: "e" + k });
    var grp = svg("g", { class: "edge " + e.cls });
    var d = lay.points.map(function (p, i) { return (i ? "L" : "M") + p.x.toFixed(1) + " " + p.y.toFixed(1); }).join(" ");
    grp.appendChild(svg("path", { d: d, "marker-end": "url(#arrow)" }));
    var t = svg("text", { x: lay.x.toFixed(1), y: (lay.y + 4).toFixed(1) }); t.textContent = e.label; grp.appendChild(t);
    var title = svg("title", {}); title.textContent = e.label; grp.appendChild(title);
    if (e.s !== undefined) { grp.dataset.s = e.s; grp.dataset.d = e.d; } else { grp.dataset.ga = e.ga; grp.dataset.gb = e.gb; }
    root.appendChild(grp);
  });
  nodes.forEach(function (n) {
    var lay = g.node(n.id), grp = svg("g", { class: n.cls });
    grp.appendChild(svg("rect", { x: (lay.x - lay.width / 2).toFixed(1), y: (lay.y - lay.height / 2).toFixed(1), width: lay.width, height: lay.height, rx: 4 }));
    var t = svg("text", { x: lay.x.toFixed(1), y: (lay.y + 4).toFixed(1) }); t.textContent = n.label; grp.appendChild(t);
    root.appendChild(grp);
  });
  host.appendChild(root);
}

// The explanation of one pair: its connection, its change, then each group of ports with both directions' reasons.
function explain(s, d) {
  state.selected = [s, d];
  var host = clear($("explanation")), c = cellAt.get(s * N + d), ch = changeOf(c);
  host.appendChild(el("h3", "pair", P[s].name + " => " + P[d].name));
  host.appendChild(el("p", "conn", "Allowed: " + connText(c)));
  if (ch) host.appendChild(el("p", "change d-" + ch.type, "Change: " + ch.type + " (" + data.diff.refNames[0] + ": " + ch.old + "; " + data.diff.refNames[1] + ": " + ch.new + ")"));
  var groups = c && c[3] >= 0 ? data.explanations[c[3]] : undefined;
  if (!groups) {
    host.appendChild(el("p", "note", data.explained.omitted > 0 && c && c[2] >= 0
      ? "This pair's explanation is not in the report (at most " + data.explained.limit + " pairs are explained). Run: netpol map PATH --explain --focus-workload " + P[s].name + " --focus-workload-peer " + P[d].name
      : "No policy or rule allows anything from " + P[s].name + " to " + P[d].name + " (no explanation in the report for this pair)."));
  } else groups.forEach(function (g) {
    var box = el("div", "reason " + (g.allowed ? "allow" : "deny"));
    box.appendChild(el("h4", "", (g.allowed ? "Allowed " : "Denied ") + g.ports));
    [["Egress of " + P[s].name, g.egress], ["Ingress of " + P[d].name, g.ingress]].forEach(function (part) {
      box.appendChild(el("h5", "", part[0]));
      var ul = el("ul");
      part[1].forEach(function (line) { ul.appendChild(el("li", "", line)); });
      box.appendChild(ul);
    });
    host.appendChild(box);
  });
  document.querySelectorAll("td.selected").forEach(function (e) { e.classList.remove("selected"); });
  var td = document.querySelector('td[data-s="' + s + '"][data-d="' + d + '"]');
  if (td) td.classList.add("selected");
}

function render() {
  var f = filters(), vis = [];
  for (var i = 0; i < N; i++) if (f.peer(i)) vis.push(i);
  var groups = [], inGroups = new Uint8Array(G.length);
  vis.forEach(function (i) { if (!inGroups[P[i].group]) { inGroups[P[i].group] = 1; groups.push(P[i].group); } });
  var counts = groupCounts(vis, f), host = clear($("matrix"));
  $("shown").textContent = plural(vis.length, "peer") + " of " + N + " in " + plural(groups.length, "group") + " shown.";
  if (vis.length === 0) host.appendChild(el("p", "note", "No peer matches the filters."));
  else if (vis.length <= MATRIX_LIMIT) workloadMatrix(host, vis, f);
  else if (groups.length <= MATRIX_LIMIT) {
    host.appendChild(el("p", "note", plural(vis.length, "peer") + ": the matrix shows namespaces (connected workload pairs in each cell). Click a cell to see its workloads."));
    groupMatrix(host, groups, counts);
  } else pairList(host, counts);
  graph($("graph"), vis, f, counts, groups);
  if (state.selected) explain(state.selected[0], state.selected[1]);
}

function onPick(ev) {
  var t = ev.target.closest("[data-s],[data-ga]");
  if (!t) return;
  if (t.dataset.s !== undefined) explain(Number(t.dataset.s), Number(t.dataset.d));
  else drill(Number(t.dataset.ga), Number(t.dataset.gb));
}

function findings() {
  var host = $("findings-list");
  if (data.findings.length === 0) { host.appendChild(el("p", "note", "No findings.")); return; }
  var ul = el("ul");
  data.findings.forEach(function (f) {
    ul.appendChild(el("li", "finding " + f.severity, (f.location ? f.location + ": " : "") + f.severity + ": " + f.message + " [" + f.code + "]"));
  });
  host.appendChild(ul);
}
function warnings() {
  var host = $("warnings-list");
  if (data.warnings.length === 0) { host.appendChild(el("p", "note", "No warnings.")); return; }
  var ul = el("ul");
  data.warnings.forEach(function (w) { ul.appendChild(el("li", "", w)); });
  host.appendChild(ul);
}
function summary() {
  var conns = data.cells.filter(function (c) { return c[2] >= 0; }).length, x = data.explained;
  var text = plural(N, "peer") + " in " + plural(G.length, "group") + ", " + plural(conns, "connected pair") + ". " +
    (x.allPairs ? "Every pair is explained." : x.included + " pairs explained" + (x.omitted ? ", " + x.omitted + " left out (limit " + x.limit + ")." : "."));
  $("summary").textContent = text;
  if (data.diff) {
    var by = { changed: 0, added: 0, removed: 0 };
    data.diff.changes.forEach(function (c) { by[c.type]++; });
    var peers = { added: 0, removed: 0 };
    P.forEach(function (p) { if (p.diff) peers[p.diff]++; });
    $("diff-summary").textContent = "Against " + data.diff.refNames[0] + ": " + by.added + " added, " + by.removed + " removed, " + by.changed + " changed connections." +
      (peers.added || peers.removed ? " Workloads: " + peers.added + " added, " + peers.removed + " removed." : "");
    $("f-changes-box").hidden = false;
  }
}

summary(); findings(); warnings();
$("f-ns").addEventListener("input", function (e) { state.ns = e.target.value; render(); });
$("f-workload").addEventListener("input", function (e) { state.workload = e.target.value; render(); });
$("f-port").addEventListener("input", function (e) { state.port = e.target.value; render(); });
$("f-changes").addEventListener("change", function (e) { state.changes = e.target.checked; render(); });
$("matrix").addEventListener("click", onPick);
$("graph").addEventListener("click", onPick);
render();
document.body.dataset.ready = "true";
})();
`;
