// The semantics cases (packages/core/testdata/<case>/, see its README) through the built binary, run in the model's
// folder as a user would: `netpol generate` prints expected.k8s.yaml byte for byte and expected.warnings.txt (or
// nothing) on stderr; `netpol map` prints expected.map.txt; `netpol check` passes the model's expectations (`expect:`),
// or says there are none. The CLI reads the whole spec format: no subset here.
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

  it("netpol check passes every expectation of expect:, or exits 2 when there is none", () => {
    const r = run("check");
    const count = c.spec.expect?.length ?? 0;
    if (count === 0) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^netpol: nothing to check/m);
      return;
    }
    expect(r.stdout).toMatch(new RegExp(`\\n${count} expectations: ${count} passed, 0 failed\\n$`));
    expect(r.stdout).not.toContain("FAIL");
    expect(r.status).toBe(0);
  });
});
