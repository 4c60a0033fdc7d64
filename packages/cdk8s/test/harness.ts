// Synthesizes the same app twice (cdk8s-plus-33 policies, then ours) and returns what each set of policies means.
import { Chart, type ChartProps, Testing } from "cdk8s";
import { type Meaning, meanings } from "./normalize.js";

/** Synthesizes one chart: `setup` creates the workloads, `build` the policies. */
export function synth<W>(setup: (chart: Chart) => W, build: (chart: Chart, w: W) => void, props?: ChartProps) {
  const app = Testing.app();
  const chart = new Chart(app, "Chart", props);
  build(chart, setup(chart));
  return Testing.synth(chart) as Record<string, unknown>[];
}

/** Both libraries on identical workloads (same construct paths, so the same cdk8s.io/metadata.addr labels). */
export function both<W>(
  setup: (chart: Chart) => W,
  plus: (chart: Chart, w: W) => void,
  ours: (chart: Chart, w: W) => void,
  props?: ChartProps,
): {
  plus: Meaning[];
  ours: Meaning[];
  plusObjects: Record<string, unknown>[];
  oursObjects: Record<string, unknown>[];
} {
  const plusObjects = synth(setup, plus, props);
  const oursObjects = synth(setup, ours, props);
  return { plus: meanings(plusObjects), ours: meanings(oursObjects), plusObjects, oursObjects };
}

/** The NetworkPolicy objects among synthesized objects. */
export function policies(objects: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return objects.filter((o) => o.kind === "NetworkPolicy");
}
