// Builds the CLI bundle (and core first) before the tests run it: turbo's cache makes this cheap when nothing
// changed, and a stale bundle can never be tested.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { BIN, REPO_ROOT } from "./helpers.js";

export default function setup(): void {
  const turbo = join(REPO_ROOT, "node_modules", ".bin", "turbo");
  const r = spawnSync(turbo, ["run", "build", "--filter=@netpol/cli..."], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  if (r.status !== 0 || !existsSync(BIN))
    throw new Error(`building the CLI failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
}
