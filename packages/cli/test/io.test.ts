// Every file the CLI reads or writes, through the real binary: each input is read or refused with one clear error,
// each output is written whole or not at all (old file kept, nothing temporary left), and nothing crashes.
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, hasStackTrace, tempDir } from "./helpers.js";

const HEAD = "apiVersion: netpol.dev/v1alpha1\nkind: NetworkPolicySpec\n";
const NS = "apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n";
const isRoot = process.getuid?.() === 0;
const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

/** A spec of `n` small policies `p1`…`pn`, and optionally one big one (`zbig`, about 40 KB of YAML). */
function spec(n: number, big = false): string {
  const policies = Array.from({ length: n }, (_, i) => `  - { name: p${i + 1}, ingress: { default: deny } }\n`);
  const ports = Array.from({ length: 1000 }, (_, i) => `{ tcp: ${i + 1} }`).join(", ");
  if (big)
    policies.push(`  - name: zbig\n    ingress: { rules: [{ peer: { ipv4: 10.0.0.0/8 }, ports: [${ports}] }] }\n`);
  return `${HEAD}policies:\n${policies.join("")}`;
}

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a bash script in `cwd` with `$NETPOL` set to the binary's command line; 20 s at most (nothing may hang). */
function sh(script: string, options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Run {
  const r = spawnSync("bash", ["-c", script], {
    cwd: options.cwd ?? tempDir(),
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 20_000,
    env: { ...process.env, NETPOL_DEBUG: "", NETPOL: `${process.execPath} ${BIN}`, ...options.env },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the binary with the given stdio (numbers are file descriptors); 20 s at most. */
function netpolWith(args: readonly string[], cwd: string, stdio: [number | "pipe", number | "pipe"]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    stdio: [...stdio, "pipe"],
    encoding: "utf8",
    timeout: 20_000,
    env: { ...process.env, NETPOL_DEBUG: "" },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr };
}

/** Exit code 2, one line on stderr matching `line`, no stack trace. */
function expectOneError(r: Run, line: RegExp | string): void {
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(r.stderr.trimEnd().split("\n")).toEqual([typeof line === "string" ? line : expect.stringMatching(line)]);
  expect(r.status).toBe(2);
}

/** Names and contents of the files under `dir`, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    out[join(e.parentPath, e.name).slice(dir.length + 1)] = e.isFile()
      ? readFileSync(join(e.parentPath, e.name), "utf8")
      : e.isDirectory()
        ? "<dir>"
        : "<other>";
  return out;
}

describe("writing -o FILE", () => {
  // RLIMIT_FSIZE (ulimit -f, in KiB) makes a write past the limit fail as on a full disk: first a short write,
  // then EFBIG. Node itself ignores SIGXFSZ (see SigIgn in /proc/PID/status), so no `trap '' XFSZ` is needed.
  it("keeps the old file when the disk fills up (a short write, then EFBIG), leaving no temporary file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), spec(200));
    writeFileSync(join(dir, "out.yaml"), "old\n");
    const r = sh("ulimit -f 8; exec $NETPOL generate spec.yaml -o out.yaml", { cwd: dir });
    expectOneError(
      r,
      "out.yaml: cannot write: file too large: over the file size limit. Raise the limit (ulimit -f) or free space and run again",
    );
    expect(readFileSync(join(dir, "out.yaml"), "utf8")).toBe("old\n");
    expect(readdirSync(dir).sort()).toEqual(["out.yaml", "spec.yaml"]);
    // The same output within the limit is written whole.
    expect(sh("ulimit -f 64; exec $NETPOL generate spec.yaml -o out.yaml", { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, "out.yaml"), "utf8").match(/^kind: NetworkPolicy$/gm)).toHaveLength(200);
  });

  it("writes through a symlink to its target: the link stays, nothing temporary is left beside either", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "policies.yaml"), "old\n");
    symlinkSync("real/policies.yaml", join(dir, "link.yaml"));
    symlinkSync("real/new.yaml", join(dir, "dangling.yaml"));
    const spec = join(dir, "spec.yaml");
    writeFileSync(spec, `${HEAD}policies:\n  - { name: a, ingress: { default: deny } }\n`);
    expect(
      sh("$NETPOL generate spec.yaml -o link.yaml && $NETPOL generate spec.yaml -o dangling.yaml", { cwd: dir }),
    ).toMatchObject({ status: 0, stderr: "" });
    expect(readlinkSync(join(dir, "link.yaml"))).toBe("real/policies.yaml");
    expect(readFileSync(join(dir, "real", "policies.yaml"), "utf8")).toMatch(/name: a\n/);
    expect(readlinkSync(join(dir, "dangling.yaml"))).toBe("real/new.yaml");
    expect(readFileSync(join(dir, "real", "new.yaml"), "utf8")).toMatch(/name: a\n/);
    expect(readdirSync(dir).sort()).toEqual(["dangling.yaml", "link.yaml", "real", "spec.yaml"]);
    expect(readdirSync(join(dir, "real")).sort()).toEqual(["new.yaml", "policies.yaml"]);
  });

  it("writes a hard-linked file in place, so that every name of it sees the new content", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), `old content, longer than the new one${" ".repeat(2000)}\n`);
    linkSync(join(dir, "a.yaml"), join(dir, "b.yaml"));
    const r = sh("$NETPOL schema -o a.yaml", { cwd: dir });
    expect(r).toMatchObject({ status: 0, stderr: "" });
    const schema = sh("$NETPOL schema").stdout;
    expect(readFileSync(join(dir, "b.yaml"), "utf8")).toBe(schema);
    expect(statSync(join(dir, "a.yaml")).ino).toBe(statSync(join(dir, "b.yaml")).ino);
    expect(statSync(join(dir, "a.yaml")).nlink).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(["a.yaml", "b.yaml"]);
  });

  it("keeps the old file's mode, and its owner when run as root", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "secret.yaml"), "old\n");
    chmodSync(join(dir, "secret.yaml"), 0o600);
    if (isRoot) chownSync(join(dir, "secret.yaml"), 65534, 65534);
    expect(sh("$NETPOL schema -o secret.yaml", { cwd: dir }).status).toBe(0);
    const st = statSync(join(dir, "secret.yaml"));
    expect(st.mode & 0o7777).toBe(0o600);
    if (isRoot) expect([st.uid, st.gid]).toEqual([65534, 65534]);
    expect(readFileSync(join(dir, "secret.yaml"), "utf8")).toMatch(/^\{/);
  });

  it("writes into a FIFO in place: it stays a FIFO", () => {
    const dir = tempDir();
    const r = sh("mkfifo out && { timeout 15 cat out > got & } && $NETPOL schema -o out && wait", { cwd: dir });
    expect(r).toMatchObject({ status: 0, stderr: "" });
    expect(lstatSync(join(dir, "out")).isFIFO()).toBe(true);
    expect(readFileSync(join(dir, "got"), "utf8")).toBe(sh("$NETPOL schema").stdout);
  });

  // Private device nodes (root only): the test must not risk the system's /dev/null should the old code run.
  it.skipIf(!isRoot)("writes into a character device in place (a null device stays one), or fails clearly", () => {
    const dir = tempDir();
    const r = sh("mknod null c 1 3 && mknod full c 1 7", { cwd: dir });
    if (r.status !== 0) return console.warn(`skipped: mknod failed here: ${r.stderr}`);
    expect(sh("$NETPOL schema -o null", { cwd: dir })).toMatchObject({ status: 0, stderr: "" });
    expect(lstatSync(join(dir, "null")).isCharacterDevice()).toBe(true);
    expectOneError(
      sh("$NETPOL schema -o full", { cwd: dir }),
      "full: cannot write: no space left on device. Free some space and run again",
    );
    expect(lstatSync(join(dir, "full")).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["full", "null"]);
  });

  it("refuses a directory where a file is meant", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "out.yaml"));
    expectOneError(sh("$NETPOL schema -o out.yaml", { cwd: dir }), "out.yaml: cannot write: it is a directory");
    expect(readdirSync(dir)).toEqual(["out.yaml"]);
  });
});

describe("writing -o DIR/", () => {
  function setup(): string {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), spec(3, true));
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "p1.yaml"), "old p1\n");
    chmodSync(join(dir, "out", "p1.yaml"), 0o640);
    writeFileSync(join(dir, "out", "unrelated.txt"), "mine\n");
    return dir;
  }

  it("writes every file, replaces old ones with their mode kept, and leaves other files alone", () => {
    const dir = setup();
    expect(sh("$NETPOL generate spec.yaml -o out/", { cwd: dir })).toMatchObject({ status: 0, stderr: "" });
    expect(readdirSync(join(dir, "out")).sort()).toEqual([
      "p1.yaml",
      "p2.yaml",
      "p3.yaml",
      "unrelated.txt",
      "zbig.yaml",
    ]);
    expect(readFileSync(join(dir, "out", "p1.yaml"), "utf8")).toMatch(/name: p1\n/);
    expect(statSync(join(dir, "out", "p1.yaml")).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(dir, "out", "unrelated.txt"), "utf8")).toBe("mine\n");
    expect(readdirSync(dir).sort()).toEqual(["out", "spec.yaml"]);
  });

  it("changes nothing when one file cannot be written whole (a size limit), and leaves no staging", () => {
    const dir = setup();
    const before = snapshot(dir);
    expectOneError(
      sh("ulimit -f 16; exec $NETPOL generate spec.yaml -o out/", { cwd: dir }),
      /^out\/: cannot write: file too large: over the file size limit\. /,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("creates no directory when the write fails, and leaves no staging beside it", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), spec(3, true));
    expectOneError(
      sh("ulimit -f 16; exec $NETPOL generate spec.yaml -o new/deeper/", { cwd: dir }),
      /^new\/deeper\/: cannot write: file too large/,
    );
    expect(readdirSync(dir)).toEqual(["spec.yaml"]);
    expect(sh("$NETPOL generate spec.yaml -o new/deeper/", { cwd: dir }).status).toBe(0);
    expect(readdirSync(join(dir, "new", "deeper")).sort()).toEqual(["p1.yaml", "p2.yaml", "p3.yaml", "zbig.yaml"]);
    expect(statSync(join(dir, "new", "deeper")).mode & 0o777).toBe(statSync(join(dir, "new")).mode & 0o777);
    expect(readdirSync(dir).sort()).toEqual(["new", "spec.yaml"]);
  });

  it("changes nothing when a file to write is a directory in DIR", () => {
    const dir = setup();
    mkdirSync(join(dir, "out", "p2.yaml"));
    const before = snapshot(dir);
    expectOneError(
      sh("$NETPOL generate spec.yaml -o out", { cwd: dir }),
      "out/p2.yaml: cannot write: it is a directory",
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses a file named as a directory", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), spec(1));
    writeFileSync(join(dir, "out"), "a file\n");
    expectOneError(sh("$NETPOL generate spec.yaml -o out/", { cwd: dir }), "out/: cannot write: it is not a directory");
    expect(readFileSync(join(dir, "out"), "utf8")).toBe("a file\n");
  });

  // An immutable file (chattr +i, root only) cannot be renamed: the move into DIR fails after p1 was moved in.
  it.skipIf(!isRoot || !has("chattr"))("puts back the files it replaced when a move into DIR fails", () => {
    const dir = setup();
    writeFileSync(join(dir, "out", "p2.yaml"), "old p2\n");
    if (sh("chattr +i out/p2.yaml", { cwd: dir }).status !== 0) return console.warn("skipped: chattr +i failed here");
    try {
      const before = snapshot(dir);
      expectOneError(sh("$NETPOL generate spec.yaml -o out", { cwd: dir }), "out: cannot write: permission denied");
      expect(snapshot(dir)).toEqual(before);
      expect(statSync(join(dir, "out", "p1.yaml")).mode & 0o777).toBe(0o640);
    } finally {
      sh("chattr -i out/p2.yaml", { cwd: dir });
    }
  });
});

describe("signals", () => {
  // The signal is sent once the staging directory exists, i.e. while netpol writes 3,000 files (about a second).
  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)("after %s, no staging directory is left and DIR is whole or absent", async (signal, code) => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), spec(3000));
    const child = spawn(process.execPath, [BIN, "generate", "spec.yaml", "-o", "out/"], { cwd: dir, stdio: "ignore" });
    const exited = new Promise<[number | null, string | null]>((done) => child.on("exit", (c, s) => done([c, s])));
    const deadline = Date.now() + 20_000;
    while (readdirSync(dir).length < 2 && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 2));
    expect(child.exitCode).toBe(null); // still writing
    child.kill(signal);
    const [status] = await exited;
    expect(status).toBe(code);
    expect(readdirSync(dir).sort()).toEqual(existsSync(join(dir, "out")) ? ["out", "spec.yaml"] : ["spec.yaml"]);
    if (existsSync(join(dir, "out"))) expect(readdirSync(join(dir, "out"))).toHaveLength(3000);
  });
});

describe("stdout", () => {
  it("says so when stdout is full (/dev/full), with exit code 2", () => {
    const full = openSync("/dev/full", "w");
    try {
      expectOneError(
        netpolWith(["schema"], tempDir(), ["pipe", full]),
        "netpol: cannot write to stdout: no space left on device",
      );
    } finally {
      closeSync(full);
    }
  });

  // `>&-` cannot be told apart: Node reopens a closed fd 1 on /dev/null before any JS runs. EBADF comes from a
  // stdout open for reading only.
  it("says so when stdout is not open for writing (EBADF), with exit code 2", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), spec(1));
    const readOnly = openSync(join(dir, "spec.yaml"), "r");
    try {
      expectOneError(
        netpolWith(["generate", "spec.yaml"], dir, ["pipe", readOnly]),
        "netpol: cannot write to stdout: it is closed or not open for writing",
      );
    } finally {
      closeSync(readOnly);
    }
  });

  it("ends quietly with exit code 0 when the reader goes away (| head -1)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), spec(3000));
    const r = sh('$NETPOL generate spec.yaml | head -1; echo "exit $PIPESTATUS"', { cwd: dir });
    expect(r.stdout).toBe("apiVersion: networking.k8s.io/v1\nexit 0\n");
    expect(r.stderr).toBe("");
  });

  // A pipe someone made non-blocking (as Node does to its own stdout when touched) answers EAGAIN when full.
  it.skipIf(!has("perl"))("writes everything to a non-blocking pipe whose reader is slow", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), spec(3000));
    const nonblock = "perl -MFcntl -e 'fcntl(STDOUT, F_SETFL, fcntl(STDOUT, F_GETFL, 0) | O_NONBLOCK) or die'";
    const r = sh(`{ ${nonblock} && exec $NETPOL generate spec.yaml; } | { sleep 0.5; wc -l; }`, { cwd: dir });
    expect(r.stderr).toBe("");
    expect(Number(r.stdout.trim())).toBe(Number(sh("$NETPOL generate spec.yaml | wc -l", { cwd: dir }).stdout.trim()));
    expect(Number(r.stdout.trim())).toBeGreaterThan(20_000);
  });
});

describe("reading inputs", () => {
  it("reports a YAML error in a named file of any extension, instead of skipping it", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "np.txt"), "apiVersion: v1\nkind: [\n");
    expectOneError(sh("$NETPOL map np.txt", { cwd: dir }), /^np\.txt:3:1: malformed YAML/);
  });

  it("reads a pipe named as a file (bash's <(…)), and reports its YAML errors", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ns.yaml"), NS);
    expect(sh("$NETPOL map <(cat ns.yaml)", { cwd: dir })).toMatchObject({ status: 0 });
    expectOneError(sh("$NETPOL map <(printf 'kind: [\\n')", { cwd: dir }), /^\/dev\/fd\/\d+:2:1: malformed YAML/);
  });

  it("refuses a device, also behind a symlink, at once", () => {
    const dir = tempDir();
    symlinkSync("/dev/zero", join(dir, "zero.yaml"));
    const refused =
      "cannot read: it is a character device — expected a readable YAML or JSON file. Name a file or a pipe, or - for stdin";
    expectOneError(sh("$NETPOL generate /dev/zero", { cwd: dir }), `/dev/zero: ${refused}`);
    expectOneError(sh("$NETPOL map zero.yaml", { cwd: dir }), `zero.yaml: ${refused}`);
  });

  it("stops reading an endless stdin at the size cap, in well under a second", () => {
    const zero = openSync("/dev/zero", "r");
    try {
      const start = Date.now();
      const r = spawnSync(process.execPath, [BIN, "import", "-"], {
        stdio: [zero, "pipe", "pipe"],
        encoding: "utf8",
        timeout: 20_000,
        env: { ...process.env, NETPOL_MAX_INPUT_BYTES: String(2 ** 20) },
      });
      expectOneError(
        { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr },
        "<stdin>: the input is larger than 1 MiB, the most netpol reads. Split the input, or raise the limit with NETPOL_MAX_INPUT_BYTES",
      );
      expect(Date.now() - start).toBeLessThan(5000); // most of it is starting node
    } finally {
      closeSync(zero);
    }
  });

  it("caps each file and all inputs together, naming the limit", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), spec(1));
    writeFileSync(join(dir, "b.yaml"), spec(1).replace("p1", "q1"));
    const size = spec(1).length;
    const env = (n: number) => ({ env: { NETPOL_MAX_INPUT_BYTES: String(n) }, cwd: dir });
    expectOneError(
      sh("$NETPOL generate a.yaml", env(size - 1)),
      `a.yaml: the file is larger than ${size - 1} bytes, the most netpol reads. Split the input, or raise the limit with NETPOL_MAX_INPUT_BYTES`,
    );
    expectOneError(
      sh("$NETPOL generate a.yaml b.yaml", env(size + 10)),
      `b.yaml: the inputs together are larger than ${size + 10} bytes, the most netpol reads in one run. Split the input into several runs, or raise the limit with NETPOL_MAX_INPUT_BYTES`,
    );
    expectOneError(sh("$NETPOL map .", env(size + 10)), /^b\.yaml: the inputs together are larger than \d+ bytes/);
    expect(sh("$NETPOL generate a.yaml b.yaml", env(2 * size)).status).toBe(0);
    expectOneError(
      sh("$NETPOL generate a.yaml", env(0)),
      'netpol: NETPOL_MAX_INPUT_BYTES is "0" — expected a positive whole number of bytes, such as 1048576',
    );
  });

  it("walks past FIFOs, sockets, devices and broken symlinks with a warning each", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), NS);
    symlinkSync("missing.yaml", join(dir, "b.yaml"));
    symlinkSync("/dev/zero", join(dir, "c.yaml"));
    const r = sh("mkfifo d.yaml && exec $NETPOL map .", { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      "b.yaml: warning: skipped: a symlink to nothing (dangling)",
      "c.yaml: warning: skipped: a character device, not a regular file",
      "d.yaml: warning: skipped: a FIFO, not a regular file",
      expect.stringMatching(/^netpol: warning: the input has no workloads/),
    ]);
  });

  it("says why a file that stats as regular cannot be read (/proc/self/mem: EIO)", () => {
    expectOneError(
      sh("$NETPOL generate /proc/self/mem"),
      "/proc/self/mem: cannot read: input/output error — expected a readable YAML or JSON file",
    );
  });

  // Root reads through chmod 000, so the binary runs as nobody (setpriv); write-only sysctls refuse even root.
  it.skipIf(!existsSync("/proc/sys/vm/drop_caches"))("reports a file it may not read, in a walk too", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), NS);
    symlinkSync("/proc/sys/vm/drop_caches", join(dir, "b.yaml"));
    expectOneError(
      sh("$NETPOL import .", { cwd: dir }),
      "b.yaml: cannot read: permission denied — expected a readable YAML or JSON file",
    );
  });

  it.skipIf(!isRoot || !has("setpriv"))("reports unreadable files and directories as another user (chmod 000)", () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, "locked"));
    writeFileSync(join(dir, "locked", "x.yaml"), NS);
    chmodSync(join(dir, "locked"), 0);
    writeFileSync(join(dir, "secret.yaml"), NS);
    chmodSync(join(dir, "secret.yaml"), 0);
    writeFileSync(join(dir, "ok.yaml"), NS);
    const nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups";
    const r = sh(`${nobody} $NETPOL map .`, { cwd: dir });
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      "locked: cannot read: permission denied — expected a readable YAML or JSON file",
      "secret.yaml: cannot read: permission denied — expected a readable YAML or JSON file",
    ]);
    expect(r.status).toBe(2);
    expectOneError(
      sh(`${nobody} $NETPOL generate secret.yaml`, { cwd: dir }),
      "secret.yaml: cannot read: permission denied — expected a readable YAML or JSON file",
    );
  });

  // A parent that shares a non-blocking pipe as stdin makes read(2) answer EAGAIN until data comes.
  it.skipIf(!has("perl"))("reads a non-blocking stdin that is slow to come", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), spec(2));
    const nonblock = "perl -MFcntl -e 'fcntl(STDIN, F_SETFL, fcntl(STDIN, F_GETFL, 0) | O_NONBLOCK) or die'";
    const r = sh(`{ sleep 0.3; cat spec.yaml; } | { ${nonblock} && exec $NETPOL generate -; }`, { cwd: dir });
    expect(r).toMatchObject({ status: 0, stderr: "" });
    expect(r.stdout.match(/^kind: NetworkPolicy$/gm)).toHaveLength(2);
  });
});
