// The BUILT package works from ESM (import) and from CommonJS (require), through its package.json exports:
// the same chart synthesized each way gives the same objects.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const pkg = fileURLToPath(new URL("../", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));
const tmp = `${pkg}.tmp/dist-test/`;

/** The newest modification time under a folder. */
function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(`${dir}${e.name}/`) : statSync(`${dir}${e.name}`).mtimeMs,
    ),
  );
}

const program = (load: string) => `${load}
const app = new App();
const chart = new Chart(app, "Chart", { namespace: "shop" });
const web = new kplus.Deployment(chart, "Web", { containers: [{ image: "web", portNumber: 8080 }] });
const db = new kplus.StatefulSet(chart, "Db", { containers: [{ image: "db", portNumber: 5432 }], metadata: { namespace: "data" } });
connections(web).allowTo(db);
const policy = new NetworkPolicy(chart, "Deny", { ingress: { default: NetworkPolicyTrafficDefault.DENY } });
policy.addEgressRule(NetworkPolicyIpBlock.ipv4("10.0.0.0/8"), [NetworkPolicyPort.udp(53)]);
// Assertions work both ways too: the result of one that holds, the message of one that fails.
const holds = expectConnectivity(chart).from(web).to(db).allows(NetworkPolicyPort.tcp(5432));
let failed;
try {
  expectConnectivity(chart).from(web).to(db).allows(NetworkPolicyPort.tcp(5433));
} catch (e) {
  failed = e instanceof ConnectivityAssertionError ? e.message.split("\\n")[0] : String(e);
}
process.stdout.write(JSON.stringify([...Testing.synth(chart), { kind: "Assertions", holds: holds.ok, failed }]));
`;

const names =
  "ConnectivityAssertionError, connections, expectConnectivity, NetworkPolicy, NetworkPolicyIpBlock, NetworkPolicyPort, NetworkPolicyTrafficDefault";

describe("the built package", () => {
  beforeAll(() => {
    const dist = `${pkg}dist/`;
    const stale =
      !existsSync(`${dist}index.mjs`) ||
      !existsSync(`${dist}index.cjs`) ||
      newest(`${pkg}src/`) > Math.min(statSync(`${dist}index.mjs`).mtimeMs, statSync(`${dist}index.cjs`).mtimeMs);
    if (stale) {
      execFileSync(`${root}node_modules/.bin/turbo`, ["run", "build", "--filter=@netpol/cdk8s..."], {
        cwd: root,
        stdio: "pipe",
      });
    }
    mkdirSync(tmp, { recursive: true });
    // Inside the package, so `@netpol/cdk8s` resolves through its own package.json exports.
    writeFileSync(
      `${tmp}esm.mjs`,
      program(
        `import { ${names} } from "@netpol/cdk8s";\nimport { App, Chart, Testing } from "cdk8s";\nimport * as kplus from "cdk8s-plus-33";`,
      ),
    );
    writeFileSync(
      `${tmp}cjs.cjs`,
      program(
        `const { ${names} } = require("@netpol/cdk8s");\nconst { App, Chart, Testing } = require("cdk8s");\nconst kplus = require("cdk8s-plus-33");`,
      ),
    );
  }, 120_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const run = (file: string) => {
    const r = spawnSync(process.execPath, [`${tmp}${file}`], { cwd: tmp, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as { kind: string }[];
  };

  it("import (ESM) and require (CommonJS) synthesize the same chart", () => {
    const esm = run("esm.mjs");
    const cjs = run("cjs.cjs");
    expect(cjs).toEqual(esm);
    expect(esm.filter((o) => o.kind === "NetworkPolicy")).toHaveLength(3);
    expect(esm.filter((o) => o.kind === "Assertions")).toEqual([
      {
        kind: "Assertions",
        holds: true,
        failed: expect.stringMatching(
          /^shop\/chart-web-c8[0-9a-f]+\[Deployment\] => data\/chart-db-c8[0-9a-f]+\[StatefulSet\] should allow TCP 5433, but TCP 5433 is denied:$/,
        ),
      },
    ]);
  });

  it("resolves to the dist files", () => {
    const where = (cond: string) =>
      spawnSync(process.execPath, ["--input-type=module", "-e", cond], { cwd: tmp, encoding: "utf8" }).stdout.trim();
    expect(where('console.log(import.meta.resolve("@netpol/cdk8s"))')).toMatch(/\/packages\/cdk8s\/dist\/index\.mjs$/);
    expect(
      where(
        'import { createRequire } from "node:module"; console.log(createRequire(process.cwd() + "/x").resolve("@netpol/cdk8s"))',
      ),
    ).toMatch(/\/packages\/cdk8s\/dist\/index\.cjs$/);
  });
});
