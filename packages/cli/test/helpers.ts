// Running the built `netpol` binary in a subprocess, and the paths the tests share.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CASES_DIR, caseInput, caseNames } from "../../../test-support/cases.js";

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** The built, bundled binary. */
export const BIN = join(REPO_ROOT, "packages", "cli", "dist", "netpol.mjs");
/** The spec examples users read (the seed's examples are semantics cases, see CASES). */
export const EXAMPLES = join(REPO_ROOT, "examples", "cli");
/** The semantics cases: `<case>/input.netpol.yaml` and what it must give (packages/core/testdata/README.md). */
export const CASES = CASES_DIR;
/** The shared conformance data (outside the repository; may be absent). */
export const CONFORMANCE = resolve(REPO_ROOT, "../shared/conformance");

/** What a run of the binary did. */
export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/netpol.mjs …args` with optional stdin. */
export function netpol(args: readonly string[], options: { input?: string; cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, NETPOL_DEBUG: "" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the binary like `netpol`, without blocking (for tests that run it many times). */
export function netpolAsync(args: readonly string[], input = "", cwd = REPO_ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NETPOL_DEBUG: "" } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Runs `task` on every item, `width` at a time. */
export async function inBatches<T>(
  items: readonly T[],
  width: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "netpol-cli-"));
}

/** The example spec files of examples/cli, sorted. */
export function exampleSpecs(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => /\.netpol\.(ya?ml|json)$/.test(f))
    .sort();
}

/** The model of a semantics case, e.g. `caseSpec("09-deny-all-ingress")`. */
export function caseSpec(name: string): string {
  return caseInput(join(CASES, name));
}

/** Every spec file of the repository (the examples and the cases' models), relative to the root, sorted. */
export function specFiles(): string[] {
  const files = [...exampleSpecs().map((f) => join(EXAMPLES, f)), ...caseNames().map(caseSpec)].map((f) =>
    relative(REPO_ROOT, f),
  );
  return [...new Set(files)].sort();
}

/** True when stderr shows a JavaScript stack trace. */
export function hasStackTrace(stderr: string): boolean {
  return /\n\s+at .+[:(]\d+|Error: .*\n\s+at /.test(stderr);
}
