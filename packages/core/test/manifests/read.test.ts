import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readManifestPaths, readManifestText, readObjects } from "../../src/manifests/index.js";
import { locate } from "../../src/manifests/read.js";

const categories = (objects: readonly unknown[]) => readObjects(objects).objects.map((o) => o.category);

const multi = `# comment
apiVersion: v1
kind: Namespace
metadata:
  name: a
---
apiVersion: v1
kind: PodList
items:
- metadata:
    name: p1
    namespace: a
  spec:
    containers:
    - name: c
      ports:
      - containerPort: 80
---
just: a map
---
`;

describe("reading manifests", () => {
  it("reads multi-document YAML, flattens typed lists and keeps positions", () => {
    const r = readManifestText(multi, "m.yaml");
    expect(categories(r.objects)).toEqual(["namespace", "pod"]);
    expect(r.objects[1]).toMatchObject({ kind: "Pod", apiVersion: "v1" });
    const pod = r.sources.get(r.objects[1]);
    expect(pod && locate(pod, ["spec", "containers", 0, "ports", 0, "containerPort"])).toMatchObject({
      line: 17,
      column: 24,
    });
    expect(pod && locate(pod, ["spec", "missing", "deeper"])).toMatchObject({ line: 14, column: 5 });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "not-a-manifest", file: "m.yaml", line: 19, column: 1 }),
    ]);
  });

  it("reports malformed YAML as an error with file, line and column", () => {
    const r = readManifestText("kind: Pod\nmetadata: {name: [unclosed\n", "bad.yaml");
    expect(r.objects).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({
      severity: "error",
      code: "yaml-syntax",
      file: "bad.yaml",
      line: 3,
      column: 1,
    });
  });

  it("reads JSON and generic Lists", () => {
    const json = JSON.stringify({
      apiVersion: "v1",
      kind: "List",
      items: [{ apiVersion: "v1", kind: "Pod", metadata: { name: "x" } }],
    });
    expect(readManifestText(json, "l.json").objects).toHaveLength(1);
  });

  it("walks directories in a stable order, skipping non-YAML files with a warning", () => {
    const dir = mkdtempSync(join(tmpdir(), "netpol-read-"));
    mkdirSync(join(dir, "b"));
    writeFileSync(join(dir, "b", "two.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: two}\n");
    writeFileSync(join(dir, "a.yml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: one}\n");
    writeFileSync(join(dir, "notes.txt"), "hello");
    const r = readManifestPaths([dir, "-"], { stdin: "apiVersion: v1\nkind: Namespace\nmetadata: {name: three}\n" });
    expect(r.objects.map((o) => (o as { metadata: { name: string } }).metadata.name)).toEqual(["one", "two", "three"]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "skipped-file", file: join(dir, "notes.txt") }),
    ]);
    // A file named explicitly is always read: its YAML errors are errors.
    writeFileSync(join(dir, "graph.svg"), "<svg><g>: [</g></svg>\n  - x: [");
    expect(readManifestPaths([join(dir, "graph.svg")]).diagnostics[0]).toMatchObject({
      severity: "error",
      code: "yaml-syntax",
    });
    expect(readManifestPaths([join(dir, "missing")]).diagnostics[0]).toMatchObject({
      severity: "error",
      code: "file-unreadable",
    });
  });
});

describe("locate", () => {
  it("finds keys that contain dots, as label keys do", () => {
    const text = [
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata: { name: p }",
      "spec:",
      "  podSelector:",
      "    matchLabels:",
      "      app.kubernetes.io/name: -bad",
      "      tier: web",
    ].join("\n");
    const read = readManifestText(text, "p.yaml");
    const source = read.sources.get(read.objects[0]);
    expect(source && locate(source, ["spec", "podSelector", "matchLabels", "app.kubernetes.io/name"])).toMatchObject({
      line: 7,
      column: 31,
    });
    expect(source && locate(source, ["spec", "podSelector", "matchLabels", "tier"])).toMatchObject({
      line: 8,
      column: 13,
    });
    expect(source && locate(source, ["spec", "podSelector", "matchLabels", "nope", "x"])).toMatchObject({
      line: 7,
      column: 7,
    });
  });
});
