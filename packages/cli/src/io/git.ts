// Reading manifests from a git revision (`netpol diff --git REV[:PATH]`): git's object store, read through `git`
// in a subprocess into memory (nothing is written to disk). PATH at REV is walked as a directory of the working
// tree is — manifest extensions, hidden directories left out, names in byte order, one allowance of bytes — and each
// file is named `REV:PATH/file` in diagnostics.
import { spawnSync } from "node:child_process";
import { extname, isAbsolute, posix, relative, sep } from "node:path";
import { type Diagnostic, diagnostic, NetpolError } from "@netpol/core";
import {
  formatBytes,
  MANIFEST_EXTENSIONS,
  ReadBudget,
  type ReadResult,
  readManifestText,
} from "@netpol/core/manifests";
import { manifestReadOptions } from "./input.js";

/** A `--git` argument: the revision, and the path in it (relative to the current directory). */
export interface GitSpec {
  /** The argument as given, `REV[:PATH]`. */
  readonly text: string;
  /** The revision: a commit, branch, tag or any name git resolves. */
  readonly rev: string;
  /** The path, relative to the current directory, with `/` separators; `.` when absent. */
  readonly path: string;
}

function refuse(text: string, reason: string, hint?: string): NetpolError {
  return new NetpolError([diagnostic("git-unreadable", [], { spec: text, reason, ...(hint ? { hint } : {}) })]);
}

/** Splits `REV[:PATH]` at its first colon; PATH is relative to the current directory (`.` when absent). */
export function parseGitSpec(text: string): GitSpec {
  const colon = text.indexOf(":");
  const rev = colon < 0 ? text : text.slice(0, colon);
  const given = colon < 0 ? "" : text.slice(colon + 1);
  if (rev === "" || rev.startsWith("-"))
    throw refuse(
      text,
      rev === "" ? "no revision" : "a revision cannot start with '-'",
      "Write REV or REV:PATH, e.g. origin/main:k8s",
    );
  const local = isAbsolute(given) ? relative(process.cwd(), given) : given;
  return { text, rev, path: posix.normalize(local.split(sep).join("/") || ".").replace(/\/$/, "") || "." };
}

/** Runs git in the current directory; its stdout, or a NetpolError in git's own words. */
function git(spec: GitSpec, args: readonly string[], input?: string, bytes = 0): Buffer {
  const r = spawnSync("git", args, { input, maxBuffer: bytes + 64 * 1024 * 1024, stdio: ["pipe", "pipe", "pipe"] });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === "ENOENT";
    throw refuse(
      spec.text,
      missing ? "git is not installed or not on PATH" : r.error.message,
      missing ? "Install git, or compare two paths: netpol diff OLD NEW" : undefined,
    );
  }
  if (r.status !== 0) {
    const said = r.stderr.toString("utf8").trim().split("\n")[0] ?? "";
    throw refuse(spec.text, said.replace(/^(fatal|error): /, "") || `git ${args[0]} failed (exit ${r.status})`);
  }
  return r.stdout;
}

/** One entry of `git ls-tree -r -l -z`. */
interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly oid: string;
  readonly size: number;
  readonly path: string;
}

function parseTree(out: Buffer): TreeEntry[] {
  return out
    .toString("utf8")
    .split("\0")
    .filter((line) => line !== "")
    .map((line) => {
      const tab = line.indexOf("\t");
      const [mode = "", type = "", oid = "", size = ""] = line.slice(0, tab).split(/ +/);
      return { mode, type, oid, size: Number(size) || 0, path: line.slice(tab + 1) };
    });
}

/** Walk order: names compared directory by directory, as a directory walk meets them. */
function byWalkOrder(a: TreeEntry, b: TreeEntry): number {
  const x = a.path.split("/");
  const y = b.path.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i] as string, y[i] as string];
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** The contents of blobs, by object id, from one `git cat-file --batch`. */
function blobs(spec: GitSpec, oids: readonly string[], bytes: number): Map<string, string> {
  const out = new Map<string, string>();
  if (oids.length === 0) return out;
  const raw = git(spec, ["cat-file", "--batch"], `${oids.join("\n")}\n`, bytes);
  for (let at = 0; at < raw.length; ) {
    const end = raw.indexOf(0x0a, at);
    const [oid = "", type = "", size = ""] = raw.toString("utf8", at, end).split(" ");
    if (type === "missing" || end < 0) break;
    const start = end + 1;
    out.set(oid, raw.toString("utf8", start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return out;
}

/** The manifests of PATH at REV, read like PATH in the working tree; files are named `REV:PATH/file`. */
export function readGitRevision(spec: GitSpec): ReadResult {
  const object = `${spec.rev}:./${spec.path === "." ? "" : spec.path}`;
  const type = git(spec, ["cat-file", "-t", object]).toString("utf8").trim(); // git's words when it is not there
  const oid = git(spec, ["rev-parse", object]).toString("utf8").trim();
  const name = (file: string) => `${spec.rev}:${spec.path === "." ? file : posix.join(spec.path, file)}`;
  const entries: TreeEntry[] =
    type === "tree"
      ? parseTree(git(spec, ["ls-tree", "--full-tree", "-r", "-l", "-z", oid])).sort(byWalkOrder)
      : [{ mode: "100644", type, oid, size: Number(git(spec, ["cat-file", "-s", oid]).toString("utf8")), path: "" }];
  const budget = manifestReadOptions([]).budget ?? new ReadBudget(); // the run's one allowance
  const diagnostics: Diagnostic[] = [];
  const skip = (file: string, reason: string) =>
    diagnostics.push({ ...diagnostic("skipped-file", [], { reason }, "warning"), file: name(file) });
  const read: { entry: TreeEntry; file: string }[] = [];
  for (const e of entries) {
    const file = type === "tree" ? name(e.path) : spec.text;
    if (
      type === "tree" &&
      e.path
        .split("/")
        .slice(0, -1)
        .some((dir) => dir.startsWith("."))
    )
      continue;
    if (e.type === "commit") skip(e.path, "a submodule, not read from a revision");
    else if (e.mode === "120000") skip(e.path, "a symbolic link, not followed in a revision");
    else if (type === "tree" && !MANIFEST_EXTENSIONS.includes(extname(e.path).toLowerCase()))
      skip(e.path, "not a YAML or JSON file");
    else if (e.size > Math.min(budget.maxBytes, budget.remaining)) {
      const together = budget.remaining < budget.maxBytes;
      const limit = formatBytes(budget.maxBytes);
      diagnostics.push({ ...diagnostic("file-too-large", [], { limit, together, stdin: false }), file });
    } else {
      budget.remaining -= e.size;
      read.push({ entry: e, file });
    }
  }
  const texts = blobs(
    spec,
    read.map((r) => r.entry.oid),
    read.reduce((n, r) => n + r.entry.size, 0),
  );
  const out: ReadResult = { objects: [], sources: new Map(), diagnostics };
  for (const { entry, file } of read) {
    const one = readManifestText(texts.get(entry.oid) ?? "", file);
    out.objects.push(...one.objects);
    for (const [k, v] of one.sources) out.sources.set(k, v);
    diagnostics.push(...one.diagnostics);
  }
  return out;
}
