// One test per `explain` variant of the np-guard scenarios: the txt explanation equals the reference's, line for line.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import { txtFormatter } from "../../src/format/txt.js";
import { readManifestPaths } from "../../src/manifests/files.js";
import { conformanceDir, hasConformance } from "./paths.js";

const root = join(conformanceDir, "np-guard");

interface Variant {
  mode: string;
  format: string;
  expected_file: string;
  focusConn?: string;
  explainOnly?: "allow" | "deny";
  focusWorkloads?: string[];
}

interface Case {
  name: string;
  scenario: string;
  variant: Variant;
  expected: string;
}

/** Every txt explain variant of every scenario, with its expected text. */
function cases(): Case[] {
  if (!hasConformance) return [];
  return readdirSync(root)
    .sort()
    .flatMap((scenario) => {
      const meta = JSON.parse(readFileSync(join(root, scenario, "meta.json"), "utf8")) as { variants?: Variant[] };
      return (meta.variants ?? [])
        .filter((v) => v.mode === "explain" && v.format === "txt")
        .map((variant) => ({
          name: variant.expected_file,
          scenario,
          variant,
          expected: readFileSync(join(root, scenario, "expected", variant.expected_file), "utf8"),
        }));
    });
}

/**
 * The objects as the reference reads them: Go's encoding/json matches keys case-insensitively, so it reads the
 * `containerport` of netpol_named_port_test as `containerPort`. Kubernetes and netpol refuse that key (the object is
 * left out, with an error); the variant is compared on the object the reference analysed.
 */
function asGoReadsIt(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asGoReadsIt);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k === "containerport" ? "containerPort" : k, asGoReadsIt(v)]),
  );
}

const all = cases();

describe.skipIf(!hasConformance)("np-guard explain conformance", () => {
  it("finds the explain variants", () => {
    expect(all.length).toBeGreaterThanOrEqual(7);
  });

  it.each(all.map((c) => [c.name, c] as const))("%s", (_, c) => {
    expect(c.variant.focusWorkloads).toBeUndefined();
    const read = readManifestPaths([join(root, c.scenario, "manifests")]);
    expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const map = analyzeConnectivity({ objects: read.objects.map(asGoReadsIt) });
    expect(map.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(explained(c)).toBe(c.expected);
  });

  it("warns where the reference warns: a named port the destination does not define", () => {
    const dir = join(root, "netpol_named_port_test", "manifests");
    const map = analyzeConnectivity({ objects: readManifestPaths([dir]).objects.map(asGoReadsIt) });
    expect(map.diagnostics.filter((d) => d.code === "named-port-undefined").map((d) => d.args)).toEqual([
      {
        port: "UDP newport",
        policy: "helloworld/enable-ingress-from-named-port",
        workloads: "helloworld/pod-a[Deployment]",
      },
    ]);
  });
});

/** The report of a variant, as netpol writes it. */
function explained(c: Case): string {
  const read = readManifestPaths([join(root, c.scenario, "manifests")]);
  const map = analyzeConnectivity({ objects: read.objects.map(asGoReadsIt) });
  return txtFormatter.explanations(map.explainAll({ only: c.variant.explainOnly, conn: c.variant.focusConn }));
}
