// Issue "Nothing silent, nothing wider", where the library is the subject: manifests read as the API server reads
// them, or refused with the reason; never a TypeError, never a guess. (The CLI cases are in packages/cli/test.)
import { describe, expect, it } from "vitest";
import { analyzeConnectivity, FORMATTERS } from "../src/analysis.js";
import { NetworkPolicy, Workload } from "../src/index.js";
import { nodeAt, policyFromManifest, positionOf, readManifestText, readYaml } from "../src/manifests/index.js";

const pod = (name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "shop", labels, ...extra },
  spec: { containers: [{ name: "c" }] },
});
const policy = (spec?: unknown) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name: "p", namespace: "shop" },
  ...(spec === undefined ? {} : { spec }),
});
const lines = (objects: unknown[]) =>
  FORMATTERS.txt
    .connections(analyzeConnectivity({ objects }).connections())
    .split("\n")
    .filter((l) => l !== "" && !l.includes("[External]"));

// Bullet: `map` of NetworkPolicies without `spec` (valid: analysed).
describe("a NetworkPolicy without spec, or with spec: null", () => {
  it.each([
    ["absent", undefined],
    ["null", null],
    ["podSelector: null", { podSelector: null }],
  ])(
    "is the zero spec the API server gives it (spec %s): every pod of the namespace, isolated for ingress",
    (_, spec) => {
      expect(lines([pod("a", { app: "a" }), pod("b", { app: "b" }), policy(spec)])).toEqual([]);
      const { policy: model } = policyFromManifest(policy(spec));
      expect(model.toManifest().spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
    },
  );
});

// Bullet: misspelled fields in manifests; `namepsace:` in metadata is an error, for analysis too.
describe("a misspelled field in metadata", () => {
  it("is an error, not a name the analysis guesses around (namepsace: would put the object in default)", () => {
    const text = "apiVersion: v1\nkind: Pod\nmetadata: { name: a, namepsace: shop }\nspec: { containers: [] }\n";
    const read = readManifestText(text, "pod.yaml");
    const { diagnostics } = analyzeConnectivity({ objects: read.objects, sources: read.sources });
    // At the key itself: column of "namepsace" in line 3.
    const column = "metadata: { name: a, namepsace: shop }".indexOf("namepsace") + 1;
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        severity: "error",
        code: "unknown-key",
        line: 3,
        column,
        hint: 'Did you mean "namespace"?',
      }),
    );
    expect(analyzeConnectivity({ objects: read.objects }).peers.filter((p) => p.kind !== "External")).toEqual([]);
  });
});

// Bullet: default policy names follow direction (also in input.test.ts).
describe("default policy names", () => {
  it("follow the direction given after construction", () => {
    const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
    const db = Workload.of({ kind: "StatefulSet", name: "db", namespace: "shop", labels: { app: "db" } });
    expect(new NetworkPolicy({ selector: web }).addEgressRule(db).name).toBe("web-egress");
  });
});

// Bullet: quadratic paths. Placing a message per key of a map of 40,000 keys must stay linear (it was 40,000 scans of
// the map: over a minute); the test's timeout is the bound.
describe("positions in a large map", () => {
  it("are found for each of 40,000 keys", () => {
    const n = 40_000;
    const text = `labels:\n${Array.from({ length: n }, (_, i) => `  l${i}: v${i}\n`).join("")}`;
    const { documents } = readYaml(text, "big.yaml");
    const [doc] = documents;
    if (!doc) throw new Error("no document");
    for (let i = 0; i < n; i++) {
      expect(positionOf(doc, ["labels", `l${i}`])).toEqual({ line: i + 2, column: `  l${i}: `.length + 1 });
      expect(nodeAt(doc, ["labels", `l${i}`])).toMatchObject({ value: `v${i}` });
    }
  }, 20_000);
});
