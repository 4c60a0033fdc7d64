// `netpol lint` through the built binary: findings, formats, --disable, --fail-on and exit codes.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, hasStackTrace, netpol, REPO_ROOT, tempDir } from "./helpers.js";

/** The core's lint fixtures, relative to the repository root (the binary runs there). */
const FIXTURES = join("packages", "core", "test", "fixtures", "lint");
const fixture = (id: string, kind: "triggers" | "clean") => join(FIXTURES, id, `${kind}.yaml`);

describe("netpol lint", () => {
  it("finds nothing in the example spec, and exits 0", () => {
    const r = netpol(["lint", join(EXAMPLES, "shop.netpol.yaml")]);
    expect(r).toEqual({ status: 0, stdout: "no findings\n", stderr: "" });
  });

  it("prints FILE:LINE:COL: severity id: message, then why and fix, and exits 1 on an error", () => {
    const file = fixture("egress-empty-without-type", "triggers");
    const r = netpol(["lint", file]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(
      `${file}:7:11: error egress-empty-without-type: egress: [] denies nothing here: an empty egress list counts as absent, and policyTypes is not set, so egress stays open`,
    );
    expect(lines[1]).toBe("    in: NetworkPolicy shop/deny-all");
    expect(lines[2]).toMatch(/^ {4}why: Kubernetes infers Egress/);
    expect(lines[3]).toMatch(/^ {4}fix: List Egress in policyTypes/);
    expect(lines.at(-2)).toMatch(/^\d+ findings: 2 errors/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it("exits 0 on warnings, unless --fail-on warning; info fails only with --fail-on info", () => {
    const warnings = fixture("pod-unselected", "triggers");
    expect(netpol(["lint", warnings]).status).toBe(0);
    expect(netpol(["lint", warnings, "--fail-on", "warning"]).status).toBe(1);
    expect(netpol(["lint", warnings, "--fail-on", "error"]).status).toBe(0);
    const info = fixture("end-port-cni", "triggers");
    expect(netpol(["lint", info, "--fail-on", "warning"]).status).toBe(0);
    expect(netpol(["lint", info, "--fail-on", "info"]).status).toBe(1);
  });

  it("--disable takes ids repeated or comma-separated", () => {
    const file = fixture("pod-unselected", "triggers");
    const ids = (args: string[]) =>
      JSON.parse(netpol(["lint", file, "-o", "json", ...args]).stdout).findings.map((f: { id: string }) => f.id);
    expect(ids([])).toEqual(["namespace-no-default-deny", "pod-unselected"]);
    expect(ids(["--disable", "pod-unselected"])).toEqual(["namespace-no-default-deny"]);
    expect(ids(["--disable", "pod-unselected,namespace-no-default-deny"])).toEqual([]);
    expect(ids(["--disable", "pod-unselected", "--disable", "namespace-no-default-deny"])).toEqual([]);
    expect(netpol(["lint", file, "--disable", "pod-unselected", "--fail-on", "warning"]).status).toBe(1);
  });

  it("refuses an unknown check id with exit 2, saying which it meant, and writes nothing", () => {
    const r = netpol(["lint", fixture("pod-unselected", "triggers"), "--disable", "pod-unselectd"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      'netpol: unknown lint check "pod-unselectd" — expected a check id listed by netpol lint --list. Did you mean "pod-unselected"?\n',
    );
  });

  it("writes JSON with every field, byte-stable", () => {
    const file = fixture("dns-blocked", "triggers");
    const r = netpol(["lint", file, "-o", "json"]);
    expect(r.status).toBe(1);
    expect(netpol(["lint", file, "-o", "json"]).stdout).toBe(r.stdout);
    const out = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; summary: Record<string, number> };
    const dns = out.findings.filter((f) => f.id === "dns-blocked");
    expect(dns.map((f) => [f.line, f.severity, f.subject])).toEqual([
      [15, "error", "NetworkPolicy shop/default-deny"],
      [33, "error", "NetworkPolicy data/dns-udp"],
      [44, "error", "NetworkPolicy ops/db"],
    ]);
    expect(Object.keys(dns[0] ?? {})).toEqual([
      "id",
      "severity",
      "file",
      "line",
      "column",
      "subject",
      "path",
      "message",
      "why",
      "fix",
    ]);
    expect(out.summary.error).toBeGreaterThanOrEqual(3);
  });

  it("reads stdin and directories", () => {
    const file = fixture("except-overlap", "triggers");
    const r = netpol(["lint", "-", "--fail-on", "warning"], { input: readFileSync(join(REPO_ROOT, file), "utf8") });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:14:17: warning except-overlap: /);
    const dir = tempDir();
    mkdirSync(join(dir, "policies"));
    copyFileSync(join(REPO_ROOT, file), join(dir, "policies", "web.yaml"));
    const walked = netpol(["lint", dir, "-o", "json"]);
    const files = JSON.parse(walked.stdout).findings.map((f: { file: string }) => f.file);
    expect(files).toEqual([join(dir, "policies", "web.yaml"), join(dir, "policies", "web.yaml")]);
  });

  it("stops with exit 2 on bad input or usage, never with findings", () => {
    const bad = netpol(["lint", "-"], { input: "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nspec: [\n" });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/^<stdin>:\d+:\d+: /);
    expect(netpol(["lint"]).status).toBe(2);
    // A valid document with an invalid value: the object would be left out of the checks, so it is bad input too.
    const invalid = netpol(["lint", "-"], {
      input: [
        "apiVersion: networking.k8s.io/v1",
        "kind: NetworkPolicy",
        "metadata: { name: x, namespace: shop }",
        "spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/33 } }] }] }",
        "",
      ].join("\n"),
    });
    expect(invalid.status).toBe(2);
    expect(invalid.stdout).toBe("");
    expect(invalid.stderr).toMatch(/^<stdin>:4:\d+: NetworkPolicy shop\/x: .*invalid CIDR "10\.0\.0\.0\/33"/);
    expect(netpol(["lint", "x.yaml", "--fail-on", "sometimes"]).status).toBe(2);
    expect(netpol(["lint", "x.yaml", "-o", "xml"]).status).toBe(2);
    const missing = netpol(["lint", "no-such-file.yaml"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no-such-file\.yaml: cannot read: no such file/);
    const cidr = netpol(["lint", fixture("except-overlap", "clean"), "--pod-cidr", "10.0.0.0/40"]);
    expect(cidr.status).toBe(2);
    expect(hasStackTrace(cidr.stderr)).toBe(false);
  });

  it("--pod-cidr names ipBlocks over the pod network", () => {
    const r = netpol(["lint", fixture("named-port-ipblock", "clean"), "--pod-cidr", "203.0.113.0/25"]);
    expect(r.stdout).toMatch(
      /warning ip-block-pod-ips: ipBlock "203\.0\.113\.0\/24" covers pod IPs \(the pod network 203\.0\.113\.0\/25\)/,
    );
  });

  it("reads spec files, placing findings at the spec's entries", () => {
    // The seed's egress rule: web may reach cache and db, and nothing else — not even DNS.
    const spec = join("packages", "core", "testdata", "05-egress-rule", "input.netpol.yaml");
    const r = netpol(["lint", spec, "-o", "json", "--disable", "pod-unselected,namespace-no-default-deny"]);
    expect(r.status).toBe(1);
    const found = JSON.parse(r.stdout).findings.map((f: Record<string, unknown>) => [f.id, f.file, f.line, f.subject]);
    // Line 21 is the policy's entry, `- name: policy`.
    expect(found).toEqual([["dns-blocked", spec, 21, "NetworkPolicy policy"]]);
  });

  it("--list lists every check with its severity", () => {
    const r = netpol(["lint", "--list"]);
    expect(r.status).toBe(0);
    const rows = r.stdout.trimEnd().split("\n");
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows).toContainEqual(expect.stringMatching(/^dns-blocked +error +DNS blocked under default-deny egress$/));
    expect(rows).toContainEqual(expect.stringMatching(/^end-port-cni +info +/));
  });
});
