// `netpol check` through the built binary: expectations of spec files (`expect:`) against specs and manifests; exit 0
// when all hold, 1 when one fails (each failure explained), 2 for bad input.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, hasStackTrace, netpol, tempDir } from "./helpers.js";

const SHOP = join(EXAMPLES, "shop.netpol.yaml");
const shop = () => readFileSync(SHOP, "utf8");

/** The shop spec with its text changed, written to a temporary file; returns the directory and the file. */
function shopWith(replace: (text: string) => string): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, "shop.netpol.yaml");
  const text = replace(shop());
  expect(text).not.toBe(shop());
  writeFileSync(file, text);
  return { dir, file };
}

describe("netpol check", () => {
  it("passes the example's expectations, one line each, and exits 0", () => {
    const r = netpol(["check", "examples/cli/shop.netpol.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "PASS examples/cli/shop.netpol.yaml:83:5: shop/frontend[Deployment] => shop/api[Deployment] allows TCP 8000",
        "PASS examples/cli/shop.netpol.yaml:84:5: shop/api[Deployment] => data/postgres[StatefulSet] allows TCP 5432",
        "PASS examples/cli/shop.netpol.yaml:85:5: shop/frontend[Deployment] => data/postgres[StatefulSet] denies All Connections",
        "PASS examples/cli/shop.netpol.yaml:86:5: shop/api[Deployment] => kube-system/kube-dns[Deployment] allows TCP 53,UDP 53",
        "PASS examples/cli/shop.netpol.yaml:87:5: data/redis[StatefulSet] => data/postgres[StatefulSet] denies All Connections",
        "5 expectations: 5 passed, 0 failed",
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(0);
  });

  it("fails with exit 1 and explains each failure with the policies and rules involved", () => {
    const { dir } = shopWith((t) =>
      t.replace("{ from: redis, to: postgres, deny: all }", "{ from: api, to: redis, deny: all }"),
    );
    const r = netpol(["check", "shop.netpol.yaml"], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    const failure = r.stdout.slice(r.stdout.indexOf("FAIL"));
    expect(failure).toBe(
      [
        "FAIL shop.netpol.yaml:87:5: shop/api[Deployment] => data/redis[StatefulSet] should deny All Connections, but TCP 6379 is allowed:",
        "",
        "Connections between shop/api[Deployment] => data/redis[StatefulSet]:",
        "",
        "Allowed connections:",
        "\tAllowed TCP:[6379] due to the following policies and rules:",
        "\t\tEgress (Allowed)",
        "\t\t\tNetworkPolicy 'shop/api-allow-egress-to-redis' allows connections by Egress rule #1",
        "\t\tIngress (Allowed)",
        "\t\t\tNetworkPolicy 'data/redis-allow-ingress-from-api' allows connections by Ingress rule #1",
        "",
        "5 expectations: 4 passed, 1 failed",
        "",
      ].join("\n"),
    );
  });

  it("says which policies deny an expected port", () => {
    const { dir } = shopWith((t) => t.replace("allow: tcp/8000 }", "allow: tcp/8001 }"));
    const r = netpol(["check", "shop.netpol.yaml"], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      "FAIL shop.netpol.yaml:83:5: shop/frontend[Deployment] => shop/api[Deployment] should allow TCP 8001, but TCP 8001 is denied:\n",
    );
    expect(r.stdout).toContain(
      "- NetworkPolicy 'shop/api-allow-ingress-from-frontend' selects shop/api[Deployment], and Ingress rule #1 selects shop/frontend[Deployment], but the protocols and ports do not match\n",
    );
    expect(r.stdout).toMatch(/\n5 expectations: 4 passed, 1 failed\n$/);
  });

  it("reports results as JSON with -o json", () => {
    const { dir } = shopWith((t) => t.replace("allow: tcp/8000 }", "allow: tcp/8001 }"));
    const r = netpol(["check", "shop.netpol.yaml", "-o", "json"], { cwd: dir });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as {
      passed: number;
      failed: number;
      results: {
        file: string;
        line: number;
        ok: boolean;
        ports: string;
        wrong: string;
        explanation: { conn: string };
      }[];
    };
    expect([out.passed, out.failed]).toEqual([4, 1]);
    expect(out.results[0]).toMatchObject({
      file: "shop.netpol.yaml",
      line: 83,
      column: 5,
      src: "shop/frontend[Deployment]",
      dst: "shop/api[Deployment]",
      verdict: "allow",
      ports: "TCP 8001",
      ok: false,
      wrong: "TCP 8001",
      explanation: { conn: "No Connections" },
    });
    expect(out.results.map((x) => x.ok)).toEqual([false, true, true, true, true]);
  });

  it("checks a directory: manifests, and the spec beside them that names their workloads", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "k8s"));
    const deployment = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: shop }\nspec:\n  template:\n    metadata: { labels: { app: ${name} } }\n    spec: { containers: [{ name: c, ports: [{ containerPort: 8000 }] }] }\n`;
    writeFileSync(
      join(dir, "k8s", "app.yaml"),
      `${deployment("web")}---\n${deployment("api")}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: api, namespace: shop }\nspec:\n  podSelector: { matchLabels: { app: api } }\n  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 8000 }] }]\n`,
    );
    writeFileSync(
      join(dir, "k8s", "expect.netpol.yaml"),
      'apiVersion: netpol.dev/v1alpha1\nkind: NetworkPolicySpec\nexpect:\n  - { from: web, to: shop/api, allow: tcp/8000 }\n  - { from: "shop/api[Deployment]", to: web, allow: all }\n  - { from: web, to: api, deny: [udp/53, { tcp: 8001 }] }\n',
    );
    const r = netpol(["check", "k8s"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "PASS k8s/expect.netpol.yaml:4:5: shop/web[Deployment] => shop/api[Deployment] allows TCP 8000",
        "PASS k8s/expect.netpol.yaml:5:5: shop/api[Deployment] => shop/web[Deployment] allows All Connections",
        "PASS k8s/expect.netpol.yaml:6:5: shop/web[Deployment] => shop/api[Deployment] denies TCP 8001,UDP 53",
        "3 expectations: 3 passed, 0 failed",
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(0);
  });

  it("refuses bad expectations with exit 2: each at its line and column, with a suggestion, nothing on stdout", () => {
    const { dir } = shopWith((t) =>
      t
        .replace("{ from: frontend, to: api, allow: tcp/8000 }", "{ from: frontnd, to: api, allow: tcp/8000 }")
        .replace("allow: [{ tcp: 5432 }] }", "allow: [{ tcp: 5432 }], deny: all }")
        .replace("allow: [udp/53, tcp/53] }", "allow: [udp/53, http/53] }"),
    );
    const r = netpol(["check", "shop.netpol.yaml"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).toBe(
      [
        'shop.netpol.yaml:83:13: no workload or peer named "frontnd" — expected a workload name, namespace/name, namespace/name[Kind], an IP address, or {ingress-controller}. Did you mean "frontend"?',
        'shop.netpol.yaml:84:5: an expectation takes "allow" or "deny", not both. Split it in two entries of expect',
        'shop.netpol.yaml:86:48: invalid expected ports "http/53" — expected all, a port such as tcp/8000, udp/53, tcp/8000-8080 or tcp (every TCP port), { tcp: 8000 }, or a list of them',
        "",
      ].join("\n"),
    );
  });

  it("refuses what the schema does not allow, at its position, with exit 2", () => {
    const { dir } = shopWith((t) => t.replace("allow: tcp/8000 }", "allow: 8000 }"));
    const r = netpol(["check", "shop.netpol.yaml"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^shop\.netpol\.yaml:83:39: found the number 8000 — expected /);
  });

  it("exits 2 when no input has expectations", () => {
    const { dir } = shopWith((t) => t.slice(0, t.indexOf("\n# What must hold")));
    const r = netpol(["check", "shop.netpol.yaml"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "netpol: nothing to check: no spec among shop.netpol.yaml has expectations — expected a spec file with an expect: list, e.g. expect: [{ from: frontend, to: api, allow: tcp/8000 }]\n",
    );
  });
});
