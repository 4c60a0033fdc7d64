// The package as users get it: the bin shim linked in node_modules/.bin, --version, --help with examples.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, netpol, REPO_ROOT } from "./helpers.js";

const SHIM = join(REPO_ROOT, "node_modules", ".bin", "netpol");
const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, "packages", "cli", "package.json"), "utf8")) as { version: string }
).version;

describe("node_modules/.bin/netpol", () => {
  it("runs generate through the bin shim, same bytes as the bundle", () => {
    const spec = join(EXAMPLES, "shop.netpol.yaml");
    const r = spawnSync(SHIM, ["generate", spec], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(netpol(["generate", spec]).stdout);
  });

  it("exits 2 on bad usage through the shim", () => {
    expect(spawnSync(SHIM, ["nope"], { encoding: "utf8" }).status).toBe(2);
  });
});

describe("--version and --help", () => {
  it("--version prints the package version", () => {
    for (const flag of ["--version", "-V"]) {
      const r = netpol([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${VERSION}\n`);
    }
  });

  it.each([[[]], [["generate"]], [["import"]], [["schema"]], [["map"]]])(
    "netpol %j --help shows usage and examples",
    (cmd) => {
      const r = netpol([...cmd, "--help"]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: netpol/);
      expect(r.stdout).toContain("Examples:");
      expect(r.stdout).toContain("$ netpol ");
    },
  );

  it("no command at all is a usage error", () => {
    const r = netpol([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Usage: netpol/);
  });
});
