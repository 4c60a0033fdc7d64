// Writing results: all or nothing. New content is written fully to a temporary file beside its target, fsynced,
// and renamed over it; an error (a full disk, a file size limit) or a signal never leaves a truncated, clobbered or
// temporary file behind. Stdout is written with write(2) too, so its errors come back here and not as late events.
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from "node:fs";
import { constants as osConstants } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { diagnostic, NetpolError } from "@netpol/core";
import { describeIoError, retryWhileBusy } from "@netpol/core/manifests";

/** Thrown when stdout's reader went away (`netpol … | head`): not an error, the run ends quietly. */
export class BrokenPipe extends Error {
  constructor() {
    super("broken pipe");
    this.name = "BrokenPipe";
  }
}

const ioError = (code: string) => Object.assign(new Error(code), { code });

/** One diagnostic of output that could not be written, naming the file. */
function unwritable(file: string, reason: string, hint?: string): NetpolError {
  return new NetpolError([{ ...diagnostic("output-unwritable", [], { reason, ...(hint ? { hint } : {}) }), file }]);
}

function outputError(target: string, e: unknown): NetpolError {
  if (e instanceof NetpolError) return e;
  // Creating a file says ENOENT when its directory is missing.
  const missingDir = (e as NodeJS.ErrnoException).code === "ENOENT";
  const { reason, hint } = missingDir ? { reason: "its directory does not exist", hint: "" } : describeIoError(e);
  return unwritable(target, reason, hint);
}

/** Writes every byte of `data` to `fd`: one write(2) may take only part (a full disk, a size limit, a pipe). */
export function writeFully(fd: number, data: Uint8Array): void {
  for (let offset = 0; offset < data.length; ) {
    const n = retryWhileBusy(() => writeSync(fd, data, offset, data.length - offset));
    if (n <= 0) throw ioError("EIO");
    offset += n;
  }
}

// Temporary files and staging directories that exist right now: removed on error, and on SIGINT/SIGTERM/SIGHUP.
const pending = new Set<string>();
let handling = false;

/**
 * Registers `path` for removal should the run be interrupted. Node runs a JS signal handler only between turns of
 * the event loop, after the synchronous write in progress: that write completes or rolls back, then the handler
 * removes what is still registered and exits with 128 + the signal's number. Without a handler, the signal would
 * kill netpol mid-write and leave the temporary files behind.
 */
function track(path: string): void {
  pending.add(path);
  if (handling) return;
  handling = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => {
      for (const p of pending) discard(p);
      process.exit(128 + osConstants.signals[signal]);
    });
  // Keep the event loop going through one more poll phase after the run, where a signal received during the run is
  // read; else it would be dropped. Two immediates, because the run may itself sit inside a poll phase (an ES module
  // is evaluated from one): the first runs in the check phase right after it, the second after the next poll.
  setImmediate(() => setImmediate(() => {}));
}

/** Removes `path` (a temporary file or a staging directory), however far it got; never throws. */
function discard(path: string): void {
  pending.delete(path);
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Nothing more can be done; the error that led here is the one to report.
  }
}

/** A fresh hidden name beside `path`, unique to this process and call. */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/** Creates `path` with `data` written fully and fsynced, with the mode (and owner, if allowed) of `like`. */
function createFile(path: string, data: Uint8Array, like: Stats | undefined): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    if (like) {
      try {
        fchownSync(fd, like.uid, like.gid); // only root may give a file away: best effort, and before chmod
      } catch {
        // The file stays owned by whoever runs netpol.
      }
      fchmodSync(fd, like.mode & 0o7777);
    }
    writeFully(fd, data);
    fsyncSync(fd);
    closeSync(fd);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // Already closed, or closing failed: either way the file goes.
    }
    discard(path);
    throw e;
  }
}

