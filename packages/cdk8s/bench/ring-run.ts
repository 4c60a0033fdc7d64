// One run of one variant of the ring benchmark (see ring.ts), in the current process.

import { NetworkPolicy as CorePolicy, Pods } from "@netpol/core";
import { App, Chart } from "cdk8s";
import * as kplus from "cdk8s-plus-33";
import { connections, NetworkPolicy } from "../src/index.js";

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
  maxRssMb: number;
  objects: number;
}

/** Builds the ring (and its policies, per variant), synthesizes the chart, and measures. */
export function run(variant: Variant, size: number): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const app = new App({ outdir: "/tmp/netpol-bench-unused" });
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
  return {
    variant,
    buildMs: t1 - t0,
    loopMs,
    synthMs: t2 - t1,
    totalMs: t2 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    objects,
  };
}

// As a script (the bundled child): `node ring-run.mjs <variant> <size>` prints one JSON sample.
if (process.argv[1] && /ring-run\.m?[jt]s$/.test(process.argv[1])) {
  const sample = run(process.argv[2] as Variant, Number(process.argv[3] ?? 2000));
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}
