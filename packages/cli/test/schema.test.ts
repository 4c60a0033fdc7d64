// `netpol schema`: the shipped schema file is exactly what the command prints, and every example matches it.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { specSchema } from "../src/spec/schema.js";
import { SchemaValidator } from "../src/spec/validate.js";
import { netpol, REPO_ROOT, specFiles, tempDir } from "./helpers.js";

const SHIPPED = join(REPO_ROOT, "packages", "cli", "schema", "netpol-spec.schema.json");

describe("netpol schema", () => {
  it("prints the shipped schema file byte for byte (regenerate with `pnpm --filter @netpol/cli schema`)", () => {
    const r = netpol(["schema"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(SHIPPED, "utf8"));
  });

  it("writes the same bytes with -o", () => {
    const out = join(tempDir(), "schema.json");
    expect(netpol(["schema", "-o", out]).status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(SHIPPED, "utf8"));
  });

  it("is a draft-07 schema whose references all resolve", () => {
    const text = JSON.stringify(specSchema);
    expect(specSchema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    for (const [, name] of text.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g))
      expect(specSchema.definitions, `definition ${name}`).toHaveProperty(name as string);
  });
});

describe.each(specFiles())("%s", (file) => {
  const text = readFileSync(join(REPO_ROOT, file), "utf8");

  it("matches the schema and points editors at it", () => {
    expect(text.split("\n")[0]).toBe(
      `# yaml-language-server: $schema=${relative(dirname(join(REPO_ROOT, file)), SHIPPED)}`,
    );
    const docs = parseAllDocuments(text);
    expect(docs).toHaveLength(1);
    expect(new SchemaValidator(specSchema).validate(docs[0]?.toJS())).toEqual([]);
  });
});

describe("packages/cli/README.md", () => {
  it("shows a spec that generates without problems", () => {
    const readme = readFileSync(join(REPO_ROOT, "packages", "cli", "README.md"), "utf8");
    const spec = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(spec).toContain("apiVersion: netpol.dev/v1alpha1");
    const r = netpol(["generate", "-"], { input: spec });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
