// Every ClusterNetworkPolicy (cnp/) and AdminNetworkPolicy/BaselineAdminNetworkPolicy (np-guard-anp/) of the shared
// conformance data reads into the model without error, and renders back to an object of the same meaning (the
// normal form of test-support/cluster-policies.ts, written without core) that reads back to itself.
import { describe, expect, it } from "vitest";
import { clusterPolicyObjects, normalClusterPolicy } from "../../../../test-support/cluster-policies.js";
import { toYaml } from "../../src/index.js";
import { clusterPolicyFromManifest, readManifestPaths, readObjects } from "../../src/manifests/index.js";
import { conformanceDir, hasConformance } from "./paths.js";

const policies = hasConformance ? clusterPolicyObjects(["cnp", "np-guard-anp"]) : [];
const label = (p: (typeof policies)[number]) => `${p.file}: ${p.kind} ${p.name}`;

describe.skipIf(!hasConformance)("cluster-wide policies of the conformance data", () => {
  it("are all found: v1alpha2 ClusterNetworkPolicies and v1alpha1 AdminNetworkPolicies and Baseline ones", () => {
    const kinds = new Map<string, number>();
    for (const p of policies) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    // Counts at the data's snapshot; more data only adds.
    expect(kinds.get("ClusterNetworkPolicy")).toBeGreaterThanOrEqual(45);
    expect(kinds.get("AdminNetworkPolicy")).toBeGreaterThanOrEqual(63);
    expect(kinds.get("BaselineAdminNetworkPolicy")).toBeGreaterThanOrEqual(26);
  });

  it.each(policies.map((p) => [label(p), p] as const))("%s reads and renders with the same meaning", (_, p) => {
    const { policy } = clusterPolicyFromManifest(p.object);
    expect(policy.kind).toBe(p.kind);
    const rendered = policy.toManifest();
    expect(normalClusterPolicy(rendered)).toEqual(normalClusterPolicy(p.object));
    // The rendering is canonical: it reads back to itself.
    expect(toYaml([clusterPolicyFromManifest(rendered).policy.toManifest()])).toBe(toYaml([rendered]));
  });

  const files = [...new Set(policies.map((p) => p.file))];
  it.each(files)("%s reads as the API server would take it: no errors", (file) => {
    const read = readManifestPaths([`${conformanceDir}/${file}`]);
    const objects = readObjects(read.objects, { sources: read.sources });
    expect([...read.diagnostics, ...objects.diagnostics].filter((d) => d.severity === "error")).toEqual([]);
    expect(objects.objects.filter((o) => o.category === "cluster-policy").length).toBe(
      policies.filter((p) => p.file === file).length,
    );
  });
});
