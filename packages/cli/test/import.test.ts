// `netpol import`: existing manifests → a spec whose `generate` means exactly what the manifests meant.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isNetpolError, type NetworkPolicyManifest, toYaml } from "@netpol/core";
import { policyFromManifest, readManifestPaths, readObjects } from "@netpol/core/manifests";
import { describe, expect, it } from "vitest";
import { clusterPolicyObjects, normalClusterPolicy } from "../../../test-support/cluster-policies.js";
import { CONFORMANCE, hasStackTrace, inBatches, netpol, netpolAsync, specFiles, tempDir } from "./helpers.js";

/**
 * What core makes of the NetworkPolicies under `paths`: their canonical YAML, and the names of those it rejects
 * (or "(input)" when other objects of the input have errors: import reads every object strictly).
 */
function coreRendering(paths: readonly string[]): { yaml: string; rejected: string[] } {
  const read = readManifestPaths(paths);
  const others = readObjects(read.objects).diagnostics.some(
    (d) => d.severity === "error" && !d.subject?.startsWith("NetworkPolicy "),
  );
  const manifests: NetworkPolicyManifest[] = [];
  const rejected: string[] = [];
  for (const o of read.objects) {
    if ((o as { kind?: unknown }).kind !== "NetworkPolicy") continue;
    try {
      manifests.push(policyFromManifest(o).policy.toManifest());
    } catch (e) {
      if (!isNetpolError(e)) throw e;
      rejected.push(String((o as { metadata?: { name?: string } }).metadata?.name));
    }
  }
  return { yaml: toYaml(manifests), rejected: others ? [...rejected, "(input)"] : rejected };
}

