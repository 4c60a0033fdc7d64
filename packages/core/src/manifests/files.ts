// Walking files and directories for manifests: the only place the reader touches the file system.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { diagnostic } from "../errors.js";
import { mergeReadResults, type ReadResult, readManifestText } from "./read.js";

/** File extensions read when walking a directory. */
export const MANIFEST_EXTENSIONS: readonly string[] = [".yaml", ".yml", ".json"];

/** Options for reading manifest paths. */
export interface ReadPathsOptions {
  /** Text to use for the path `-` (the caller reads stdin). */
  readonly stdin?: string;
}

import { compareStrings as byName } from "../text.js";

/** Lists the manifest files under `path` recursively in byte order of names; other files are reported as skipped. */
export function listManifestFiles(path: string): { files: string[]; skipped: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => byName(a.name, b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".")) walk(full);
      } else if (MANIFEST_EXTENSIONS.includes(extname(entry.name).toLowerCase())) files.push(full);
      else skipped.push(full);
    }
  };
  if (statSync(path).isDirectory()) walk(path);
  else files.push(path);
  return { files, skipped };
}

/** Reads files and directories (recursively) of YAML/JSON manifests; `-` reads `options.stdin`. Never throws. */
export function readManifestPaths(paths: readonly string[], options: ReadPathsOptions = {}): ReadResult {
  const results: ReadResult[] = [];
  for (const path of paths) {
    if (path === "-") {
      results.push(readManifestText(options.stdin ?? "", "-"));
      continue;
    }
    let listing: { files: string[]; skipped: string[] };
    try {
      listing = listManifestFiles(path);
    } catch (e) {
      const d = { ...diagnostic("file-unreadable", [], { reason: (e as Error).message }), file: path };
      results.push({ objects: [], sources: new Map(), diagnostics: [d] });
      continue;
    }
    for (const file of listing.skipped) {
      const d = { ...diagnostic("skipped-file", [], { reason: "not a YAML or JSON file" }, "warning"), file };
      results.push({ objects: [], sources: new Map(), diagnostics: [d] });
    }
    for (const file of listing.files) {
      results.push(readManifestText(readFileSync(file, "utf8"), file));
    }
  }
  return mergeReadResults(results);
}
