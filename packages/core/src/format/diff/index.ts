// Output formats of a connectivity diff: one formatter per format, behind one interface.
import { diagnostic, NetpolError } from "../../errors.js";
import { csvDiffFormatter } from "./csv.js";
import { dotDiffFormatter } from "./dot.js";
import { jsonDiffFormatter } from "./json.js";
import { mdDiffFormatter } from "./md.js";
import { txtDiffFormatter } from "./txt.js";
import type { DiffFormat, DiffFormatter } from "./types.js";

export type { DiffFormat, DiffFormatter } from "./types.js";

/** Every diff formatter, by format name. */
export const DIFF_FORMATTERS: Readonly<Record<DiffFormat, DiffFormatter>> = {
  txt: txtDiffFormatter,
  json: jsonDiffFormatter,
  csv: csvDiffFormatter,
  md: mdDiffFormatter,
  dot: dotDiffFormatter,
};

/** The diff formatter of a format name; a NetpolError (`value`) for any other name. */
export function diffFormatter(format: string): DiffFormatter {
  if (typeof format === "string" && Object.hasOwn(DIFF_FORMATTERS, format))
    return DIFF_FORMATTERS[format as DiffFormat];
  throw new NetpolError([
    diagnostic("value", ["format"], {
      found: format,
      expected: `an output format of diff: ${Object.keys(DIFF_FORMATTERS).join(", ")}`,
    }),
  ]);
}
