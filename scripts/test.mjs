// `npm test` after setup: type-check, lint, then every vitest project in one run.
// Writes .vitest-report.json so .ci/run can print a plain "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { env, pnpm } from "./setup.mjs";
import { summary } from "./summary.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cycles = spawnSync(process.execPath, [join(root, "scripts", "check-cycles.mjs")], {
  cwd: root,
  stdio: "inherit",
});
if (cycles.status !== 0) process.exit(cycles.status ?? 1);
pnpm(["run", "typecheck"], "typecheck");
pnpm(["run", "lint"], "lint (biome check)");
const bin = (name) => join(root, "node_modules", ".bin", name);
const r = spawnSync(
  bin("vitest"),
  ["run", "--reporter=default", "--reporter=json", "--outputFile.json=.vitest-report.json", ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit", env },
);
console.log(summary(join(root, ".vitest-report.json")));
process.exit(r.status ?? 1);
