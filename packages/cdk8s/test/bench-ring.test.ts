// The ring benchmark's variants build what they claim (its timings are `pnpm bench`'s business, not a test's):
// cdk8s-plus writes two policies per connection, netpol one per workload.
import { describe, expect, it } from "vitest";
import { run } from "../bench/ring-run.js";

describe("ring benchmark variants", () => {
  it.each([
    ["deployments", 12],
    ["cdk8s-plus", 36],
    ["netpol", 24],
    ["netpol-objects", 24],
  ] as const)("%s synthesizes %i objects for a ring of 12", (variant, objects) => {
    const sample = run(variant, 12);
    expect(sample.objects).toBe(objects);
    expect(sample.totalMs).toBeGreaterThan(0);
  });
});
