// One test per np-guard scenario: the primary expected connection list, as txt and as json.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity } from "../../src/engine/analyze.js";
import { formatConnectionSet } from "../../src/engine/connection-set.js";
import { jsonFormatter } from "../../src/format/json.js";
import { txtFormatter } from "../../src/format/txt.js";

import { readManifestPaths } from "../../src/manifests/files.js";
import { conformanceDir, hasConformance } from "./paths.js";

const root = join(conformanceDir, "np-guard");
const scenarios = hasConformance ? readdirSync(root).sort() : [];
const INGRESS_CONTROLLER = "{ingress-controller}";

interface ScenarioMeta {
  primary_expected: { txt: string; json?: string };
}

describe.skipIf(!hasConformance)("np-guard conformance", () => {
  it.each(scenarios)("%s", (name) => {
    const dir = join(root, name);
    const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as ScenarioMeta;
    const read = readManifestPaths([join(dir, "manifests")]);
    expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const map = analyzeConnectivity({ objects: read.objects, sources: read.sources });
    const connections = map.connections();
    const txt = readFileSync(join(dir, meta.primary_expected.txt), "utf8")
      .split("\n")
      .filter((l) => l !== "" && !l.includes(INGRESS_CONTROLLER))
      .map((l) => `${l}\n`)
      .join("");
    expect(txtFormatter.connections(connections)).toBe(txt);
    // The slower explain path agrees with the list on every listed pair.
    for (const c of connections) {
      expect(formatConnectionSet(map.explain(c.src, c.dst).conn), `${c.src} => ${c.dst}`).toBe(
        formatConnectionSet(c.conn),
      );
    }
    if (meta.primary_expected.json) {
      const json = (
        JSON.parse(readFileSync(join(dir, meta.primary_expected.json), "utf8")) as { src: string; dst: string }[]
      ).filter((c) => c.src !== INGRESS_CONTROLLER && c.dst !== INGRESS_CONTROLLER);
      expect(jsonFormatter.connections(connections)).toBe(JSON.stringify(json, null, 2));
    }
  });
});
