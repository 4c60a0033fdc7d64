// `netpol diff` through the built binary: files, directories, spec files, stdin, a git revision, the formats, the
// names of the inputs, and exit codes (0 printed, 1 with --exit-code and a difference, 2 bad input).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFORMANCE, EXAMPLES, hasStackTrace, netpol, tempDir } from "./helpers.js";

const SHOP = join(EXAMPLES, "shop.netpol.yaml");
/** The shop without its api → redis connection. */
const shopWithoutRedis = () => readFileSync(SHOP, "utf8").replace("  - from: api\n    to: redis\n", "");
const REMOVED =
  "diff-type: removed, source: shop/api[Deployment], destination: data/redis[StatefulSet], dir1: TCP 6379, dir2: No Connections";

/** Two spec files: the shop, and the shop without api → redis. */
function specs(): { dir: string; old: string; now: string } {
  const dir = tempDir();
  const old = join(dir, "old.netpol.yaml");
  const now = join(dir, "new.netpol.yaml");
  copyFileSync(SHOP, old);
  writeFileSync(now, shopWithoutRedis());
  return { dir, old, now };
}

describe("netpol diff OLD NEW", () => {
  it("lists what changed between two spec files, in netpol-analyzer's text format, and exits 0", () => {
    const { old, now } = specs();
    const r = netpol(["diff", old, now]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`Connectivity diff:\n${REMOVED}\n`);
    expect(r.stderr).toBe("");
  });

  it("prints nothing when the connectivity is the same, however the inputs are written", () => {
    const { old } = specs();
    const r = netpol(["diff", old, SHOP]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
  });

  it("compares a directory of manifests with a spec file (the manifests generated from it: no difference)", () => {
    const { dir, now } = specs();
    const out = join(dir, "k8s");
    mkdirSync(out);
    expect(netpol(["generate", SHOP, "-o", join(out, "policies.yaml")]).status).toBe(0);
    // The spec's workloads as manifests too: a spec holding only workloads (no policies) lives beside them.
    const workloads = readFileSync(SHOP, "utf8").slice(0, readFileSync(SHOP, "utf8").indexOf("\npolicies:"));
    writeFileSync(join(out, "workloads.netpol.yaml"), `${workloads}\n`);
    const same = netpol(["diff", out, SHOP]);
    expect(same.stderr).toBe("");
    expect(same.status).toBe(0);
    expect(same.stdout).toBe("");
    expect(netpol(["diff", out, now]).stdout).toBe(`Connectivity diff:\n${REMOVED}\n`);
  });

  it("reads one input from stdin", () => {
    const { old } = specs();
    const r = netpol(["diff", old, "-"], { input: shopWithoutRedis() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(REMOVED);
  });

  it("--ref-names names the inputs in every format", () => {
    const { old, now } = specs();
    const named = (format: string) => netpol(["diff", old, now, "-o", format, "--ref-names", "main,pr"]).stdout;
    expect(named("txt")).toContain("main: TCP 6379, pr: No Connections");
    expect(named("csv").split("\n")[0]).toBe("diff-type,source,destination,main,pr,workloads-diff-info");
    expect(named("md").split("\n")[0]).toBe("| diff-type | source | destination | main | pr | workloads-diff-info |");
    expect(named("dot")).toContain(
      '"shop/api[Deployment]" -> "data/redis[StatefulSet]" [label="TCP 6379" color="red2"',
    );
    expect(JSON.parse(named("json"))).toMatchObject({
      refNames: ["main", "pr"],
      changes: [{ type: "removed", src: "shop/api[Deployment]", dst: "data/redis[StatefulSet]", old: "TCP 6379" }],
    });
  });

  it("-f writes the diff to a file, nothing to stdout", () => {
    const { dir, old, now } = specs();
    const file = join(dir, "diff.md");
    const r = netpol(["diff", old, now, "-o", "md", "-f", file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(file, "utf8")).toContain("| removed | shop/api[Deployment] | data/redis[StatefulSet] |");
  });

  it("--exit-code exits 1 when something differs, 0 when nothing does", () => {
    const { old, now } = specs();
    const differs = netpol(["diff", old, now, "--exit-code"]);
    expect(differs.status).toBe(1);
    expect(differs.stdout).toContain(REMOVED);
    expect(netpol(["diff", old, SHOP, "--exit-code"]).status).toBe(0);
  });

  it("names an input without NetworkPolicy in a warning, on the input's path", () => {
    const { dir, now } = specs();
    const bare = join(dir, "bare.netpol.yaml");
    writeFileSync(bare, shopWithoutRedis().slice(0, shopWithoutRedis().indexOf("\npolicies:")));
    const r = netpol(["diff", bare, now]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `${bare}: warning: dir1 holds no NetworkPolicy, so none of its pods is isolated by one. Check that dir1 is the input you meant to compare\n`,
    );
  });

  it.each([
    [[], /^netpol: diff needs the two inputs to compare — expected netpol diff OLD NEW/],
    [["a.yaml"], /^netpol: diff compares two inputs, not 1/],
    [["-", "-"], /^netpol: both inputs are stdin/],
    [["x", "y", "-o", "png"], /argument 'png' is invalid\. Allowed choices are txt, json, csv, md, dot/],
    [["x", "y", "--ref-names", "old"], /^netpol: --ref-names "old" — expected two names separated by a comma/],
  ])("refuses usage %j with exit code 2 and one message", (args, message) => {
    const r = netpol(["diff", ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it("refuses bad input with exit code 2 and prints no diff: every unreadable input at once, errors with positions", () => {
    const { dir, old } = specs();
    const missing = netpol(["diff", join(dir, "some_dir"), join(dir, "some_other_dir")]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain(`${join(dir, "some_dir")}: cannot read: no such file`);
    expect(missing.stderr).toContain(`${join(dir, "some_other_dir")}: cannot read: no such file`);
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: x, namespace: shop }\nspec:\n  podSelector: {}\n  ingress: [{ from: [{ ipBlock: { cidr: A } }] }]\n",
    );
    const r = netpol(["diff", old, bad]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^${bad}:6:\\d+: NetworkPolicy shop/x: .*invalid CIDR "A"`, "m"));
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

/** Runs git in `cwd`, failing the test when git does. */
function git(cwd: string, ...args: string[]): void {
  const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
    cwd,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
}

describe("netpol diff --git REV[:PATH]", () => {
  /** A repository whose k8s/shop.netpol.yaml lost api → redis in the working tree since HEAD. */
  function repo(): string {
    const dir = tempDir();
    mkdirSync(join(dir, "k8s"));
    copyFileSync(SHOP, join(dir, "k8s", "shop.netpol.yaml"));
    writeFileSync(join(dir, "k8s", "README.txt"), "not a manifest\n");
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "shop");
    writeFileSync(join(dir, "k8s", "shop.netpol.yaml"), shopWithoutRedis());
    return dir;
  }

  it("compares PATH at the revision with PATH in the working tree, naming the revision's files REV:PATH/file", () => {
    const dir = repo();
    const r = netpol(["diff", "--git", "HEAD:k8s"], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`Connectivity diff:\n${REMOVED}\n`);
    expect(r.stderr.split("\n")).toEqual([
      "HEAD:k8s/README.txt: warning: skipped: not a YAML or JSON file",
      "k8s/README.txt: warning: skipped: not a YAML or JSON file",
      "",
    ]);
  });

  it("takes PATH relative to the current directory, the current directory when absent, and a single file", () => {
    const dir = repo();
    const inK8s = { cwd: join(dir, "k8s") };
    expect(netpol(["diff", "--git", "HEAD"], inK8s).stdout).toContain(REMOVED);
    expect(netpol(["diff", "--git", "HEAD:shop.netpol.yaml"], inK8s).stdout).toContain(REMOVED);
    expect(netpol(["diff", "--git", "HEAD:k8s/shop.netpol.yaml", "--exit-code"], { cwd: dir }).status).toBe(1);
  });

  it("sees nothing once the change is committed", () => {
    const dir = repo();
    git(dir, "commit", "-q", "-am", "no redis");
    const r = netpol(["diff", "--git", "HEAD:k8s", "--exit-code"], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(netpol(["diff", "--git", "HEAD~1:k8s"], { cwd: dir }).stdout).toContain(REMOVED);
  });

  it.each([
    [["--git", "nope:k8s"], /^netpol: cannot read "nope:k8s" from git: invalid object name 'nope'/],
    [["--git", "HEAD:gone"], /^netpol: cannot read "HEAD:gone" from git: path 'gone' does not exist in 'HEAD'/],
    [["--git", ":k8s"], /^netpol: cannot read ":k8s" from git: no revision/],
    [["--git", "HEAD", "k8s"], /^netpol: --git compares "HEAD" with the working tree, so it takes no paths/],
  ])("refuses %j with one diagnostic and exit code 2", (args, message) => {
    const r = netpol(["diff", ...args], { cwd: repo() });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("says so outside a git repository", () => {
    const r = netpol(["diff", "--git", "HEAD"], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^netpol: cannot read "HEAD" from git: not a git repository/);
  });
});

// netpol-analyzer's CLI cases (pkg/cli/command_test.go), through the binary.
const DIFF_DATA = join(CONFORMANCE, "np-guard-diff");
const input = (name: string) => join(DIFF_DATA, "_inputs", name);
const expectedOf = (name: string, file: string) => readFileSync(join(DIFF_DATA, name, "expected", file), "utf8");
const lines = (text: string) => text.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);

describe.skipIf(!existsSync(DIFF_DATA))("netpol diff on np-guard-diff CLI cases (skipped without the data)", () => {
  const changed = "cli_diff_between_onlineboutique_workloads_changed_workloads_and_onlineboutique_workloads";
  it.each(["txt", "csv", "md"])("%s, line for line", (format) => {
    const r = netpol([
      "diff",
      input("onlineboutique_workloads"),
      input("onlineboutique_workloads_changed_workloads"),
      "-o",
      format,
    ]);
    expect(r.status).toBe(0);
    const file = `diff_between_onlineboutique_workloads_changed_workloads_and_onlineboutique_workloads.${format}`;
    expect(lines(r.stdout)).toEqual(lines(expectedOf(changed, file)));
  });

  it("an input with a malformed file: no diff, exit code 2 (netpol always stops as netpol-analyzer's --fail)", () => {
    const r = netpol(["diff", input("onlineboutique"), input("onlineboutique_with_pods_severe_error")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/onlineboutique_with_pods_severe_error\/pods\.yaml:1828:30: malformed YAML/);
  });
});
