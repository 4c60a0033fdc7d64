// Builds the CLI bundle (and core first) when it is missing, so `vitest run --project cli` works on a fresh clone.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { BIN, REPO_ROOT } from "./helpers.js";

export default function setup(): void {
  if (existsSync(BIN)) return;
  const turbo = join(REPO_ROOT, "node_modules", ".bin", "turbo");
  const r = spawnSync(turbo, ["run", "build", "--filter=@netpol/cli..."], {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  if (r.status !== 0 || !existsSync(BIN)) throw new Error(`building the CLI failed (exit ${r.status})`);
}
