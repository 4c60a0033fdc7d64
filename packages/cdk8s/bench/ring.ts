// Benchmark: a ring of cdk8s-plus-33 Deployments, each allowed to reach the next one.
// Three variants, each run in its own child process (so peak RSS is per variant), repeated; medians reported:
//   deployments  the Deployments alone (the baseline)
//   cdk8s-plus   + `d.connections.allowTo(next)` of cdk8s-plus-33
//   netpol       + `connections(d).allowTo(next)` of @netpol/cdk8s
//   netpol-objects  + one @netpol/cdk8s policy per Deployment, without connection logic: what cdk8s charges for
//                   netpol's objects alone (informational: where netpol's overhead goes)
// Run: node_modules/.bin/tsx packages/cdk8s/bench/ring.ts [--size 2000] [--runs 9]   (or `pnpm bench` in the package)
// The run itself (ring-run.ts, with @netpol/cdk8s and @netpol/core from source) is bundled first with esbuild, as a
// release build would be, and each child runs that bundle with plain node: the current code is measured, without
// tsx's transform helpers, and a concurrent rebuild of some dist folder cannot disturb it.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Sample, Variant } from "./ring-run.js";

const VARIANTS: readonly Variant[] = ["deployments", "cdk8s-plus", "netpol", "netpol-objects"];

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
    alias: { "@netpol/core": here("../../core/src/index.ts") },
    logLevel: "error",
    // Bundled CommonJS dependencies (yaml) require node built-ins.
    banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
  });
  return outfile;
}

function main(): void {
  const size = arg("size", 2000);
  const runs = arg("runs", 9);
  const script = bundle();
  const samples: Sample[] = [];
  for (let r = 0; r < runs; r++) {
    for (const variant of VARIANTS) {
      const res = spawnSync(process.execPath, [script, variant, String(size)], {
        encoding: "utf8",
        maxBuffer: 1 << 24,
      });
      if (res.status !== 0) throw new Error(`${variant} failed:\n${res.stderr}`);
      samples.push(JSON.parse(res.stdout.trim().split("\n").pop() as string) as Sample);
    }
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
  const timeRatio = oursOver / plusOver;
  const memRatio = med.netpol.maxRssMb / med["cdk8s-plus"].maxRssMb;
  console.log(
    `policy overhead (total - deployments alone): cdk8s-plus ${plusOver.toFixed(0)} ms, netpol ${oursOver.toFixed(0)} ms`,
  );
  console.log(
    `time: netpol overhead / cdk8s-plus overhead = ${timeRatio.toFixed(2)} (target <= 0.50) ${timeRatio <= 0.5 ? "OK" : "MISSED"}`,
  );
  console.log(
    `memory: netpol peak / cdk8s-plus peak = ${memRatio.toFixed(2)} (target <= 1.00) ${memRatio <= 1 ? "OK" : "MISSED"}`,
  );
  const objectsOver = med["netpol-objects"].totalMs - base.totalMs;
  console.log(
    `of which netpol's objects alone (cdk8s' cost of ${size} policy objects): ${objectsOver.toFixed(0)} ms = ${(objectsOver / plusOver).toFixed(2)} of cdk8s-plus' overhead; connection logic ${(oursOver - objectsOver).toFixed(0)} ms`,
  );
  // On a shared machine single runs vary a lot: also show the ratio per round (the three variants run back to
  // back) and the ratio of the fastest runs, the ones least disturbed by other processes.
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
  const bestRatio = (best("netpol") - best("deployments")) / (best("cdk8s-plus") - best("deployments"));
  console.log(
    `time ratio, other views: median per round ${median(perRound).toFixed(2)}, fastest runs ${bestRatio.toFixed(2)}`,
  );
}

main();
