// Builds the CLI bundle (core first) before the tests run it, when it is missing or older than its sources.
// `npm test` builds everything first, so then nothing is rebuilt under other projects' running tests.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { BIN, REPO_ROOT } from "./helpers.js";

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

/** Builds the bundle when it is missing or stale. */
export default function setup(): void {
  const sources = ["packages/cli/src", "packages/core/src"].map((d) => newestSource(join(REPO_ROOT, d)));
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= Math.max(...sources)) return;
  const turbo = join(REPO_ROOT, "node_modules", ".bin", "turbo");
  const r = spawnSync(turbo, ["run", "build", "--filter=@netpol/cli..."], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  if (r.status !== 0 || !existsSync(BIN))
    throw new Error(`building the CLI failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
}
