// Every seed example, ported (test/types/*.ts), compiles with `tsc --strict` and runs: each synthesizes policies
// the Kubernetes schema accepts.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Chart, Testing } from "cdk8s";
import { describe, expect, it } from "vitest";
import { networkPolicyProblems } from "../../../test-support/schema.js";

const dir = fileURLToPath(new URL("./types/", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));
const examples = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("the seed's examples, ported", () => {
  it("compile under tsc --strict (exactOptionalPropertyTypes, noUncheckedIndexedAccess too)", () => {
    // @netpol/core is typed from its build, as users get it; build it if it is not there.
    if (!existsSync(`${root}packages/core/dist/index.d.mts`)) {
      execFileSync(`${root}node_modules/.bin/turbo`, ["run", "build", "--filter=@netpol/core"], {
        cwd: root,
        stdio: "pipe",
      });
    }
    const tsc = spawnSync(
      process.execPath,
      [`${root}node_modules/typescript/bin/tsc`, "--noEmit", "-p", `${dir}tsconfig.json`],
      { encoding: "utf8" },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);

  it("are all there", () => {
    expect(examples).toHaveLength(12);
  });

  for (const file of examples) {
    it(`${file} synthesizes valid NetworkPolicies`, async () => {
      const { chart } = (await import(`./types/${file}`)) as { chart: Chart };
      const policies = Testing.synth(chart).filter((o) => o.kind === "NetworkPolicy");
      expect(policies.length).toBeGreaterThan(0);
      for (const p of policies) expect(networkPolicyProblems(p)).toEqual([]);
    });
  }
});
