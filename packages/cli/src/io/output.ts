// Writing results: all or nothing. A file is written beside its target and renamed over it, so an error never
// leaves a truncated or half-written file behind.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { diagnostic } from "@netpol/core";
import { InputError } from "../diagnostics.js";

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "its directory does not exist",
  ENOTDIR: "a parent path is not a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  EISDIR: "it is a directory",
};

function outputError(target: string, e: unknown): InputError {
  const why = REASONS[(e as NodeJS.ErrnoException).code ?? ""] ?? (e as Error).message;
  return new InputError([
    diagnostic({ code: "output-unwritable", path: "", message: `cannot write: ${why}`, file: target }),
  ]);
}

/** Replaces `target` with `text` atomically (temporary file in the same directory, then rename). */
export function writeFileAtomic(target: string, text: string): void {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    if (existsSync(target) && statSync(target).isDirectory())
      throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    const fd = openSync(tmp, "wx", 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing was created where nothing can be created.
    }
    throw outputError(target, e);
  }
}

/** True when `-o` names a directory: an existing one, or a path ending in a separator. */
export function isDirectoryTarget(target: string): boolean {
  if (/[\\/]$/.test(target)) return true;
  return existsSync(target) && statSync(target).isDirectory();
}

/** Writes several files into `dir` (created if missing); every name was checked before the first write. */
export function writeFilesAtomic(dir: string, files: ReadonlyMap<string, string>): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw outputError(dir, e);
  }
  for (const [name, text] of files) writeFileAtomic(join(dir, name), text);
}

/** Writes `text` to stdout, or atomically to `target`. */
export function writeOutput(text: string, target: string | undefined): void {
  if (target === undefined || target === "-") process.stdout.write(text);
  else writeFileAtomic(target, text);
}
