// `netpol map`: the connectivity of manifests through core's engine and formatters, as the CLI wires them.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFORMANCE, EXAMPLES, hasStackTrace, netpol, tempDir } from "./helpers.js";

/** A directory holding the shop example's policies (from `netpol generate`) and its workloads. */
function shopCluster(): string {
  const dir = tempDir();
  expect(netpol(["generate", join(EXAMPLES, "shop.netpol.yaml"), "-o", join(dir, "policies.yaml")]).status).toBe(0);
  copyFileSync(join(import.meta.dirname, "fixtures", "shop-workloads.yaml"), join(dir, "workloads.yaml"));
  return dir;
}

describe("netpol map of policies alone", () => {
  it("warns on stderr that there are no workloads to connect, exits 0 and prints no connections", () => {
    const dir = tempDir();
    const policies = join(dir, "policies.yaml");
    expect(netpol(["generate", join(EXAMPLES, "shop.netpol.yaml"), "-o", policies]).status).toBe(0);
    const r = netpol(["map", policies]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/no workloads or pods/);
    expect(r.stderr).toMatch(/Pass the workloads' manifests/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe("netpol map on the shop example", () => {
  const dir = shopCluster();

  it("lists what the spec allows: frontend → api → postgres and redis, DNS for everyone", async () => {
    const r = netpol(["map", dir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toContain("shop/frontend[Deployment] => shop/api[Deployment] : TCP 8000");
    expect(lines).toContain("shop/api[Deployment] => data/postgres[StatefulSet] : TCP 5432");
    expect(lines).toContain("shop/api[Deployment] => data/redis[StatefulSet] : TCP 6379");
    expect(lines).toContain("data/redis[StatefulSet] => kube-system/coredns[Deployment] : TCP 53,UDP 53");
    expect(lines).toContain("ingress-nginx/controller[Deployment] => shop/frontend[Deployment] : TCP 8080");
    expect(lines.filter((l) => l.startsWith("shop/frontend[Deployment] => data/"))).toEqual([]);
    await expect(r.stdout).toMatchFileSnapshot("__snapshots__/map-shop.txt");
  });

  it.each(["json", "csv", "md", "dot"])("writes -o %s, byte-stable", (format) => {
    const r = netpol(["map", dir, "-o", format]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("shop/frontend[Deployment]");
    expect(netpol(["map", dir, "-o", format]).stdout).toBe(r.stdout);
    if (format === "json")
      expect(JSON.parse(r.stdout)).toContainEqual({
        src: "shop/frontend[Deployment]",
        dst: "shop/api[Deployment]",
        conn: "TCP 8000",
      });
  });

  it("--focus-workload keeps the connections of the named workloads", () => {
    const r = netpol(["map", dir, "--focus-workload", "shop/api", "--focus-workload", "postgres"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        "data/postgres[StatefulSet] => kube-system/coredns[Deployment] : TCP 53,UDP 53",
        "shop/api[Deployment] => data/postgres[StatefulSet] : TCP 5432",
        "shop/api[Deployment] => data/redis[StatefulSet] : TCP 6379",
        "shop/api[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53",
        "shop/frontend[Deployment] => shop/api[Deployment] : TCP 8000",
        "",
      ].join("\n"),
    );
  });

  it("--explain names the policies behind a connection, as roxctl words them", () => {
    const r = netpol(["map", dir, "--explain", "--focus-workload", "redis"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      [
        "Connections between shop/api[Deployment] => data/redis[StatefulSet]:",
        "",
        "Allowed connections:",
        "\tAllowed TCP:[6379] due to the following policies and rules:",
        "\t\tEgress (Allowed)",
        "\t\t\tNetworkPolicy 'shop/api-allow-egress-to-redis' allows connections by Egress rule #1",
        "\t\tIngress (Allowed)",
        "\t\t\tNetworkPolicy 'data/redis-allow-ingress-from-api' allows connections by Ingress rule #1",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["csv", /^src,dst,result,ports,egress,ingress\n/],
    ["md", /^\| src \| dst \| result \| ports \| egress \| ingress \|\n/],
    ["dot", /^digraph \{\n/],
  ])("--explain writes %s too, with the same reasons as txt", (format, head) => {
    const r = netpol(["map", dir, "--explain", "--focus-workload", "redis", "-o", format]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(head);
    expect(r.stdout).toContain(
      "NetworkPolicy 'data/redis-allow-ingress-from-api' allows connections by Ingress rule #1",
    );
  });

  it("words a bad policy as import does: the object, the field and its position", () => {
    const bad = join(tempDir(), "np.yaml");
    writeFileSync(
      bad,
      [
        "apiVersion: networking.k8s.io/v1",
        "kind: NetworkPolicy",
        "metadata: { name: db, namespace: shop }",
        "spec:",
        "  podSelector: {}",
        "  ingress:",
        "    - ports:",
        "        - { protocol: TCP, port: 0, endPort: 65535 }",
        "",
      ].join("\n"),
    );
    const line = `${bad}:8:34: NetworkPolicy shop/db: spec.ingress[0].ports[0].port: port 0 is out of range`;
    const mapped = netpol(["map", bad]);
    expect(mapped.status).toBe(2);
    expect(mapped.stderr).toContain(line);
    const imported = netpol(["import", bad]);
    expect(imported.status).toBe(2);
    expect(imported.stderr).toContain(line);
  });

  it.each([
    [["-o", "xml"], /argument 'xml' is invalid/],
    [["--focus-workload", "nope"], /^netpol: no workload named "nope"/m],
    [["--focus-workload", "web", "--focus-direction", "sideways"], /sideways/],
    [["--focus-conn", "tcp-99999"], /tcp-99999/],
  ])("rejects %j with exit code 2", (args, message) => {
    const r = netpol(["map", dir, ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

// The CLI wiring against lists netpol-analyzer asserts (the engine itself is tested in core).
const ACS = join(CONFORMANCE, "np-guard", "acs-security-demos");
const expected = (scenario: string, file: string) =>
  readFileSync(join(CONFORMANCE, "np-guard", scenario, "expected", file), "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => `${l}\n`)
    .join("");

describe.skipIf(!existsSync(ACS))("netpol map on conformance scenarios (skipped without ../shared/conformance)", () => {
  it.each([
    ["acs-security-demos", [], "acs-security-demos_connlist_output.txt"],
    [
      "onlineboutique_workloads",
      ["--focus-workload", "emailservice"],
      "onlineboutique_workloads_focus_workload_emailservice_connlist_output.txt",
    ],
    [
      "k8s_ingress_test",
      ["--focus-workload", "details-v1-79f774bdb9"],
      "k8s_ingress_test_focus_workload_details-v1-79f774bdb9_connlist_output.txt",
    ],
    [
      "acs-security-demos",
      ["--focus-workload", "backend/checkout,frontend/webapp", "--focus-workload-peer", "backend/recommendation"],
      "acs-security-demos_focus_workload_backend_checkout_frontend_webapp_with_backend_recommendation_connlist_output.txt",
    ],
    [
      "acs-security-demos",
      [
        ...["--focus-workload", "checkout", "--focus-workload", "reports"],
        ...["--focus-workload-peer", "recommendation,catalog", "--focus-direction", "egress"],
      ],
      "acs-security-demos_focus_workload_checkout_reports_egress_with_recommendation_catalog_connlist_output.txt",
    ],
  ])("%s %j", (scenario, args, file) => {
    const r = netpol(["map", join(CONFORMANCE, "np-guard", scenario as string, "manifests"), ...(args as string[])]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected(scenario as string, file as string));
  });
});

describe("netpol map on a spec file", () => {
  it("analyses the spec's own workloads and policies, as while writing them", () => {
    const r = netpol(["map", join(EXAMPLES, "shop.netpol.yaml")]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toContain("shop/frontend[Deployment] => shop/api[Deployment] : TCP 8000");
    expect(lines).toContain("shop/api[Deployment] => data/postgres[StatefulSet] : TCP 5432");
    expect(lines).toContain("data/redis[StatefulSet] => kube-system/kube-dns[Deployment] : TCP 53,UDP 53");
    expect(lines.filter((l) => l.includes("=> data/postgres"))).toEqual([
      "shop/api[Deployment] => data/postgres[StatefulSet] : TCP 5432",
    ]);
  });

  it("reports spec errors with positions and exit code 2", () => {
    const dir = tempDir();
    const file = join(dir, "bad.netpol.yaml");
    writeFileSync(
      file,
      "apiVersion: netpol.dev/v1alpha1\nkind: NetworkPolicySpec\npolicies:\n  - name: x\n    ingress: { rule: [] }\n",
    );
    const r = netpol(["map", file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/bad\.netpol\.yaml:5:\d+: .*"rule"/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
