// `netpol map --exposure` through the built binary: the wiring of core's exposure analysis (tested in core against
// netpol-analyzer's goldens), its formats, focus, and the one warning when a combination leaves it out.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFORMANCE, EXAMPLES, hasStackTrace, netpol, REPO_ROOT } from "./helpers.js";

const SHOP = join(EXAMPLES, "shop.netpol.yaml");

describe("netpol map --exposure on the shop spec", () => {
  it("prints the map, then what pods not in the input could reach and be reached", () => {
    const r = netpol(["map", SHOP, "--exposure"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const plain = netpol(["map", SHOP]).stdout;
    expect(r.stdout.startsWith(`${plain}\nExposure Analysis Result:\n`)).toBe(true);
    const exposure = r.stdout.slice(plain.length + 1).split("\n");
    // The frontend admits its ingress controller's namespace, whose pods the spec does not declare.
    expect(exposure).toContain("shop/frontend[Deployment]        \t<= \tingress-nginx/[all pods] : TCP 8080");
    expect(exposure).toContain("kube-system/kube-dns[Deployment] is not protected on Ingress");
  });

  it.each(["txt", "json", "csv", "md", "dot"])("writes -o %s, byte-stable", (format) => {
    const r = netpol(["map", SHOP, "--exposure", "-o", format]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("ingress-nginx/[all pods]");
    expect(netpol(["map", SHOP, "--exposure", "-o", format]).stdout).toBe(r.stdout);
    if (format === "json")
      expect(JSON.parse(r.stdout).exposure_results.ingress_exposure).toContainEqual({
        src: "ingress-nginx/[all pods]",
        dst: "shop/frontend[Deployment]",
        conn: "TCP 8080",
      });
  });

  it("--focus-workload keeps the exposure of the named workloads", () => {
    const r = netpol(["map", SHOP, "--exposure", "--focus-workload", "frontend"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        "shop/frontend[Deployment] => kube-system/kube-dns[Deployment] : TCP 53,UDP 53",
        "shop/frontend[Deployment] => shop/api[Deployment] : TCP 8000",
        "",
        "Exposure Analysis Result:",
        "Ingress Exposure:",
        "shop/frontend[Deployment] \t<= \tingress-nginx/[all pods] : TCP 8080",
        "",
      ].join("\n"),
    );
  });

  it("with --explain in txt appends the exposure section to the explanations; in json leaves it out with a warning", () => {
    const r = netpol(["map", SHOP, "--exposure", "--explain"]);
    expect(r.status).toBe(0);
    const explained = netpol(["map", SHOP, "--explain"]).stdout;
    expect(r.stdout.startsWith(`${explained}\nExposure Analysis Result:\n`)).toBe(true);
    expect(r.stdout).toMatch(/\nshop\/frontend\[Deployment\] +\t<= \tingress-nginx\/\[all pods\] : TCP 8080\n/);
    expect(r.stderr).toBe("");
    const json = netpol(["map", SHOP, "--exposure", "--explain", "-o", "json"]);
    expect(json.status).toBe(0);
    expect(json.stdout).toBe(netpol(["map", SHOP, "--explain", "-o", "json"]).stdout);
    expect(json.stderr).toBe(
      "netpol: warning: exposure analysis is left out: it does not combine with explanations but in txt. Write txt, or ask for exposure without explanations\n",
    );
    expect(hasStackTrace(json.stderr)).toBe(false);
  });

  it("is what packages/cli/README.md shows", () => {
    const readme = readFileSync(join(REPO_ROOT, "packages", "cli", "README.md"), "utf8");
    const shown = /```text\n\$ netpol map examples\/cli\/shop\.netpol\.yaml --exposure[^\n]*\n([\s\S]*?)```/.exec(
      readme,
    )?.[1];
    const out = netpol(["map", SHOP, "--exposure"]).stdout;
    expect(shown).toBe(out.slice(out.indexOf("Exposure Analysis Result:")));
  });

  it("is in map's help", () => {
    expect(netpol(["map", "--help"]).stdout).toMatch(/--exposure +also say what pods not in the input could reach/);
  });
});

// One golden of netpol-analyzer through the binary (every case is checked in core's conformance tests).
const CASE = join(CONFORMANCE, "np-guard-exposure", "exposure_test_egress_with_named_port_with_matching_pod");
const INPUT = join(
  CONFORMANCE,
  "np-guard-exposure",
  "_inputs",
  "exposure_test_egress_with_named_port_with_matching_pod",
);

describe.skipIf(!existsSync(CASE))(
  "netpol map --exposure on a conformance case (skipped without ../shared/conformance)",
  () => {
    it.each(["txt", "csv", "md"])("-o %s is the golden, byte for byte", (format) => {
      const r = netpol(["map", INPUT, "--exposure", "-o", format]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(
        readFileSync(
          join(CASE, "expected", `exposure_test_egress_with_named_port_with_matching_pod_exposure_output.${format}`),
          "utf8",
        ),
      );
    });

    it("-o json is the golden, plus the newline the CLI ends its output with", () => {
      const r = netpol(["map", INPUT, "--exposure", "-o", "json"]);
      const golden = join(
        CASE,
        "expected",
        "exposure_test_egress_with_named_port_with_matching_pod_exposure_output.json",
      );
      expect(r.stdout).toBe(`${readFileSync(golden, "utf8")}\n`);
    });
  },
);
