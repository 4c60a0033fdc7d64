// One measurement in a fresh process, printed as JSON on stdout. Modes:
//   parse     yaml.parseAllDocuments(text) only (the floor any YAML consumer pays)
//   parse-js  parseAllDocuments + toJS() of every document
//   map       read (parse + toJS + positions) + analyzeConnectivity + connections() + txt output
//   idle-yaml / idle-core   the same module loads and file read without work: memory baselines
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const [mode, file] = process.argv.slice(2);
const text = readFileSync(file, "utf8");
const yaml = await import("yaml");
const withCore = mode === "map" || mode === "idle-core";
const core = withCore
  ? { ...(await import("../src/manifests/index.ts")), ...(await import("../src/analysis.ts")) }
  : undefined;
let peakHeap = process.memoryUsage().heapUsed;
const sample = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
const phases = {};
let keep;
let lines = 0;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const start = performance.now();
const cpuStart = cpu();
const phase = (name, f) => {
  const t = performance.now();
  const v = f();
  phases[name] = performance.now() - t;
  sample();
  return v;
};
if (mode === "parse") keep = phase("parse", () => yaml.parseAllDocuments(text));
else if (mode === "parse-js") keep = phase("parse", () => yaml.parseAllDocuments(text).map((d) => d.toJS()));
else if (mode === "map" && core) {
  const read = phase("read", () => core.readManifestText(text, file));
  const map = phase("analyze", () => core.analyzeConnectivity({ objects: read.objects, sources: read.sources }));
  const list = phase("connections", () => map.connections());
  const out = phase("format", () => core.FORMATTERS.txt.connections(list));
  lines = list.length;
  keep = [read, map, out];
}
const ms = performance.now() - start;
const cpuMs = cpu() - cpuStart;
sample();
process.stdout.write(
  JSON.stringify({
    mode,
    ms,
    cpuMs,
    phases,
    maxRssKb: process.resourceUsage().maxRSS,
    peakHeap,
    lines,
    kept: !!keep || mode.startsWith("idle"),
  }),
);
