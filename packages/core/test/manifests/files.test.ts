// Reading inputs from the file system: every file is read, or named in a diagnostic; nothing throws, nothing hangs.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_INPUT_BYTES,
  describeIoError,
  formatBytes,
  listManifestFiles,
  ReadBudget,
  readManifestPaths,
  readTextFile,
} from "../../src/manifests/files.js";

const NS = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name} }\n`;
const tempDir = () => mkdtempSync(join(tmpdir(), "netpol-files-"));
const mkfifo = (path: string) => execFileSync("mkfifo", [path]);

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const s of servers.splice(0)) s.close();
});

/** Runs a shell command in the background (it may block on a FIFO); killed after the test. */
function background(script: string): void {
  children.push(spawn("sh", ["-c", script], { stdio: "ignore" }));
}

function listen(path: string): Promise<void> {
  const server = createServer();
  servers.push(server);
  return new Promise((done) => server.listen(path, done));
}

describe("readTextFile", () => {
  it("reads a file, and names a missing file, a directory and a device in one diagnostic each", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), NS("a"));
    symlinkSync("/dev/zero", join(dir, "zero.yaml"));
    expect(readTextFile(join(dir, "a.yaml"))).toEqual({ text: NS("a") });
    const why = (file: string) => {
      const r = readTextFile(file);
      return "diagnostic" in r ? [r.diagnostic.code, r.diagnostic.message, r.diagnostic.file] : r;
    };
    expect(why(join(dir, "missing.yaml"))).toEqual([
      "file-unreadable",
      "cannot read: no such file",
      join(dir, "missing.yaml"),
    ]);
    expect(why(dir)).toEqual(["file-unreadable", "cannot read: it is a directory", dir]);
    expect(why("/dev/zero")).toEqual(["file-unreadable", "cannot read: it is a character device", "/dev/zero"]);
    expect(why(join(dir, "zero.yaml"))).toEqual([
      "file-unreadable",
      "cannot read: it is a character device",
      join(dir, "zero.yaml"),
    ]);
  });

  it("says why a file that stats as regular cannot be read (EIO of /proc/self/mem)", () => {
    const r = readTextFile("/proc/self/mem");
    expect(r).toEqual({ diagnostic: expect.objectContaining({ message: "cannot read: input/output error" }) });
  });

  // Write-only sysctls refuse reading even to root, so this is a real EACCES whoever runs the tests.
  it.skipIf(!existsSync("/proc/sys/vm/drop_caches"))("says when reading is not permitted", () => {
    const r = readTextFile("/proc/sys/vm/drop_caches");
    expect(r).toEqual({ diagnostic: expect.objectContaining({ message: "cannot read: permission denied" }) });
  });

  it("reads a named FIFO (as <(kubectl get …) gives) to its end", () => {
    const fifo = join(tempDir(), "pipe");
    mkfifo(fifo);
    background(`printf 'apiVersion: v1\\n' > '${fifo}'`);
    expect(readTextFile(fifo)).toEqual({ text: "apiVersion: v1\n" });
  });

  it("stops at the size cap, for a file, for an endless pipe, and for all inputs together", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "big.yaml"), "x".repeat(101));
    writeFileSync(join(dir, "fits.yaml"), "x".repeat(100));
    expect(readTextFile(join(dir, "big.yaml"), new ReadBudget(100))).toEqual({
      diagnostic: expect.objectContaining({
        code: "file-too-large",
        message: "the file is larger than 100 bytes, the most netpol reads",
        hint: "Split the input, or raise the limit with NETPOL_MAX_INPUT_BYTES",
      }),
    });
    expect(readTextFile(join(dir, "fits.yaml"), new ReadBudget(100))).toEqual({ text: "x".repeat(100) });

    const fifo = join(dir, "endless");
    mkfifo(fifo);
    background(`exec yes > '${fifo}'`);
    const start = Date.now();
    expect(readTextFile(fifo, new ReadBudget(2 ** 20))).toEqual({
      diagnostic: expect.objectContaining({ message: "the file is larger than 1 MiB, the most netpol reads" }),
    });
    expect(Date.now() - start).toBeLessThan(1000);

    const budget = new ReadBudget(150);
    expect(readTextFile(join(dir, "fits.yaml"), budget)).toEqual({ text: "x".repeat(100) });
    expect(readTextFile(join(dir, "fits.yaml"), budget)).toEqual({
      diagnostic: expect.objectContaining({
        message: "the inputs together are larger than 150 bytes, the most netpol reads in one run",
      }),
    });
  });
});

describe("listManifestFiles", () => {
  it("lists regular files and links to them; names FIFOs, sockets, devices, dangling links and loops", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "a.yaml"), NS("a"));
    writeFileSync(join(dir, "notes.txt"), "hello");
    symlinkSync("a.yaml", join(dir, "b-link.yaml"));
    symlinkSync("nowhere.yaml", join(dir, "c-dangling.yaml"));
    symlinkSync("d-loop.yaml", join(dir, "d-loop.yaml"));
    symlinkSync("/dev/null", join(dir, "e-device.yaml"));
    mkfifo(join(dir, "f-fifo.yaml"));
    await listen(join(dir, "g-socket.yaml"));
    symlinkSync("..", join(dir, "sub", "up"));
    writeFileSync(join(dir, "sub", "z.json"), "{}");

    expect(readTextFile(join(dir, "g-socket.yaml"))).toEqual({
      diagnostic: expect.objectContaining({ message: "cannot read: it is a socket" }),
    });
    const listing = listManifestFiles(dir);
    expect(listing.files).toEqual([join(dir, "a.yaml"), join(dir, "b-link.yaml"), join(dir, "sub", "z.json")]);
    expect(listing.skipped).toEqual([join(dir, "notes.txt")]);
    expect(listing.diagnostics.map((d) => [d.severity, d.file, d.message])).toEqual([
      ["warning", join(dir, "c-dangling.yaml"), "skipped: a symlink to nothing (dangling)"],
      ["warning", join(dir, "d-loop.yaml"), "skipped: a symlink loop"],
      ["warning", join(dir, "e-device.yaml"), "skipped: a character device, not a regular file"],
      ["warning", join(dir, "f-fifo.yaml"), "skipped: a FIFO, not a regular file"],
      ["warning", join(dir, "g-socket.yaml"), "skipped: a socket, not a regular file"],
      ["warning", join(dir, "sub", "up"), "skipped: a directory already read (a symlink loop?)"],
    ]);
  });

  it("lists a named file as it is, whatever its extension", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "np.txt"), NS("a"));
    expect(listManifestFiles(join(dir, "np.txt"))).toEqual({
      files: [join(dir, "np.txt")],
      skipped: [],
      diagnostics: [],
    });
  });
});

describe("readManifestPaths", () => {
  it("reports a YAML error in a named file of any extension, instead of skipping it", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "np.txt"), "apiVersion: v1\nkind: [\n");
    expect(readManifestPaths([join(dir, "np.txt")]).diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "yaml-syntax", file: join(dir, "np.txt"), line: 3 }),
    ]);
  });

  it("never opens a FIFO met in a walk (it could block forever), and reads the rest", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), NS("a"));
    mkfifo(join(dir, "b.yaml"));
    // Should the FIFO be opened after all, this writer ends the wait and the test fails instead of hanging.
    background(`sleep 2; printf '${NS("fifo").replace(/\n/g, "\\n")}' > '${join(dir, "b.yaml")}'`);
    const r = readManifestPaths([dir]);
    expect(r.objects).toHaveLength(1);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        file: join(dir, "b.yaml"),
        message: expect.stringMatching(/FIFO/),
      }),
    ]);
  });

  it("reports an unreadable file met in a walk as an error for that file, and reads the others", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), NS("a"));
    writeFileSync(join(dir, "c.yaml"), NS("c"));
    symlinkSync("/proc/self/mem", join(dir, "b.yaml"));
    const r = readManifestPaths([dir]);
    expect(r.objects).toHaveLength(2);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "file-unreadable",
        file: join(dir, "b.yaml"),
        message: "cannot read: input/output error",
      }),
    ]);
  });

  it("caps all files of a walk together", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), NS("a"));
    writeFileSync(join(dir, "b.yaml"), NS("b"));
    const r = readManifestPaths([dir], { budget: new ReadBudget(NS("a").length + 10) });
    expect(r.objects).toHaveLength(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: "file-too-large", file: join(dir, "b.yaml") })]);
  });
});

describe("helpers", () => {
  it("word errno codes once, for reading and writing alike", () => {
    const err = (code: string, message = `${code}: whatever, write`) => Object.assign(new Error(message), { code });
    expect(describeIoError(err("ENOSPC"))).toEqual({
      reason: "no space left on device",
      hint: "free some space and run again",
    });
    expect(describeIoError(err("EFBIG")).reason).toBe("file too large: over the file size limit");
    expect(describeIoError(err("ESOMETHING", "ESOMETHING: odd thing happened, open 'x'"))).toEqual({
      reason: "odd thing happened",
    });
  });

  it("format sizes for messages", () => {
    expect([DEFAULT_MAX_INPUT_BYTES, 2 ** 20, 1024, 1000, 1].map(formatBytes)).toEqual([
      "64 MiB",
      "1 MiB",
      "1 KiB",
      "1000 bytes",
      "1 byte",
    ]);
  });
});
