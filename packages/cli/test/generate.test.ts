// `netpol generate` over every spec (examples and cases): valid Kubernetes objects, stable bytes, every output mode.
// The exact bytes of each case are cases.test.ts's.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NetworkPolicy as K8sNetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { caseSpec, EXAMPLES, hasStackTrace, netpol, specFiles, tempDir } from "./helpers.js";

function documents(yaml: string): Record<string, unknown>[] {
  return parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
}

describe.each(specFiles())("netpol generate %s", (file) => {
  const run = netpol(["generate", file]);

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
    expect(netpol(["generate", file]).stdout).toBe(run.stdout);
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
    const a = caseSpec("09-deny-all-ingress");
    const b = caseSpec("11-deny-all-egress");
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
    expect(netpol(["generate", caseSpec("09-deny-all-ingress"), "-o", dir]).status).toBe(0);
    expect(existsSync(join(dir, "deny-all-ingress.yaml"))).toBe(true);
  });
});