/** `path`'s status without following a symlink, or undefined when nothing is there. */
function lstatIfAny(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** Where a write to `path` lands: symlinks followed, dangling ones too (the write creates their target). */
function followLinks(path: string): string {
  for (let hops = 0; hops < 40; hops++) {
    if (!lstatIfAny(path)?.isSymbolicLink()) return path;
    path = resolve(dirname(path), readlinkSync(path));
  }
  throw ioError("ELOOP");
}

/** Writes `data` over `file` where it is: no rename, no temporary file (for devices, FIFOs and hard links). */
function writeInPlace(file: string, data: Uint8Array, regular: boolean): void {
  const fd = openSync(file, constants.O_WRONLY);
  try {
    writeFully(fd, data);
    if (regular) {
      ftruncateSync(fd, data.length);
      fsyncSync(fd);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces the content of `target` with `text`, all or nothing: written fully to a temporary file beside the file
 * (beside a symlink's target: the link stays a link), fsynced, with the old file's mode and owner, then renamed
 * over it. Devices and FIFOs (`-o /dev/null`) are written in place.
 */
export function writeFileAtomic(target: string, text: string): void {
  const data = Buffer.from(text, "utf8");
  try {
    const file = followLinks(target);
    const old = lstatIfAny(file);
    if (old?.isDirectory()) throw ioError("EISDIR");
    if (old && !old.isFile()) {
      writeInPlace(file, data, false);
      return;
    }
    const tmp = tempName(file);
    track(tmp);
    try {
      createFile(tmp, data, old);
      if (old && old.nlink > 1) {
        // A rename would give this name a new inode and leave the file's other names with the old content, so the
        // content goes in place. That is not atomic, but a full disk or a size limit cannot cut it short: the same
        // bytes were just written to the temporary file, whose space is given back right before.
        discard(tmp);
        writeInPlace(file, data, true);
      } else renameSync(tmp, file);
    } finally {
      discard(tmp);
    }
  } catch (e) {
    throw outputError(target, e);
  }
}

/** True when `-o` names a directory: an existing one, or a path ending in a separator. */
export function isDirectoryTarget(target: string): boolean {
  if (/[\\/]$/.test(target)) return true;
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writes files into `dir`, all or nothing; other files in `dir` stay. Every file is staged first (written fully
 * and fsynced) in a temporary directory: a new `dir` is that directory renamed; into an existing one the files are
 * moved by rename, and a failure puts back the files they replaced.
 */
export function writeFilesAtomic(dir: string, files: ReadonlyMap<string, string>): void {
  let created: string | undefined;
  try {
    const existing = statIfAny(resolve(dir)); // resolve drops a trailing slash: a file is "not a directory"
    if (existing && !existing.isDirectory()) throw unwritable(dir, "it is not a directory");
    if (existing) {
      moveInto(dir, files);
      return;
    }
    // Parents are created as before; should the write fail, they go again.
    created = mkdirSync(dirname(resolve(dir)), { recursive: true });
    // The staging directory is beside `dir`, so it becomes `dir` by one rename; mkdir gives it the usual mode.
    const staging = tempName(resolve(dir));
    track(staging);
    try {
      mkdirSync(staging, 0o777);
      for (const [name, text] of files) createFile(join(staging, name), Buffer.from(text, "utf8"), undefined);
      renameSync(staging, resolve(dir));
    } finally {
      discard(staging);
    }
  } catch (e) {
    if (created) discard(created);
    throw outputError(dir, e);
  }
}

function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * Moves `files` into the existing `dir`. They are staged inside `dir` itself, so every rename stays on one file
 * system (even when `dir` is a mount point) and only `dir` need be writable. The files they replace are kept
 * aside in the staging directory until every rename succeeded.
 */
function moveInto(dir: string, files: ReadonlyMap<string, string>): void {
  const olds = new Map<string, Stats | undefined>();
  for (const name of files.keys()) {
    const old = lstatIfAny(join(dir, name));
    if (old?.isDirectory()) throw outputError(join(dir, name), ioError("EISDIR"));
    olds.set(name, old);
  }
  const staging = tempName(join(dir, "netpol"));
  const aside = join(staging, "replaced");
  track(staging);
  const moved: string[] = [];
  try {
    mkdirSync(staging, 0o700);
    mkdirSync(aside);
    for (const [name, text] of files) {
      const old = olds.get(name);
      createFile(join(staging, name), Buffer.from(text, "utf8"), old?.isFile() ? old : undefined);
    }
    for (const name of files.keys()) {
      if (olds.get(name)) renameSync(join(dir, name), join(aside, name));
      moved.push(name);
      renameSync(join(staging, name), join(dir, name));
    }
  } catch (e) {
    if (!restore(dir, aside, moved, olds)) {
      // The replaced files are still in the staging directory: say where, and do not remove them.
      pending.delete(staging);
      throw unwritable(
        dir,
        `${describeIoError(e).reason}; putting back the files it replaced failed too`,
        `they are in ${aside}`,
      );
    }
    throw e;
  } finally {
    if (pending.has(staging)) discard(staging);
  }
}

/** Undoes the renames of `moved` (newest first): the replaced files go back, new ones go. False if that failed. */
function restore(dir: string, aside: string, moved: readonly string[], olds: ReadonlyMap<string, unknown>): boolean {
  let ok = true;
  for (const name of [...moved].reverse()) {
    try {
      if (olds.get(name)) renameSync(join(aside, name), join(dir, name));
      else rmSync(join(dir, name), { force: true });
    } catch {
      ok = false;
    }
  }
  return ok;
}

/** Writes `text` to stdout (fd 1) fully; a closed pipe ends the run quietly, other errors are NetpolErrors. */
export function writeStdout(text: string): void {
  try {
    writeFully(1, Buffer.from(text, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EPIPE") throw new BrokenPipe();
    const reason = code === "EBADF" ? "it is closed or not open for writing" : describeIoError(e).reason;
    throw new NetpolError([diagnostic("stdout-unwritable", [], { reason })]);
  }
}

/** Writes `text` to stdout, or atomically to `target`. */
export function writeOutput(text: string, target: string | undefined): void {
  if (target === undefined || target === "-") writeStdout(text);
  else writeFileAtomic(target, text);
}
