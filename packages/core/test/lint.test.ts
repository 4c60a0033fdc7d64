// Lint: every check has a fixture that triggers it on the marked lines, and one that must not; plus the library's
// options, order and formats.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  describeFinding,
  LINT_CHECK_IDS,
  LINT_CHECK_INFO,
  LINT_FORMATTERS,
  type LintFinding,
  lint,
} from "../src/analysis.js";
import { NetpolError } from "../src/index.js";
import { readManifestText } from "../src/manifests/index.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "lint");

function lintFile(file: string, options: Parameters<typeof lint>[1] = {}) {
  const read = readManifestText(readFileSync(file, "utf8"), file);
  expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return lint(read.objects, { ...options, sources: read.sources });
}

/** The lines marked `# expect: <id>` in a fixture. */
function markedLines(file: string, id: string): number[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line, i) => (line.includes(`# expect: ${id}`) ? [i + 1] : []));
}

describe("lint fixtures", () => {
  it("has a folder for every check, and a check for every folder", () => {
    const folders = readdirSync(FIXTURES, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual([...LINT_CHECK_IDS].sort());
    expect(LINT_CHECK_IDS.length).toBeGreaterThanOrEqual(15);
  });

  for (const id of LINT_CHECK_IDS) {
    describe(id, () => {
      it("triggers on each marked line, and nowhere else", () => {
        const file = join(FIXTURES, id, "triggers.yaml");
        const expected = markedLines(file, id);
        expect(expected.length).toBeGreaterThan(0);
        const found = lintFile(file).findings.filter((f) => f.id === id);
        expect(found.map((f) => f.line)).toEqual(expected);
        for (const f of found) {
          expect(f.file).toBe(file);
          expect(f.message).not.toBe("");
          expect(f.why).not.toBe("");
          expect(f.fix).not.toBe("");
          expect(f.severity).toBe(LINT_CHECK_INFO.find((c) => c.id === id)?.severity);
        }
      });

      it("stays quiet on the clean fixture", () => {
        const found = lintFile(join(FIXTURES, id, "clean.yaml")).findings.filter((f) => f.id === id);
        expect(found).toEqual([]);
      });

      it("is silenced by disable", () => {
        const found = lintFile(join(FIXTURES, id, "triggers.yaml"), { disable: [id] }).findings;
        expect(found.filter((f) => f.id === id)).toEqual([]);
      });
    });
  }
});

const deployment = (name: string, namespace: string, labels: Record<string, string>) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name }] } } },
});
const egressTo = (name: string, cidr: string) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, namespace: "shop" },
  spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr } }] }] },
});

describe("lint", () => {
  it("names objects and paths when the objects have no source", () => {
    const policy = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "out", namespace: "shop" },
      spec: { podSelector: {}, policyTypes: ["Egress"] },
    };
    const { findings } = lint([policy, deployment("web", "shop", { app: "web" })], {
      disable: ["namespace-no-default-deny"],
    });
    expect(findings.map((f) => [f.id, f.subject, f.path, f.file])).toEqual([
      ["dns-blocked", "NetworkPolicy shop/out", ["spec", "policyTypes"], undefined],
    ]);
    expect(findings[0]?.object).toBe(policy);
    expect(describeFinding(findings[0] as LintFinding)).toMatch(
      /^dns-blocked \(error\): NetworkPolicy shop\/out: spec\.policyTypes: this policy denies egress of shop\/web\[Deployment\] by default, .*\. Allow egress to namespaceSelector/,
    );
  });

  it("names the other policy without a position when there is no source", () => {
    const { findings } = lint([egressTo("a", "10.0.0.0/8"), egressTo("b", "10.0.0.0/8")]);
    expect(findings.filter((f) => f.id === "identical-policies").map((f) => [f.subject, f.message])).toEqual([
      ["NetworkPolicy shop/b", "this policy has the same spec as NetworkPolicy shop/a"],
    ]);
  });

  it("finds ipBlocks over the pod networks it is given", () => {
    const objects = [egressTo("out", "10.0.0.0/8"), egressTo("world", "192.168.0.0/16")];
    const found = (podCidrs: string[]) =>
      lint(objects, { podCidrs }).findings.flatMap((f) => (f.id === "ip-block-pod-ips" ? [f.message] : []));
    expect(found([])).toEqual([]);
    expect(found(["10.244.0.0/16"])).toEqual([
      'ipBlock "10.0.0.0/8" covers pod IPs (the pod network 10.244.0.0/16); whether an ipBlock matches pod traffic depends on the network plugin',
    ]);
    expect(() => lint(objects, { podCidrs: ["10.244.0.0/33"] })).toThrow(NetpolError);
  });

  it("refuses unknown check ids, with the id meant", () => {
    let error: unknown;
    try {
      lint([], { disable: ["dns-blocked", "dns-blokced", "nothing-like-it"] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NetpolError);
    expect((error as NetpolError).diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ["lint-check-unknown", 'Did you mean "dns-blocked"?'],
      ["lint-check-unknown", undefined],
    ]);
  });

  it("refuses options that are not lists of strings", () => {
    expect(() => lint([], { disable: "dns-blocked" as unknown as string[] })).toThrow(/disable: found the string/);
    expect(() => lint([], { podCidrs: [10] as unknown as string[] })).toThrow(/podCidrs: found a list/);
    expect(() => lint({ objects: [] } as unknown as unknown[])).toThrow(NetpolError);
  });

  it("says when there are no workloads to check selections against", () => {
    const { findings, diagnostics } = lint([egressTo("out", "10.0.0.0/8")]);
    expect(findings.filter((f) => f.id === "dns-blocked")).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(["lint-no-workloads"]);
  });

  it("gives the same findings in the same order whatever the order of the objects", () => {
    const file = join(FIXTURES, "namespace-no-default-deny", "triggers.yaml");
    const read = readManifestText(readFileSync(file, "utf8"), file);
    const forward = lint(read.objects, { sources: read.sources }).findings;
    const backward = lint([...read.objects].reverse(), { sources: read.sources }).findings;
    expect(backward).toEqual(forward);
    expect(forward.map((f) => f.line)).toEqual([...forward.map((f) => f.line)].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  it("writes text and JSON", () => {
    const file = "k8s/out.yaml";
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: out, namespace: shop }
spec:
  podSelector: {}
  egress: []
`;
    const read = readManifestText(text, file);
    const { findings } = lint(read.objects, { sources: read.sources });
    expect(LINT_FORMATTERS.txt(findings)).toBe(
      `k8s/out.yaml:6:11: error egress-empty-without-type: egress: [] denies nothing here: an empty egress list counts as absent, and policyTypes is not set, so egress stays open
    in: NetworkPolicy shop/out
    why: Kubernetes infers Egress in policyTypes only from a non-empty egress list; egress: [] alone leaves egress open.
    fix: List Egress in policyTypes (policyTypes: [Ingress, Egress]) to deny all egress, or remove egress: []
1 finding: 1 error
`,
    );
    expect(JSON.parse(LINT_FORMATTERS.json(findings))).toEqual({
      findings: [
        {
          id: "egress-empty-without-type",
          severity: "error",
          file,
          line: 6,
          column: 11,
          subject: "NetworkPolicy shop/out",
          path: "spec.egress",
          message: expect.stringContaining("egress: [] denies nothing here"),
          why: expect.stringContaining("Kubernetes infers Egress"),
          fix: expect.stringContaining("List Egress in policyTypes"),
        },
      ],
      summary: { error: 1, warning: 0, info: 0 },
    });
    expect(LINT_FORMATTERS.txt([])).toBe("no findings\n");
  });
});
