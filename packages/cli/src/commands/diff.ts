// `netpol diff`: how connectivity changes between two inputs (manifest files, directories, spec files, or a git
// revision and the working tree), through core's engine, diffConnectivity and diff formatters.
import { type Diagnostic, diagnostic, NetpolError, show } from "@netpol/core";
import { analyzeConnectivity, DIFF_FORMATTERS, type DiffFormat, diffConnectivity } from "@netpol/core/analysis";
import { type ReadResult, readManifestPaths } from "@netpol/core/manifests";
import { printDiagnostics, stopOnErrors } from "../diagnostics.js";
import { parseGitSpec, readGitRevision } from "../io/git.js";
import { manifestReadOptions } from "../io/input.js";
import { writeOutput } from "../io/output.js";
import { objectsOfSpecs } from "./map.js";

/** The output formats of `netpol diff`. */
export const DIFF_FORMATS = Object.keys(DIFF_FORMATTERS) as DiffFormat[];

/** The names of the two inputs in the output when `--ref-names` is not given (netpol-analyzer's CLI names). */
export const DEFAULT_REF_NAMES = "dir1,dir2";

/** Options of `netpol diff`. */
export interface DiffCommandOptions {
  /** The output format. */
  readonly format: DiffFormat;
  /** The names of the old and the new input in the output, `old,new`; default `dir1,dir2`. */
  readonly refNames?: string;
  /** Write the diff to this file instead of stdout. */
  readonly file?: string;
  /** Compare PATH at this revision (`REV[:PATH]`) with PATH in the working tree. */
  readonly git?: string;
}

/** One side of the diff: its name in messages, and how to read it. */
interface Input {
  readonly label: string;
  readonly read: () => ReadResult;
}

const usage = (problem: string, expected?: string) =>
  new NetpolError([diagnostic("usage", [], { problem, ...(expected ? { expected } : {}) })]);

/** `old,new` as two names; a usage error otherwise. */
export function parseRefNames(text: string): [string, string] {
  const names = text.split(",");
  const [a, b] = names;
  if (names.length !== 2 || !a || !b)
    throw usage(`--ref-names ${show(text)}`, "two names separated by a comma, such as old,new");
  return [a, b];
}

function fromPath(path: string): Input {
  return { label: path, read: () => readManifestPaths([path], manifestReadOptions([path])) };
}

/** The two inputs: two paths, or a git revision's PATH and the working tree's. */
function inputsOf(paths: readonly string[], git: string | undefined): readonly [Input, Input] {
  if (git !== undefined) {
    if (paths.length > 0)
      throw usage(
        `--git compares ${show(git)} with the working tree, so it takes no paths (${paths.join(" ")})`,
        "netpol diff --git REV[:PATH]",
      );
    const spec = parseGitSpec(git);
    return [{ label: spec.text, read: () => readGitRevision(spec) }, fromPath(spec.path)];
  }
  const [old, now] = paths;
  if (paths.length !== 2 || old === undefined || now === undefined)
    throw usage(
      paths.length === 0 ? "diff needs the two inputs to compare" : `diff compares two inputs, not ${paths.length}`,
      "netpol diff OLD NEW (files, directories or spec files), or netpol diff --git REV[:PATH]",
    );
  if (old === "-" && now === "-") throw usage("both inputs are stdin (-)", "at most one input read from stdin");
  return [fromPath(old), fromPath(now)];
}

/** A diagnostic about a whole input (no file of its own) names the input. */
export const about =
  (label: string) =>
  (d: Diagnostic): Diagnostic =>
    d.file === undefined ? { ...d, file: label } : d;

/** Runs `netpol diff`: prints the diff and the inputs' warnings; true when connectivity differs. */
export function diff(paths: readonly string[], options: DiffCommandOptions): boolean {
  const refNames = parseRefNames(options.refNames ?? DEFAULT_REF_NAMES);
  const inputs = inputsOf(paths, options.git);
  // Both inputs are read before stopping, so every unreadable one is named at once.
  const sides = inputs.map((input) => {
    const read = input.read();
    const specs = objectsOfSpecs(read.objects, read.sources);
    return { input, specs, diagnostics: [...read.diagnostics, ...specs.diagnostics].map(about(input.label)) };
  });
  const diagnostics = sides.flatMap((s) => s.diagnostics);
  stopOnErrors(diagnostics);
  const [old, now] = sides.map((s) => {
    const map = analyzeConnectivity({ objects: s.specs.objects, sources: s.specs.sources });
    diagnostics.push(...map.diagnostics.map(about(s.input.label)));
    return map;
  });
  stopOnErrors(diagnostics);
  if (old === undefined || now === undefined) throw new Error("two inputs expected");
  const result = diffConnectivity(old, now, { refNames });
  for (const d of result.diagnostics) diagnostics.push(about(inputs[d.args.side === "old" ? 0 : 1].label)(d));
  writeOutput(DIFF_FORMATTERS[options.format].render(result), options.file);
  printDiagnostics(diagnostics);
  return result.changes.length > 0;
}
