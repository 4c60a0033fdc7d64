// The semantics cases (packages/core/testdata/<case>/, see its README) through the built binary, run in the model's
// folder as a user would: `netpol generate` prints expected.k8s.yaml byte for byte and expected.warnings.txt (or
// nothing) on stderr; `netpol map` prints expected.map.txt. The CLI reads the whole spec format: no subset here.
import { basename, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { readCases } from "../../../test-support/cases.js";
import { netpol } from "./helpers.js";

describe.each(readCases())("case $name", (c) => {
  const run = (command: string) => netpol([command, basename(c.input)], { cwd: dirname(c.input) });

  it("netpol generate prints expected.k8s.yaml, and expected.warnings.txt on stderr", () => {
    const r = run("generate");
    expect(r.stderr).toBe(c.expectedWarnings);
    expect(r.stdout).toBe(c.expectedYaml);
    expect(r.status).toBe(0);
  });

  it("netpol map prints expected.map.txt", () => {
    const r = run("map");
    expect(r.stdout).toBe(c.expectedMap);
    expect(r.status).toBe(0);
  });
});
