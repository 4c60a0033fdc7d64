// Reading input files and walking directories for manifests: the only place the reader touches the file system.
// Nothing here throws on bad input: every file is read, or named in a diagnostic saying why not.
import { closeSync, openSync, readdirSync, readSync, type Stats, statSync } from "node:fs";
import { extname, join } from "node:path";
import { type Diagnostic, diagnostic } from "../errors.js";
import { compareStrings } from "../text.js";
import { mergeReadResults, type ReadResult, readManifestText } from "./read.js";

/** File extensions read when walking a directory. */
export const MANIFEST_EXTENSIONS: readonly string[] = [".yaml", ".yml", ".json"];

/** The most bytes netpol reads from one input, and from all inputs of a run together: 64 MiB. */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** A run's allowance of input bytes: each input, and all inputs together, may hold at most `maxBytes`. */
export class ReadBudget {
  /** The most bytes of one input, and of all inputs together. */
  readonly maxBytes: number;
  /** Bytes still allowed in total; every read takes its size from it. */
  remaining: number;

  constructor(maxBytes: number = DEFAULT_MAX_INPUT_BYTES) {
    this.maxBytes = maxBytes;
    this.remaining = maxBytes;
  }
}

/** Options for reading manifest paths. */
export interface ReadPathsOptions {
  /** Text to use for the path `-` (the caller reads stdin, through `readTextFile("-", budget)`). */
  readonly stdin?: string;
  /** The run's allowance of input bytes; default a fresh 64 MiB one. */
  readonly budget?: ReadBudget;
}

/** The text of an input, or the one diagnostic saying why it cannot be read. */
export type TextOrDiagnostic = { readonly text: string } | { readonly diagnostic: Diagnostic };

/** What errno codes of file operations mean, in words, with a way out where there is one. */
const IO_REASONS: Readonly<Record<string, { reason: string; hint?: string }>> = {
  ENOENT: { reason: "no such file" },
  ENOTDIR: { reason: "a parent path is not a directory" },
  EISDIR: { reason: "it is a directory" },
  EACCES: { reason: "permission denied" },
  EPERM: { reason: "permission denied" },
  EROFS: { reason: "read-only file system" },
  ELOOP: { reason: "too many levels of symbolic links (a symlink loop)" },
  ENAMETOOLONG: { reason: "the file name is too long" },
  ENOSPC: { reason: "no space left on device", hint: "free some space and run again" },
  EDQUOT: { reason: "disk quota exceeded", hint: "free some space or raise the quota and run again" },
  EFBIG: {
    reason: "file too large: over the file size limit",
    hint: "raise the limit (ulimit -f) or free space and run again",
  },
  EIO: { reason: "input/output error" },
  EBADF: { reason: "bad file descriptor" },
  ENXIO: { reason: "no such device or address" },
  EMFILE: { reason: "too many open files" },
  ENFILE: { reason: "too many open files" },
  EBUSY: { reason: "device or resource busy" },
  ETXTBSY: { reason: "text file busy" },
};

/** Why a file operation failed, in words (`ENOSPC` → "no space left on device"), and how to fix it if known. */
export function describeIoError(e: unknown): { reason: string; hint?: string } {
  const err = e as NodeJS.ErrnoException;
  const known = IO_REASONS[err.code ?? ""];
  if (known) return known;
  // Node's message is `CODE: description, syscall 'path'`; the description is the useful part.
  const message = String(err.message ?? e);
  return { reason: /^[A-Z0-9_]+: ([^,]+)/.exec(message)?.[1] ?? message };
}

const BUSY = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs a read or write again while the kernel says "not now": EAGAIN when the descriptor is non-blocking (a pipe
 * shared with a process that made it so; Node itself does that to stdout when `process.stdout` is touched) and
 * EINTR. Waits a millisecond between tries instead of spinning.
 */
export function retryWhileBusy<T>(op: () => T): T {
  for (;;) {
    try {
      return op();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EAGAIN" && code !== "EWOULDBLOCK" && code !== "EINTR") throw e;
      Atomics.wait(BUSY, 0, 0, 1);
    }
  }
}

/** `1048576` → "1 MiB", for messages about the size cap. */
export function formatBytes(n: number): string {
  for (const [unit, size] of [
    ["GiB", 2 ** 30],
    ["MiB", 2 ** 20],
    ["KiB", 2 ** 10],
  ] as const)
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  return `${n} byte${n === 1 ? "" : "s"}`;
}

const CHUNK = 64 * 1024;

/** Reads `fd` to its end, or stops and returns undefined as soon as it holds more than `cap` bytes. */
function readAtMost(fd: number, cap: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // One byte past the cap is enough to know the input is too large; `/dev/zero` is not read any further.
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, cap + 1 - total));
    const n = retryWhileBusy(() => readSync(fd, chunk, 0, chunk.length, null));
    if (n === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > cap) return undefined;
  }
}

/** What a path is when it is not something netpol reads (directories have their own error: EISDIR). */
function unreadableKind(st: Stats): string | undefined {
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return undefined;
}

function unreadable(file: string, reason: string, hint?: string): Diagnostic {
  return { ...diagnostic("file-unreadable", [], { reason, stdin: file === "-", ...(hint ? { hint } : {}) }), file };
}

