// Benchmark: a ring of cdk8s-plus-33 Deployments, each allowed to reach the next one.
// Four variants, each run in its own child process (so peak RSS is per variant), in rounds; medians reported:
//   deployments  the Deployments alone (the baseline)
//   cdk8s-plus   + `d.connections.allowTo(next)` of cdk8s-plus-33
//   netpol       + `connections(d).allowTo(next)` of @netpol/cdk8s
//   netpol-objects  + one @netpol/cdk8s policy per Deployment, without connection logic: what cdk8s charges for
//                   netpol's objects alone (informational: where netpol's overhead goes)
// Run: node_modules/.bin/tsx packages/cdk8s/bench/ring.ts [--size 2000] [--runs 9]   (or `pnpm bench` in the package)
// With --instructions (needs valgrind): each variant runs once under callgrind instead, which counts the instructions
// between the two markers of ring-run.ts — a measure that does not move with the machine's load.
// The run itself (ring-run.ts, with @netpol/cdk8s and @netpol/core from source) is bundled first with esbuild, as a
// release build would be, and each child runs that bundle with plain node: the current code is measured, without
// tsx's transform helpers, and a concurrent rebuild of some dist folder cannot disturb it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { machine, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Sample, Variant } from "./ring-run.js";

const VARIANTS: readonly Variant[] = ["deployments", "cdk8s-plus", "netpol", "netpol-objects"];
/** The most policy overhead netpol may have, as a share of cdk8s-plus-33's (issue [7]). */
const TARGET = 0.75;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const fmt = (n: number, d = 0) => n.toFixed(d).padStart(8);
/** netpol's overhead over the Deployments alone, as a share of cdk8s-plus', by any measure `of` a variant. */
const overheadRatio = (of: (v: Variant) => number) =>
  (of("netpol") - of("deployments")) / (of("cdk8s-plus") - of("deployments"));

/** Bundles ring-run.ts with both netpol packages from source; cdk8s, constructs and cdk8s-plus stay external. */
function bundle(): string {
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const esbuild = createRequire(createRequire(import.meta.url).resolve("tsx/package.json"))("esbuild");
  mkdirSync(here("./.out"), { recursive: true });
  const outfile = here("./.out/ring-run.mjs");
  esbuild.buildSync({
    entryPoints: [here("./ring-run.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["cdk8s", "constructs", "cdk8s-plus-*"],
    alias: {
      "@netpol/core": here("../../core/src/index.ts"),
      "@netpol/core/analysis": here("../../core/src/analysis.ts"),
      "@netpol/core/manifests": here("../../core/src/manifests/index.ts"),
    },
    logLevel: "error",
    // Bundled CommonJS dependencies (yaml) require node built-ins.
    banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
  });
  return outfile;
}

/** Instructions one variant runs between ring-run.ts' markers (loadavg() … uptime()), counted by callgrind. */
function instructions(script: string, variant: Variant, size: number, dir: string): Promise<number> {
  const out = join(dir, `${variant}.cg`);
  // Same addresses, hashes and compilation order in every run: the count repeats to a fraction of a percent.
  const node = [process.execPath, "--predictable", "--random-seed=1", "--hash-seed=1", "--no-memory-reducer"];
  const valgrind = [
    "valgrind",
    "--tool=callgrind",
    "--smc-check=all-non-file",
    `--callgrind-out-file=${out}`,
    "--zero-before=node::os::GetLoadAvg*",
    "--dump-before=node::os::GetUptime*",
    ...node,
    script,
    variant,
    String(size),
  ];
  const hasSetarch = spawnSync("setarch", ["--help"]).status === 0;
  const [cmd, ...args] = hasSetarch ? ["setarch", machine(), "-R", ...valgrind] : valgrind;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd as string, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const dump = `${out}.1`;
      if (code !== 0 || !existsSync(dump)) {
        reject(new Error(`${variant}: callgrind run failed or found no markers (exit ${code})\n${err.slice(-2000)}`));
        return;
      }
      const line = readFileSync(dump, "utf8").match(/^(?:summary|totals): (\d+)/m);
      resolve(Number(line?.[1]));
    });
  });
}

