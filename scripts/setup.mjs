// Installs what a fresh clone is missing: the pinned pnpm (into .tools/), the workspace, the build.
// Safe to run again; needs no network once everything is installed. Quiet: each step's output is captured and
// printed only when the step fails (the last step's output is kept in .tools/last-step.log); on success one line.
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { ensurePnpm, pinned, pnpmBin, quiet, status } from "./tools.mjs";

// turbo's closing lines, e.g. "Tasks:    6 successful, 6 total" and "Cached:    4 cached, 6 total".
function builtSummary(output) {
  const plain = stripVTControlCharacters(output);
  const tasks = /Tasks:\s+(\d+) successful/.exec(plain)?.[1];
  const cached = /Cached:\s+(\d+) cached/.exec(plain)?.[1];
  if (tasks === undefined) return "built";
  return cached === undefined ? `built ${tasks} packages` : `built ${tasks} packages (${cached} from cache)`;
}

/** Runs setup; with `report: false` prints nothing at all unless a step fails. */
export function setup({ report = true } = {}) {
  const started = performance.now();
  ensurePnpm();
  status("setup: installing dependencies…");
  quiet(pnpmBin, ["install", "--frozen-lockfile", "--prefer-offline"], "setup: pnpm install");
  status("setup: building…");
  const built = builtSummary(quiet("turbo", ["run", "build"], "setup: build"));
  status("");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (report) console.error(`setup: ready in ${seconds} s (pnpm ${pinned}, dependencies installed, ${built})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) setup();
