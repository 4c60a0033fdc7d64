// `node scripts/run.mjs COMMAND [ARGS…]`: runs COMMAND with the pinned pnpm (installed on first use) and the
// workspace's binaries on PATH. The root scripts call turbo and pnpm through it, so `npm run build` and
// `npm run pnpm -- …` work from a shell that has no pnpm.
import { spawnSync } from "node:child_process";
import { ensurePnpm, env } from "./tools.mjs";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/run.mjs COMMAND [ARGS…]");
  process.exit(2);
}
ensurePnpm();
const r = spawnSync(command, args, {
  cwd: process.cwd(),
  env,
  stdio: "inherit",
  shell: process.platform === "win32",
});
if (r.error) {
  console.error(`${command}: ${r.error.message}${command === "turbo" ? " (run `npm run setup` first)" : ""}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
