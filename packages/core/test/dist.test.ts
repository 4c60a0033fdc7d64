// The built package, as users load it: imported from ESM and required from CommonJS, with the same output.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const pkg = fileURLToPath(new URL("..", import.meta.url));
const root = fileURLToPath(new URL("../../..", import.meta.url));

const program = (load: string) => `${load}
const web = core.Workload.of({ kind: "Deployment", name: "web", namespace: "a", labels: { app: "web" } });
const db = core.Workload.of({ kind: "StatefulSet", name: "db", namespace: "b", labels: { app: "db" }, ports: [{ number: 5432 }] });
let error = "";
try { core.NetworkPolicyPort.tcp(0); } catch (e) { error = e.name + ":" + (e instanceof core.NetpolError); }
process.stdout.write(JSON.stringify({ yaml: core.toYaml(core.allowTo(web, db).map((p) => p.toManifest())), error }));
`;

function run(args: string[]): { yaml: string; error: string } {
  return JSON.parse(execFileSync(process.execPath, args, { cwd: pkg, encoding: "utf8" }));
}

describe("built @netpol/core", () => {
  beforeAll(() => {
    if (!existsSync(`${pkg}/dist/index.cjs`) || !existsSync(`${pkg}/dist/index.mjs`)) {
      execFileSync(`${root}/node_modules/.bin/turbo`, ["run", "build", "--filter=@netpol/core"], {
        cwd: root,
        stdio: "ignore",
      });
    }
  }, 120_000);

  it("works when imported from ESM and required from CommonJS, identically", () => {
    const esm = run(["--input-type=module", "-e", program('import * as core from "@netpol/core";')]);
    const cjs = run(["--input-type=commonjs", "-e", program('const core = require("@netpol/core");')]);
    expect(esm.yaml).toContain("name: db-allow-ingress-from-web");
    expect(esm.error).toBe("NetpolError:true");
    expect(cjs).toEqual(esm);
  });

  it("lints from ESM and from CommonJS, identically", () => {
    const lintProgram = (load: string) => `${load}
const policy = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "p", namespace: "a" }, spec: { podSelector: {}, egress: [] } };
process.stdout.write(JSON.stringify({ yaml: analysis.LINT_FORMATTERS.txt(analysis.lint([policy]).findings), error: "" }));
`;
    const esm = run(["--input-type=module", "-e", lintProgram('import * as analysis from "@netpol/core/analysis";')]);
    const cjs = run(["--input-type=commonjs", "-e", lintProgram('const analysis = require("@netpol/core/analysis");')]);
    expect(esm.yaml).toMatch(/^NetworkPolicy a\/p: spec\.egress: error egress-empty-without-type: /);
    expect(cjs).toEqual(esm);
  });
});
