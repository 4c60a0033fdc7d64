// The pinned pnpm (installed into .tools/ by setup) and the environment every root script runs its tools in: the
// pinned pnpm and the workspace's node_modules/.bin first on PATH, so `turbo` (which looks pnpm up on PATH) and
// `pnpm` work from a shell that has no pnpm of its own.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];
const toolDir = join(root, ".tools", `pnpm-${pinned}`);
const windows = process.platform === "win32";
export const pnpmBin = join(toolDir, "node_modules", ".bin", windows ? "pnpm.cmd" : "pnpm");

export const env = {
  ...process.env,
  PATH: [join(toolDir, "node_modules", ".bin"), join(root, "node_modules", ".bin"), process.env.PATH ?? ""].join(
    delimiter,
  ),
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
};

/** The full output of the last quiet step, kept for a look after the fact. */
export const logFile = join(root, ".tools", "last-step.log");

/**
 * Runs a step (in `cwd`, the root by default) with its output captured. On failure prints that output, says which step failed and exits with
 * its code; on success returns the output (also written to .tools/last-step.log).
 */
export function quiet(cmd, args, what, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, shell: windows });
  const output = `$ ${[cmd, ...args].join(" ")}\n${r.stdout ?? ""}${r.stderr ?? ""}`;
  mkdirSync(dirname(logFile), { recursive: true });
  writeFileSync(logFile, output);
  if (r.status !== 0) {
    status("");
    process.stderr.write(`${output}\n`);
    const why = r.error ? r.error.message : `exit ${r.status ?? r.signal}`;
    console.error(`${what} failed (${why}); its output is above.`);
    process.exit(r.status || 1);
  }
  return output;
}

/** A transient progress line on a terminal (replaced by the next, erased by ""); nothing when stderr is a pipe. */
export function status(text) {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\r\x1b[K${text}`);
}

/** Installs the pinned pnpm into .tools/ unless it is there. */
export function ensurePnpm() {
  if (existsSync(pnpmBin)) return;
  status(`setup: installing pnpm ${pinned} into .tools/…`);
  quiet(
    windows ? "npm.cmd" : "npm",
    ["install", "--prefix", toolDir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `pnpm@${pinned}`],
    `setup: installing pnpm ${pinned}`,
  );
}