describe.each(specFiles())("import round trip of %s", (file) => {
  it("generate → import → generate gives the same bytes", () => {
    const first = netpol(["generate", file]);
    const spec = netpol(["import", "-"], { input: first.stdout });
    expect(spec.status).toBe(0);
    expect(spec.stdout).toMatch(/^# Imported by netpol import from stdin\napiVersion: netpol\.dev\/v1alpha1\n/);
    const again = netpol(["generate", "-"], { input: spec.stdout });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  });
});

describe("import inputs", () => {
  const policy = (name: string, extra = "") => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: shop
spec:
  podSelector:
    matchLabels: { app: ${name} }
  ingress:
    - from:
        - podSelector: { matchLabels: { app: web } }
${extra}`;
  const deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\n";

  it("reads directories recursively, multi-document YAML, JSON and List kinds, skipping other kinds", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "nested", "deeper"), { recursive: true });
    writeFileSync(join(dir, "a.yaml"), `${policy("a")}---\n${deployment}`);
    writeFileSync(
      join(dir, "nested", "list.json"),
      JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [parseYaml(policy("b")), parseYaml(deployment.replace("name: web", "name: web2"))],
      }),
    );
    writeFileSync(join(dir, "nested", "deeper", "c.yml"), policy("c"));
    writeFileSync(join(dir, "README.md"), "# not a manifest\n");
    const r = netpol(["import", dir, "--verbose"]);
    expect(r.status).toBe(0);
    // Byte order of names: nested/deeper/ comes before nested/list.json.
    expect(r.stdout).toMatch(/name: a\n[\s\S]*name: c\n[\s\S]*name: b\n/);
    expect(r.stderr).toContain(
      `${join(dir, "a.yaml")}:13:1: warning: Deployment shop/web: skipped: import writes the NetworkPolicies and cluster-wide policies of its input only`,
    );
    expect(r.stderr).toContain(`${join(dir, "nested", "list.json")}:1:`);
    expect(r.stderr).toContain(`${join(dir, "README.md")}: warning: skipped: not a YAML or JSON file`);
    const quiet = netpol(["import", dir]);
    expect(quiet.stdout).toBe(r.stdout);
    expect(quiet.stderr).not.toContain("import writes");
  });

  it("writes the spec with -o, byte-stable", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "np.yaml"), policy("a"));
    expect(netpol(["import", "np.yaml", "-o", "spec.yaml"], { cwd: dir }).status).toBe(0);
    const text = readFileSync(join(dir, "spec.yaml"), "utf8");
    expect(text).toBe(netpol(["import", "np.yaml"], { cwd: dir }).stdout);
    expect(text).toBe(`# Imported by netpol import from np.yaml
apiVersion: netpol.dev/v1alpha1
kind: NetworkPolicySpec
policies:
  - name: a
    namespace: shop
    selector: { pods: { labels: { app: a } } }
    ingress:
      rules:
        - peer: { pods: { labels: { app: web } } }
`);
  });

  it("reports a policy's warnings at the policy, naming it, and still writes the spec", () => {
    const dir = tempDir();
    const hostBits = "        - ipBlock: { cidr: 10.0.1.1/16 }\n";
    writeFileSync(join(dir, "np.yaml"), policy("db", hostBits));
    const r = netpol(["import", "np.yaml", "-o", "spec.yaml"], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^np\.yaml:12:28: warning: NetworkPolicy shop\/db: spec\.ingress\[0\]\.from\[1\]\.ipBlock\.cidr: CIDR "10\.0\.1\.1\/16" has host bits set/m,
    );
    expect(existsSync(join(dir, "spec.yaml"))).toBe(true);
  });

  it("rejects an invalid policy (cdk8s-plus allTcp's port: 0), naming file, policy and field", () => {
    const dir = tempDir();
    const bad = policy("db", "      ports:\n        - protocol: TCP\n          port: 0\n          endPort: 65535\n");
    writeFileSync(join(dir, "np.yaml"), bad);
    writeFileSync(join(dir, "spec.yaml"), "keep me\n");
    const r = netpol(["import", "np.yaml", "-o", "spec.yaml"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).toMatch(
      /^np\.yaml:14:17: NetworkPolicy shop\/db: spec\.ingress\[0\]\.ports\[0\]\.port: port 0 is out of range — expected an integer from 1 to 65535/,
    );
    // Advice in manifest terms, not the TypeScript API's.
    expect(r.stderr).toContain("To allow every port of a protocol, leave out port and keep protocol");
    expect(r.stderr).not.toContain("allTcp");
    expect(readFileSync(join(dir, "spec.yaml"), "utf8")).toBe("keep me\n");
  });

  it("reports malformed YAML and missing files with exit code 2", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "broken.yaml"), "kind: [\n");
    const r = netpol(["import", "broken.yaml", "missing.yaml"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^broken\.yaml:2:1: malformed YAML/m);
    expect(r.stderr).toMatch(/^missing\.yaml: cannot read: no such file/m);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

function parseYaml(text: string): unknown {
  const read = readManifestPaths(["-"], { stdin: text });
  return read.objects[0];
}

// Every NetworkPolicy of the shared conformance data must come back from import → generate with its meaning:
// the bytes core renders for it.
const folders = existsSync(CONFORMANCE)
  ? [
      ...readdirSync(join(CONFORMANCE, "np-guard"))
        .filter((d) => existsSync(join(CONFORMANCE, "np-guard", d, "manifests")))
        .map((d) => join("np-guard", d, "manifests")),
      ...readdirSync(join(CONFORMANCE, "k8s-e2e", "cases")).map((d) => join("k8s-e2e", "cases", d, "policies.yaml")),
    ].sort()
  : [];

if (folders.length === 0) console.warn(`conformance round trip skipped: ${CONFORMANCE} is absent`);

describe.skipIf(folders.length === 0)("conformance round trip (skipped when ../shared/conformance is absent)", () => {
  const paths = folders.map((f) => join(CONFORMANCE, f));
  // Folders without a NetworkPolicy are refused by import (nothing to import), as tested above.
  const withPolicies = paths.filter((p) => coreRendering([p]).yaml !== "" || coreRendering([p]).rejected.length > 0);
  const accepted = withPolicies.filter((p) => coreRendering([p]).rejected.length === 0);
  const rejected = withPolicies.filter((p) => !accepted.includes(p));

  // Folder by folder: scenarios reuse policy names, and one input with two policies of a name is refused.
  it(`import → generate renders each of the ${accepted.length} folders' NetworkPolicies exactly as core does`, async () => {
    let total = 0;
    await inBatches(accepted, 4, async (path) => {
      const expected = coreRendering([path]);
      const spec = await netpolAsync(["import", path]);
      expect(hasStackTrace(spec.stderr), path).toBe(false);
      expect(spec.status, `${path}\n${spec.stderr}`).toBe(0);
      const generated = await netpolAsync(["generate", "-"], spec.stdout);
      expect(generated.stderr, path).not.toMatch(/^<stdin>:\d+:\d+: (?!warning: )/m);
      expect(generated.status, path).toBe(0);
      // Compared policy by policy, so a difference names its policy.
      expect(generated.stdout.split(/^---\n/m), path).toEqual(expected.yaml.split(/^---\n/m));
      total += expected.yaml.split(/^---\n/m).length;
    });
    expect(total).toBeGreaterThan(100);
  }, 120_000);

  // Core refuses these policies (the API server would too): import must fail and name them.
  it.each(rejected.map((p) => [p.slice(CONFORMANCE.length + 1), p]))("import rejects %s", (_, path) => {
    const r = netpol(["import", path]);
    expect(r.status).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    for (const name of coreRendering([path]).rejected)
      if (name !== "(input)") expect(r.stderr).toContain(`NetworkPolicy ${name}: metadata.name`);
  });
});

// Every ClusterNetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy of the data: import → generate keeps its
// meaning (the normal form of test-support/cluster-policies.ts, written without core).
const clusterFiles = existsSync(CONFORMANCE)
  ? [...new Set(clusterPolicyObjects(["cnp", "np-guard-anp"]).map((p) => p.file))].sort()
  : [];

describe.skipIf(clusterFiles.length === 0)("cluster-wide policies: import → generate keeps their meaning", () => {
  it(`in each of the ${clusterFiles.length} files holding some`, async () => {
    const all = clusterPolicyObjects(["cnp", "np-guard-anp"]);
    let total = 0;
    await inBatches(clusterFiles, 4, async (file) => {
      const spec = await netpolAsync(["import", join(CONFORMANCE, file)]);
      expect(hasStackTrace(spec.stderr), file).toBe(false);
      expect(spec.status, `${file}\n${spec.stderr}`).toBe(0);
      expect(spec.stdout, file).toContain("clusterPolicies:");
      const generated = await netpolAsync(["generate", "-"], spec.stdout);
      expect(generated.status, `${file}\n${generated.stderr}`).toBe(0);
      const out = generated.stdout
        .split(/^---\n/m)
        .map((d) => parseYaml(d) as { kind?: string })
        .filter((o) => o.kind !== "NetworkPolicy");
      const expected = all.filter((p) => p.file === file).map((p) => normalClusterPolicy(p.object));
      expect(out.map(normalClusterPolicy), file).toEqual(expected);
      total += expected.length;
    });
    expect(total).toBeGreaterThanOrEqual(134);
  }, 180_000);
});
