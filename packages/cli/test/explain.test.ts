// `netpol map --explain` through the binary: roxctl's report on the reference's scenarios, --explain-only and
// --focus-conn, and their usage errors (the explanations themselves are tested in core).
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFORMANCE, EXAMPLES, hasStackTrace, netpol, tempDir } from "./helpers.js";

const NP_GUARD = join(CONFORMANCE, "np-guard");
const manifests = (scenario: string) => join(NP_GUARD, scenario, "manifests");
const golden = (scenario: string, file: string) => readFileSync(join(NP_GUARD, scenario, "expected", file), "utf8");

describe.skipIf(!existsSync(NP_GUARD))("netpol map --explain on the reference's scenarios", () => {
  it.each([
    ["new_online_boutique", "new_online_boutique_explain_output.txt"],
    ["multiple_topology_resources_2", "multiple_topology_resources_2_explain_output.txt"],
  ])("%s: stdout is roxctl's report, byte for byte", (scenario, file) => {
    const r = netpol(["map", manifests(scenario), "--explain"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(golden(scenario, file));
  });

  it("--explain-only deny --focus-conn udp-5353 keeps the pairs that may not connect on UDP 5353", () => {
    const r = netpol([
      "map",
      manifests("acs-security-demos"),
      "--explain",
      "--explain-only",
      "deny",
      "--focus-conn",
      "UDP-5353",
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(golden("acs-security-demos", "acs-security-demos_udp-5353_deny_explain_output.txt"));
    expect(r.stdout).not.toContain("Allowed connections:");
  });

  it("--explain --exposure --focus-conn tcp-8080 prints the explanations, then the exposure section", () => {
    const r = netpol(["map", manifests("acs-security-demos"), "--explain", "--exposure", "--focus-conn", "tcp-8080"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(golden("acs-security-demos", "acs-security-demos_tcp-8080_explain_exposure_output.txt"));
    const json = netpol(["map", manifests("acs-security-demos"), "--explain", "--exposure", "-o", "json"]);
    expect(json.status).toBe(0);
    expect(json.stderr).toMatch(/exposure analysis is left out: it does not combine with explanations but in txt/);
  });

  it("exits 2 on netpol_named_port_test: Kubernetes refuses its `containerport` key (roxctl reads keys in any case)", () => {
    const r = netpol(["map", manifests("netpol_named_port_test"), "--explain"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown key "containerport"/);
  });
});

describe("netpol map --explain-only on the shop example", () => {
  const dir = tempDir();
  expect(netpol(["generate", join(EXAMPLES, "shop.netpol.yaml"), "-o", join(dir, "policies.yaml")]).status).toBe(0);
  copyFileSync(join(import.meta.dirname, "fixtures", "shop-workloads.yaml"), join(dir, "workloads.yaml"));
  const blocks = (stdout: string) => stdout.split(`${"-".repeat(160)}\n`).slice(1);

  it("deny: only pairs with nothing allowed, each all denied", () => {
    const r = netpol(["map", dir, "--explain", "--explain-only", "deny"]);
    expect(r.status).toBe(0);
    expect(blocks(r.stdout).length).toBeGreaterThan(0);
    for (const b of blocks(r.stdout)) expect(b).toMatch(/:\n\nDenied connections:\n\tDenied TCP, UDP, SCTP due to /);
    expect(r.stdout).not.toContain("All Connections due to the system default");
  });

  it("allow: only pairs with something allowed, their denied ports still explained", () => {
    const r = netpol(["map", dir, "--explain", "--explain-only", "allow"]);
    expect(r.status).toBe(0);
    for (const b of blocks(r.stdout)) expect(b).toMatch(/:\n\nAllowed connections:\n/);
    expect(r.stdout).toContain("Connections between shop/api[Deployment] => data/redis[StatefulSet]:");
    expect(r.stdout).toContain("\tDenied TCP:[1-6378,6380-65535], UDP, SCTP due to the following policies and rules:");
  });

  it("--focus-conn narrows each pair to one port", () => {
    const r = netpol(["map", dir, "--explain", "--focus-conn", "tcp-6379", "--focus-workload", "redis"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Allowed connections:\n\tAllowed TCP:[6379] due to the following policies and rules:\n");
    expect(r.stdout).not.toMatch(/UDP|SCTP|TCP:\[1-/);
  });

  it.each([
    [["--explain-only", "deny"], /--explain-only is given without --explain/],
    [["--explain", "--explain-only", "some"], /argument 'some' is invalid/],
    [["--explain", "--focus-conn", "tcp80"], /invalid focus connection "tcp80"/],
    [["--explain", "--focus-conn", "icmp-8"], /invalid focus connection "icmp-8"/],
    [["--explain", "--focus-conn", "udp-65536"], /invalid focus connection "udp-65536"/],
  ])("rejects %j with exit code 2", (args, message) => {
    const r = netpol(["map", dir, ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe("netpol map warns about egress named ports toward addresses", () => {
  it("names the port entry's position, and still maps", () => {
    const file = join(tempDir(), "in.yaml");
    const text = [
      "apiVersion: v1",
      "kind: Pod",
      "metadata: { name: a, namespace: shop, labels: { app: a } }",
      "spec: { containers: [{ name: c, image: i, ports: [{ name: http, containerPort: 80 }] }] }",
      "---",
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata: { name: out, namespace: shop }",
      "spec:",
      "  podSelector: {}",
      "  policyTypes: [Egress]",
      "  egress:",
      "    - to: [{ ipBlock: { cidr: 10.0.0.0/8 } }]",
      "      ports: [{ port: http }]",
      "",
    ].join("\n");
    writeFileSync(file, text);
    const r = netpol(["map", file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      `${file}:14:23: warning: NetworkPolicy shop/out: spec.egress[0].ports[0].port: named port TCP http cannot match the addresses of ipBlock 10.0.0.0/8`,
    );
  });
});
