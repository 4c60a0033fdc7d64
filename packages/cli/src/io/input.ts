// Reading the files named on the command line, through core's reader; `-` is stdin, read once however often it is
// named. One allowance of bytes serves the whole run (64 MiB, or NETPOL_MAX_INPUT_BYTES).
import { diagnostic, NetpolError, show } from "@netpol/core";
import {
  DEFAULT_MAX_INPUT_BYTES,
  ReadBudget,
  type ReadPathsOptions,
  readTextFile,
  type TextOrDiagnostic,
} from "@netpol/core/manifests";

let budget: ReadBudget | undefined;
let stdin: TextOrDiagnostic | undefined;

/** The byte cap of `NETPOL_MAX_INPUT_BYTES` (a positive whole number), or the default 64 MiB when unset. */
export function maxInputBytes(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_MAX_INPUT_BYTES;
  if (/^[1-9]\d{0,15}$/.test(value)) return Number(value);
  throw new NetpolError([
    diagnostic("usage", [], {
      problem: `NETPOL_MAX_INPUT_BYTES is ${show(value)}`,
      expected: "a positive whole number of bytes, such as 1048576",
    }),
  ]);
}

function inputBudget(): ReadBudget {
  budget ??= new ReadBudget(maxInputBytes(process.env.NETPOL_MAX_INPUT_BYTES));
  return budget;
}

/** The text of one input (`-` = stdin), or a diagnostic saying why it cannot be read. */
export function readInput(name: string): TextOrDiagnostic {
  if (name !== "-") return readTextFile(name, inputBudget());
  stdin ??= readTextFile("-", inputBudget());
  return stdin;
}

/** Options for core's `readManifestPaths`: the run's allowance, and stdin's text when `-` is among the paths. */
export function manifestReadOptions(paths: readonly string[]): ReadPathsOptions {
  if (!paths.includes("-")) return { budget: inputBudget() };
  const input = readInput("-");
  if ("diagnostic" in input) throw new NetpolError([input.diagnostic]);
  return { budget: inputBudget(), stdin: input.text };
}
