// `npm test` after setup: type-check, lint, then every vitest project in one run.
// Type-check and lint print one line each when they pass, their whole output when they fail.
// Writes .vitest-report.json so .ci/run can print a plain "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { summary } from "./summary.mjs";
import { env, quiet, root } from "./tools.mjs";

const cycles = spawnSync(process.execPath, [join(root, "scripts", "check-cycles.mjs")], {
  cwd: root,
  stdio: "inherit",
});
if (cycles.status !== 0) process.exit(cycles.status ?? 1);
quiet("turbo", ["run", "typecheck"], "typecheck");
console.log("typecheck: ok");
quiet("biome", ["check", "."], "lint (biome check)");
console.log("lint: ok");
const r = spawnSync(
  join(root, "node_modules", ".bin", "vitest"),
  ["run", "--reporter=default", "--reporter=json", "--outputFile.json=.vitest-report.json", ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit", env },
);
console.log(summary(join(root, ".vitest-report.json")));
process.exit(r.status ?? 1);
