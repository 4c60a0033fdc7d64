// `netpol generate` over every example: valid Kubernetes objects, stable bytes, snapshots, every output mode.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NetworkPolicy as K8sNetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { EXAMPLES, exampleSpecs, hasStackTrace, netpol, tempDir } from "./helpers.js";

function documents(yaml: string): Record<string, unknown>[] {
  return parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
}

describe.each(exampleSpecs())("netpol generate examples/cli/%s", (file) => {
  const run = netpol(["generate", join("examples", "cli", file)]);

  it("exits 0 with valid NetworkPolicy objects and no stack trace", () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(run.status).toBe(0);
    const docs = documents(run.stdout);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      expect(doc.kind).toBe("NetworkPolicy");
      expect(() => new K8sNetworkPolicy(doc as never).validate()).not.toThrow();
    }
  });

  it("writes the same bytes every time", () => {
    expect(netpol(["generate", join("examples", "cli", file)]).stdout).toBe(run.stdout);
  });

  it("matches its snapshot", async () => {
    await expect(run.stdout).toMatchFileSnapshot(`__snapshots__/${file.replace(/\.netpol\.ya?ml$/, "")}.k8s.yaml`);
  });
});

describe("generate output modes", () => {
  const spec = join(EXAMPLES, "shop.netpol.yaml");
  const stdout = netpol(["generate", spec]).stdout;

  it("reads the spec from stdin with -", () => {
    const r = netpol(["generate", "-"], { input: readFileSync(spec, "utf8") });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(stdout);
  });

  it("reads JSON specs", () => {
    const dir = tempDir();
    const doc = parseAllDocuments(readFileSync(spec, "utf8"))[0]?.toJS();
    writeFileSync(join(dir, "shop.json"), JSON.stringify(doc, null, 2));
    expect(netpol(["generate", join(dir, "shop.json")]).stdout).toBe(stdout);
  });

  it("concatenates several specs in argument order", () => {
    const a = join(EXAMPLES, "09-deny-all-ingress.netpol.yaml");
    const b = join(EXAMPLES, "11-deny-all-egress.netpol.yaml");
    const r = netpol(["generate", a, b]);
    expect(r.stdout).toBe(`${netpol(["generate", a]).stdout}---\n${netpol(["generate", b]).stdout}`);
  });

  it("writes one file with -o FILE, the same bytes as stdout, and nothing on stdout", () => {
    const out = join(tempDir(), "policies.yaml");
    const r = netpol(["generate", spec, "-o", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(stdout);
  });

  it("writes one file per policy with -o DIR/, named <namespace>.<name>.yaml", () => {
    const dir = join(tempDir(), "out/");
    const r = netpol(["generate", spec, "-o", dir]);
    expect(r.status).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toContain("shop.default-deny.yaml");
    expect(files).toContain("data.redis-allow-ingress-from-api.yaml");
    expect(files).toHaveLength(documents(stdout).length);
    const joined = files.map((f) => readFileSync(join(dir, f), "utf8"));
    for (const text of joined) expect(documents(text)).toHaveLength(1);
    expect(
      documents(joined.join("---\n"))
        .map((d) => JSON.stringify(d))
        .sort(),
    ).toEqual(
      documents(stdout)
        .map((d) => JSON.stringify(d))
        .sort(),
    );
  });

  it("writes into an existing directory without a trailing slash", () => {
    const dir = tempDir();
    expect(netpol(["generate", join(EXAMPLES, "09-deny-all-ingress.netpol.yaml"), "-o", dir]).status).toBe(0);
    expect(existsSync(join(dir, "deny-all-ingress.yaml"))).toBe(true);
  });
});
