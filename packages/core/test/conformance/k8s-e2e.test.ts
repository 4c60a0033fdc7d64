// One test per upstream NetworkPolicy e2e case: every off-diagonal cell of its truth table.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Protocol } from "../../src/data.js";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import { allowsPort } from "../../src/engine/connection-set.js";
import { readObjects } from "../../src/manifests/objects.js";
import { readManifestText } from "../../src/manifests/read.js";
import { conformanceDir, hasConformance } from "./paths.js";

const root = join(conformanceDir, "k8s-e2e");
const cases = hasConformance ? readdirSync(join(root, "cases")).sort() : [];

interface Expected {
  port: number;
  protocol: Protocol;
  allowed: Record<string, Record<string, boolean>>;
}
interface CaseMeta {
  modelChanges?: {
    namespaceLabelsAdded?: Record<string, Record<string, string>>;
    podLabelsAdded?: Record<string, Record<string, string>>;
  };
}
type Meta = { metadata: { labels?: Record<string, string> } };

/** Adds the case's labels to the model's objects, found by their names as read (`name: y` is a YAML 1.1 boolean). */
function applyChanges(objects: unknown[], changes: CaseMeta["modelChanges"]): void {
  for (const o of readObjects(objects).objects) {
    const added =
      o.kind === "Namespace"
        ? changes?.namespaceLabelsAdded?.[o.name]
        : o.kind === "Pod"
          ? changes?.podLabelsAdded?.[`${o.namespace}/${o.name}`]
          : undefined;
    // In place: the labels keep what the YAML reader knows of how they were written.
    const metadata = (o.raw as Meta).metadata;
    if (!added) continue;
    metadata.labels ??= {};
    Object.assign(metadata.labels, added);
  }
}

describe.skipIf(!hasConformance)("k8s e2e conformance", () => {
  it.each(cases)("%s", (name) => {
    const dir = join(root, "cases", name);
    const model = readManifestText(readFileSync(join(root, "model.yaml"), "utf8"), "model.yaml");
    const policies = readManifestText(readFileSync(join(dir, "policies.yaml"), "utf8"), "policies.yaml");
    const meta = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as CaseMeta;
    const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Expected;
    applyChanges(model.objects, meta.modelChanges);
    expect(policies.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const map = analyzeConnectivity({ objects: [...model.objects, ...policies.objects] });
    const wrong: string[] = [];
    for (const [src, row] of Object.entries(expected.allowed)) {
      for (const [dst, want] of Object.entries(row)) {
        if (src === dst) continue;
        const got = allowsPort(map.allowed(`${src}[Pod]`, `${dst}[Pod]`), expected.protocol, expected.port);
        if (got !== want) wrong.push(`${src} -> ${dst}: expected ${want}, got ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
