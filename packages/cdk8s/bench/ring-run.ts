// One run of one variant of the ring benchmark (see ring.ts), in the current process.

import { readFileSync } from "node:fs";
import { loadavg, uptime } from "node:os";
import { NetworkPolicy as CorePolicy, Pods } from "@netpol/core";
import { App, Chart } from "cdk8s";
import * as kplus from "cdk8s-plus-33";
import { connections, LINT_CONTEXT, NetworkPolicy } from "../src/index.js";

/** The `netpol-objects` variant's one core policy, shared by all its objects (each rendered at synthesis). */
const onePolicy = new CorePolicy({
  name: "p",
  namespace: "ring",
  egress: { rules: [{ peer: Pods.select({ labels: { app: "any" } }) }] },
});

/** A variant of the benchmark. */
export type Variant = "deployments" | "cdk8s-plus" | "netpol" | "netpol-objects";

/** What one run measured. */
export interface Sample {
  variant: Variant;
  buildMs: number;
  /** The connections loop alone (zero for the Deployments-only variant). */
  loopMs: number;
  synthMs: number;
  totalMs: number;
  cpuMs: number;
  /** CPU time of the main thread alone (Linux): no compiler or GC helper threads, no time taken by other processes. */
  mainCpuMs: number;
  maxRssMb: number;
  objects: number;
}

/** CPU time of this (the main) thread in ms, where Linux tells it (10 ms ticks); NaN elsewhere. */
function mainThreadCpuMs(): number {
  try {
    // Fields 14 and 15 (utime, stime) after the parenthesised command name.
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Builds the ring (and its policies, per variant), synthesizes the chart, and measures. */
export function run(variant: Variant, size: number): Sample {
  // `ring.ts --instructions` has callgrind count instructions from this call of loadavg() to the uptime() below.
  loadavg();
  const m0 = mainThreadCpuMs();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const app = new App({ outdir: "/tmp/netpol-bench-unused" });
  // cdk8s-plus lints nothing: the ring compares policy logic, so lint at synthesis is off here unless asked for with
  // NETPOL_BENCH_LINT=1 (which measures what lint adds).
  if (process.env.NETPOL_BENCH_LINT !== "1") app.node.setContext(LINT_CONTEXT, false);
  const chart = new Chart(app, "Ring", { namespace: "ring" });
  const deployments = Array.from(
    { length: size },
    (_, i) => new kplus.Deployment(chart, `D${i}`, { containers: [{ image: "app", portNumber: 8080 }] }),
  );
  const l0 = performance.now();
  for (let i = 0; i < size; i++) {
    const d = deployments[i] as kplus.Deployment;
    const next = deployments[(i + 1) % size] as kplus.Deployment;
    if (variant === "cdk8s-plus") d.connections.allowTo(next);
    else if (variant === "netpol") connections(d).allowTo(next);
    // What cdk8s charges for netpol's objects alone: one policy construct per Deployment, no connection logic.
    else if (variant === "netpol-objects") NetworkPolicy.fromPolicy(chart, `Connections-${i}`, onePolicy);
  }
  const t1 = performance.now();
  const loopMs = variant === "deployments" ? 0 : t1 - l0;
  const objects = chart.toJson().length;
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  const mainCpuMs = mainThreadCpuMs() - m0;
  uptime();
  return {
    variant,
    buildMs: t1 - t0,
    loopMs,
    synthMs: t2 - t1,
    totalMs: t2 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    mainCpuMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    objects,
  };
}

// As a script (the bundled child): `node ring-run.mjs <variant> <size>` prints one JSON sample.
if (process.argv[1] && /ring-run\.m?[jt]s$/.test(process.argv[1])) {
  const sample = run(process.argv[2] as Variant, Number(process.argv[3] ?? 2000));
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}