function tooLarge(file: string, budget: ReadBudget): Diagnostic {
  const together = budget.remaining < budget.maxBytes;
  return {
    ...diagnostic("file-too-large", [], { limit: formatBytes(budget.maxBytes), together, stdin: file === "-" }),
    file,
  };
}

/**
 * The text of a file or a pipe, or of stdin for `-`, read up to the budget (each input and all together); or the
 * one diagnostic saying why not. Devices and sockets are refused: `/dev/zero` never ends, `/dev/tty` waits.
 */
export function readTextFile(file: string, budget: ReadBudget = new ReadBudget()): TextOrDiagnostic {
  let fd: number | undefined;
  try {
    if (file !== "-") {
      const kind = unreadableKind(statSync(file));
      if (kind) return { diagnostic: unreadable(file, `it is ${kind}`, "name a file or a pipe, or - for stdin") };
      fd = openSync(file, "r");
    }
    const bytes = readAtMost(fd ?? 0, Math.min(budget.maxBytes, budget.remaining));
    if (bytes === undefined) return { diagnostic: tooLarge(file, budget) };
    budget.remaining -= bytes.length;
    return { text: bytes.toString("utf8") };
  } catch (e) {
    return { diagnostic: unreadable(file, describeIoError(e).reason) };
  } finally {
    if (fd !== undefined)
      try {
        closeSync(fd);
      } catch {
        // Everything was read; a failing close of a read-only descriptor loses nothing.
      }
  }
}

const byName = compareStrings;

/** A walk's skipped entry that is not a regular file, named in a warning. */
function skippedEntry(file: string, what: string): Diagnostic {
  return { ...diagnostic("skipped-file", [], { reason: what }, "warning"), file };
}

/**
 * Lists the manifest files under `path` recursively in byte order of names: regular files (or symlinks to them)
 * with a manifest extension. Other files are listed as `skipped`; FIFOs, sockets, devices, dangling or looping
 * symlinks and directories met twice are named in warnings, unreadable directories in errors. A `path` that is not
 * a directory is listed as it is (named files are always read). Throws only when `path` itself cannot be stat'ed.
 */
export function listManifestFiles(path: string): { files: string[]; skipped: string[]; diagnostics: Diagnostic[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const diagnostics: Diagnostic[] = [];
  // Directories walked, by device and inode: a symlink back up the tree is walked once, not forever.
  const walked = new Set<string>();
  const walk = (dir: string, st: Stats) => {
    const id = `${st.dev}:${st.ino}`;
    if (walked.has(id)) {
      diagnostics.push(skippedEntry(dir, "a directory already read (a symlink loop?)"));
      return;
    }
    walked.add(id);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort(byName);
    } catch (e) {
      diagnostics.push(unreadable(dir, describeIoError(e).reason));
      return;
    }
    for (const name of entries) {
      const full = join(dir, name);
      let entry: Stats;
      try {
        entry = statSync(full); // follows symlinks: a link to a file is read like the file
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ENOENT") diagnostics.push(skippedEntry(full, "a symlink to nothing (dangling)"));
        else if (code === "ELOOP") diagnostics.push(skippedEntry(full, "a symlink loop"));
        else diagnostics.push(unreadable(full, describeIoError(e).reason));
        continue;
      }
      if (entry.isDirectory()) {
        if (!name.startsWith(".")) walk(full, entry);
      } else if (!entry.isFile()) {
        const kind = unreadableKind(entry) ?? (entry.isFIFO() ? "a FIFO" : "a special file");
        diagnostics.push(skippedEntry(full, `${kind}, not a regular file`));
      } else if (MANIFEST_EXTENSIONS.includes(extname(name).toLowerCase())) files.push(full);
      else skipped.push(full);
    }
  };
  const st = statSync(path);
  if (st.isDirectory()) walk(path, st);
  else files.push(path);
  return { files, skipped, diagnostics };
}

const only = (...diagnostics: Diagnostic[]): ReadResult => ({ objects: [], sources: new Map(), diagnostics });

/**
 * Reads files and directories (recursively) of YAML/JSON manifests; `-` reads `options.stdin`. Files named
 * explicitly are read whatever their extension; walks read manifest extensions only. Never throws.
 */
export function readManifestPaths(paths: readonly string[], options: ReadPathsOptions = {}): ReadResult {
  const budget = options.budget ?? new ReadBudget();
  const results: ReadResult[] = [];
  for (const path of paths) {
    if (path === "-") {
      results.push(readManifestText(options.stdin ?? "", "-"));
      continue;
    }
    let listing: ReturnType<typeof listManifestFiles>;
    try {
      listing = listManifestFiles(path);
    } catch (e) {
      results.push(only(unreadable(path, describeIoError(e).reason)));
      continue;
    }
    results.push(only(...listing.diagnostics));
    for (const file of listing.skipped) {
      results.push(only({ ...diagnostic("skipped-file", [], { reason: "not a YAML or JSON file" }, "warning"), file }));
    }
    for (const file of listing.files) {
      const read = readTextFile(file, budget);
      results.push("text" in read ? readManifestText(read.text, file) : only(read.diagnostic));
    }
  }
  return mergeReadResults(results);
}