async function mainInstructions(size: number): Promise<void> {
  if (spawnSync("valgrind", ["--version"]).status !== 0) throw new Error("--instructions needs valgrind on the PATH");
  const script = bundle();
  const dir = mkdtempSync(join(tmpdir(), "netpol-ring-"));
  try {
    const counts = {} as Record<Variant, number>;
    // Two at a time: each callgrind run is single-threaded.
    for (let i = 0; i < VARIANTS.length; i += 2) {
      const pair = VARIANTS.slice(i, i + 2);
      const got = await Promise.all(pair.map((v) => instructions(script, v, size, dir)));
      pair.forEach((v, j) => {
        counts[v] = got[j] as number;
      });
    }
    console.log(`ring of ${size} cdk8s-plus-33 Deployments: instructions from building to synthesis (callgrind)`);
    for (const v of VARIANTS) console.log(`${v.padEnd(15)}${(counts[v] / 1e6).toFixed(0).padStart(10)} M`);
    const base = counts.deployments;
    const plusOver = counts["cdk8s-plus"] - base;
    const ratio = overheadRatio((v) => counts[v]);
    console.log(
      `instructions: netpol overhead / cdk8s-plus overhead = ${ratio.toFixed(3)} (target <= ${TARGET.toFixed(2)}) ${ratio <= TARGET ? "OK" : "MISSED"}; netpol's objects alone ${((counts["netpol-objects"] - base) / plusOver).toFixed(3)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A seeded pseudo-random generator of numbers in [0, 1): the same sequence for the same seed. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** The indexes 0 … n-1 in a random order (Fisher–Yates). */
function shuffled(n: number, random: () => number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

/**
 * A 90 % bootstrap interval of the time ratio: rounds drawn again with replacement, the ratio of medians of each
 * draw. A fixed seed keeps the printout the same for the same samples.
 */
function bootstrapInterval(samples: readonly Sample[], runs: number): [number, number] {
  const total = (r: number, v: Variant) => samples[r * VARIANTS.length + VARIANTS.indexOf(v)]?.totalMs ?? Number.NaN;
  const random = lcg(1);
  const ratios: number[] = [];
  for (let k = 0; k < 2000; k++) {
    const draw = Array.from({ length: runs }, () => Math.floor(random() * runs));
    const m = (v: Variant) => median(draw.map((r) => total(r, v)));
    ratios.push(overheadRatio(m));
  }
  ratios.sort((a, b) => a - b);
  return [ratios[100] as number, ratios[1899] as number];
}

function main(): void {
  const size = arg("size", 2000);
  const runs = arg("runs", 9);
  if (process.argv.includes("--instructions")) {
    mainInstructions(size).catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    });
    return;
  }
  const script = bundle();
  const samples: Sample[] = [];
  // Each round runs every variant once, in a shuffled order (seeded: the same orders in every run), so that no
  // variant always runs right after the same other one; samples are kept in VARIANTS order within a round.
  const random = lcg(7);
  for (let r = 0; r < runs; r++) {
    const round: Sample[] = [];
    for (const i of shuffled(VARIANTS.length, random)) {
      const variant = VARIANTS[i] as Variant;
      const res = spawnSync(process.execPath, [script, variant, String(size)], {
        encoding: "utf8",
        maxBuffer: 1 << 24,
      });
      if (res.status !== 0) throw new Error(`${variant} failed:\n${res.stderr}`);
      round[i] = JSON.parse(res.stdout.trim().split("\n").pop() as string) as Sample;
    }
    samples.push(...round);
  }
  const med = Object.fromEntries(
    VARIANTS.map((v) => {
      const of = samples.filter((s) => s.variant === v);
      return [
        v,
        {
          buildMs: median(of.map((s) => s.buildMs)),
          synthMs: median(of.map((s) => s.synthMs)),
          totalMs: median(of.map((s) => s.totalMs)),
          maxRssMb: median(of.map((s) => s.maxRssMb)),
          objects: of[0]?.objects ?? 0,
        },
      ];
    }),
  ) as Record<Variant, Omit<Sample, "variant">>;

  console.log(`ring of ${size} cdk8s-plus-33 Deployments, each allowed to reach the next; median of ${runs} runs`);
  console.log(
    `${"variant".padEnd(15)}${"objects".padStart(8)}${"build ms".padStart(10)}${"synth ms".padStart(10)}${"total ms".padStart(10)}${"peak MB".padStart(10)}`,
  );
  for (const v of VARIANTS) {
    const m = med[v];
    console.log(
      `${v.padEnd(15)}${fmt(m.objects)}${fmt(m.buildMs)}  ${fmt(m.synthMs)}  ${fmt(m.totalMs)}  ${fmt(m.maxRssMb, 1)}`,
    );
  }
  const base = med.deployments;
  const plusOver = med["cdk8s-plus"].totalMs - base.totalMs;
  const oursOver = med.netpol.totalMs - base.totalMs;
  const timeRatio = overheadRatio((v) => med[v].totalMs);
  const memRatio = med.netpol.maxRssMb / med["cdk8s-plus"].maxRssMb;
  console.log(
    `policy overhead (total - deployments alone): cdk8s-plus ${plusOver.toFixed(0)} ms, netpol ${oursOver.toFixed(0)} ms`,
  );
  const [low, high] = bootstrapInterval(samples, runs);
  console.log(
    `time: netpol overhead / cdk8s-plus overhead = ${timeRatio.toFixed(2)} (target <= ${TARGET.toFixed(2)}) ${timeRatio <= TARGET ? "OK" : "MISSED"}; 90 % interval over rounds ${low.toFixed(2)}–${high.toFixed(2)}`,
  );
  console.log(
    `memory: netpol peak / cdk8s-plus peak = ${memRatio.toFixed(2)} (target <= 1.00) ${memRatio <= 1 ? "OK" : "MISSED"}`,
  );
  const objectsOver = med["netpol-objects"].totalMs - base.totalMs;
  console.log(
    `of which netpol's objects alone (cdk8s' cost of ${size} policy objects): ${objectsOver.toFixed(0)} ms = ${(objectsOver / plusOver).toFixed(2)} of cdk8s-plus' overhead; connection logic ${(oursOver - objectsOver).toFixed(0)} ms`,
  );
  // On a shared machine single runs vary a lot: also show the ratio per round (the variants of a round run back
  // to back) and the ratio of the fastest runs, the ones least disturbed by other processes.
  const perRound = Array.from({ length: runs }, (_, r) => {
    const [d, p, n] = samples.slice(r * VARIANTS.length, (r + 1) * VARIANTS.length).map((x) => x.totalMs) as [
      number,
      number,
      number,
      number,
    ];
    return (n - d) / (p - d);
  });
  const best = (v: Variant) => Math.min(...samples.filter((x) => x.variant === v).map((x) => x.totalMs));
  const bestRatio = overheadRatio(best);
  // CPU time of the main thread (Linux): leaves out time other processes took and the JIT's and GC's helper threads.
  const mainCpu = (v: Variant) => median(samples.filter((x) => x.variant === v).map((x) => x.mainCpuMs));
  const mainRatio = overheadRatio(mainCpu);
  // CPU time of all the process' threads: the main thread plus the JIT compiler's and garbage collector's helpers.
  const allCpu = overheadRatio((v) => median(samples.filter((x) => x.variant === v).map((x) => x.cpuMs)));
  console.log(
    `time ratio, other views: median per round ${median(perRound).toFixed(2)}, fastest runs ${bestRatio.toFixed(2)}, main-thread CPU ${Number.isNaN(mainRatio) ? "n/a" : mainRatio.toFixed(2)}, CPU of all threads ${allCpu.toFixed(2)}`,
  );
}

main();
