// `npm run bench`: connectivity map vs plain YAML parsing on synthetic clusters of 1,000, 4,000 and 10,000 workloads.
// Each measurement runs in its own child process (fresh heap, honest peak RSS). Memory is the child's max RSS minus
// the max RSS of an idle child that loads the same modules and reads the same file. Times are in-process times of the
// work alone (module loading excluded): CPU time (user + system, robust on a busy machine; the ratios use it) and wall
// time. Runs of the modes are interleaved and each figure is the median of `--runs` runs (default 3).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCluster } from "../packages/core/bench/generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const child = join(root, "packages/core/bench/child.mjs");
// Options: `--runs N` (default 3), `--sizes 1000,4000,10000`, and `--cnp` to add a layer of cluster-wide policies.
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const runs = Number(arg("runs", "3"));
const sizes = arg("sizes", "1000,4000,10000").split(",").map(Number);
const cnp = process.argv.includes("--cnp");

function measure(mode, file) {
  // The engine is TypeScript source: load it through tsx; plain YAML parsing runs in bare node.
  const loader = mode === "map" || mode === "idle-core" ? ["--import", "tsx"] : [];
  const r = spawnSync(process.execPath, ["--max-old-space-size=4096", ...loader, child, mode, file], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`${mode} ${file} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function summarize(all) {
  return {
    ms: median(all.map((x) => x.ms)),
    cpuMs: median(all.map((x) => x.cpuMs)),
    rssMb: median(all.map((x) => x.maxRssKb)) / 1024,
    heapMb: median(all.map((x) => x.peakHeap)) / 2 ** 20,
    phases: all[0].phases,
    lines: all[0].lines,
  };
}

/** Runs every mode `runs` times, interleaved so that load on the machine hits all modes alike. */
function repeated(modes, file) {
  const all = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < runs; i++) for (const m of modes) all[m].push(measure(m, file));
  return Object.fromEntries(modes.map((m) => [m, summarize(all[m])]));
}

const dir = mkdtempSync(join(tmpdir(), "netpol-bench-"));
const results = {};
try {
  for (const n of sizes) {
    const file = join(dir, `cluster-${n}.yaml`);
    const text = generateCluster(n, { cnp });
    writeFileSync(file, text);
    const idleYaml = measure("idle-yaml", file).maxRssKb / 1024;
    const idleCore = measure("idle-core", file).maxRssKb / 1024;
    const { parse, "parse-js": parseJs, map } = repeated(["parse", "parse-js", "map"], file);
    results[n] = { parse, parseJs, map, parseMem: parse.rssMb - idleYaml, mapMem: map.rssMb - idleCore };
    const f = (x) => x.toFixed(0).padStart(6);
    console.log(
      `${String(n).padStart(6)} workloads, ${(text.length / 2 ** 20).toFixed(1)} MB YAML, ${map.lines} connections`,
    );
    console.log(
      `  parse      ${f(parse.cpuMs)} ms cpu ${f(parse.ms)} ms wall   rss ${f(results[n].parseMem)} MB (+ idle ${f(idleYaml)})   heap peak ${f(parse.heapMb)} MB`,
    );
    console.log(`  parse+toJS ${f(parseJs.cpuMs)} ms cpu ${f(parseJs.ms)} ms wall   heap peak ${f(parseJs.heapMb)} MB`);
    console.log(
      `  map        ${f(map.cpuMs)} ms cpu ${f(map.ms)} ms wall   rss ${f(results[n].mapMem)} MB (+ idle ${f(idleCore)})   heap peak ${f(map.heapMb)} MB`,
    );
    console.log(
      `  map phases (wall, first run): ${Object.entries(map.phases)
        .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
        .join(", ")}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const line = (label, value, target) =>
  console.log(`${label.padEnd(44)} ${value.toFixed(2)}x   (target <= ${target}x) ${value <= target ? "ok" : "MISSED"}`);
const big = results[10000];
const small = results[1000];
const mid = results[4000];
console.log("");
if (big) line("map / parse CPU time at 10,000", big.map.cpuMs / big.parse.cpuMs, 2);
if (big) line("map / parse wall time at 10,000", big.map.ms / big.parse.ms, 2);
if (mid && small) line("map CPU time 4,000 / 1,000", mid.map.cpuMs / small.map.cpuMs, 5);
if (mid && small) line("map wall time 4,000 / 1,000", mid.map.ms / small.map.ms, 5);
if (big) line("peak memory map / parse at 10,000 (RSS)", big.mapMem / big.parseMem, 2);
if (big) line("peak memory map / parse at 10,000 (heap)", big.map.heapMb / big.parse.heapMb, 2);
