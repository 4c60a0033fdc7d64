// Installs what a fresh clone is missing: the pinned pnpm (into .tools/), the workspace, the build.
// Safe to run again; needs no network once everything is installed.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];
const toolDir = join(root, ".tools", `pnpm-${pinned}`);
const pnpmBin = join(toolDir, "node_modules", ".bin", process.platform === "win32" ? "pnpm.cmd" : "pnpm");

// turbo looks pnpm up on PATH, so the pinned one goes first.
export const env = {
  ...process.env,
  PATH: `${join(toolDir, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`,
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
};

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\nsetup: ${what} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

export function pnpm(args, what) {
  run(pnpmBin, args, what);
}

if (!existsSync(pnpmBin)) {
  console.log(`setup: installing pnpm ${pinned} into .tools/`);
  run(
    process.platform === "win32" ? "npm.cmd" : "npm",
    ["install", "--prefix", toolDir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `pnpm@${pinned}`],
    `installing pnpm ${pinned}`,
  );
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  pnpm(["install", "--frozen-lockfile", "--prefer-offline"], "pnpm install");
  pnpm(["run", "build"], "build");
}
