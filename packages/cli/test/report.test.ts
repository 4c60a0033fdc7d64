// `netpol report` through the built binary: the page written for the shop example, its data, --diff, the
// explanation limit, and refusals (exit 2, one diagnostic, nothing written). The page in a browser: report-browser.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, hasStackTrace, netpol, tempDir } from "./helpers.js";

const SHOP = join(EXAMPLES, "shop.netpol.yaml");

/** The report's data, read back from the page. */
function dataOf(html: string): {
  peers: { name: string; diff?: string }[];
  cells: number[][];
  connections: { text: string }[];
  diff?: { refNames: string[]; changes: { type: string; old: string; new: string }[] };
  explained: { included: number; omitted: number };
} {
  const json = /<script type="application\/json" id="netpol-data">(.*?)<\/script>/s.exec(html)?.[1];
  if (json === undefined) throw new Error("no report data in the page");
  return JSON.parse(json);
}

describe("netpol report", () => {
  it("writes one page for the shop example, with dagre and its licence inlined, the same bytes each time", () => {
    const dir = tempDir();
    const out = join(dir, "shop.html");
    const r = netpol(["report", SHOP, "-o", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("Copyright (c) 2012-2014 Chris Pettitt");
    expect(html).toContain("var dagre=");
    expect(html).not.toContain("sourceMappingURL");
    expect(html).not.toMatch(/\s(src|href)=/i);
    const data = dataOf(html);
    const name = (i: number | undefined) => data.peers[i ?? -1]?.name;
    const cells = data.cells
      .filter((c) => (c[2] ?? -1) >= 0)
      .map((c) => `${name(c[0])} => ${name(c[1])} : ${data.connections[c[2] ?? -1]?.text}`);
    // The shop's connections, as netpol map lists them (examples/cli/shop.netpol.yaml).
    expect(cells).toContain("shop/api[Deployment] => data/postgres[StatefulSet] : TCP 5432");
    expect(cells).toContain("shop/frontend[Deployment] => shop/api[Deployment] : TCP 8000");
    expect(cells).toContain("data/redis[StatefulSet] => kube-system/kube-dns[Deployment] : TCP 53,UDP 53");
    expect(cells).toHaveLength(9);
    expect(data.explained.omitted).toBe(0);
    const second = join(dir, "again.html");
    expect(netpol(["report", SHOP, "-o", second]).status).toBe(0);
    expect(readFileSync(second, "utf8")).toBe(html);
  });

  it("with --diff OLD, marks the connections that changed", () => {
    const dir = tempDir();
    const old = join(dir, "old.netpol.yaml");
    writeFileSync(old, readFileSync(SHOP, "utf8").replace("  - from: api\n    to: redis\n", ""));
    const out = join(dir, "diff.html");
    const r = netpol(["report", SHOP, "--diff", old, "-o", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const data = dataOf(readFileSync(out, "utf8"));
    expect(data.diff?.refNames).toEqual([old, SHOP]);
    expect(data.diff?.changes).toEqual([{ type: "added", old: "No Connections", new: "TCP 6379" }]);
    const marked = data.cells.filter((c) => c[4] !== undefined);
    expect(marked.map((c) => `${data.peers[c[0] ?? -1]?.name} => ${data.peers[c[1] ?? -1]?.name}`)).toEqual([
      "shop/api[Deployment] => data/redis[StatefulSet]",
    ]);
  });

  it("explains at most --explain-limit pairs and says how many were left out", () => {
    const out = join(tempDir(), "r.html");
    const r = netpol(["report", SHOP, "--explain-limit", "3", "-o", out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      "netpol: warning: the report explains 3 pairs; the explanations of 6 more pairs with connections are left out. Raise --explain-limit, or filter the input, to have them in the report\n",
    );
    expect(dataOf(readFileSync(out, "utf8")).explained).toMatchObject({ included: 3, omitted: 6 });
  });

  it("writes to stdout with -o -", () => {
    const r = netpol(["report", SHOP, "-o", "-"]);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith("<!DOCTYPE html>")).toBe(true);
  });

  it("refuses what it cannot honour with exit 2, one diagnostic and no file", () => {
    const dir = tempDir();
    const out = join(dir, "r.html");
    const noOutput = netpol(["report", SHOP]);
    expect(noOutput.status).toBe(2);
    expect(noOutput.stderr).toContain("required option '-o, --output <file>' not specified");
    const limit = netpol(["report", SHOP, "--explain-limit", "many", "-o", out]);
    expect(limit.status).toBe(2);
    expect(limit.stderr).toBe(
      'netpol: --explain-limit "many" — expected a whole number of pairs, such as 2000 (0 explains none)\n',
    );
    const missing = netpol(["report", join(dir, "nope.yaml"), "-o", out]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("nope.yaml");
    expect(hasStackTrace(missing.stderr)).toBe(false);
    const oldMissing = netpol(["report", SHOP, "--diff", join(dir, "old.yaml"), "-o", out]);
    expect(oldMissing.status).toBe(2);
    expect(oldMissing.stderr).toContain("old.yaml");
    const noDir = netpol(["report", SHOP, "-o", join(dir, "no", "such", "dir", "r.html")]);
    expect(noDir.status).toBe(2);
    expect(noDir.stderr).toContain("its directory does not exist");
    expect(existsSync(out)).toBe(false);
  });
});
