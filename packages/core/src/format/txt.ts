// `src => dst : conn`, one line per connection; explanations exactly as `roxctl netpol connectivity map --explain`
// prints them (netpol-analyzer's txt explain format), so that users moving from roxctl read the same report.
import { formatConnectionSet } from "../engine/connection-set.js";
import type { PairExplanation } from "../engine/explain.js";
import { onlyDefault, type Verdict } from "../engine/verdicts.js";
import {
  groupHeadline,
  isDefaultVerdict,
  reasonsBySource,
  SYSTEM_DEFAULT,
  sortedExplanations,
  sortedGroups,
  verdictHeadline,
} from "./reasons.js";
import type { Formatter } from "./types.js";

const PAIR_SEPARATOR = `${"-".repeat(160)}\n`;

/** A section header: the title between `#` rules as long as its line, after an empty line. */
function header(text: string): string {
  const line = `# ${text} #`;
  const rule = "#".repeat(line.length);
  return `\n${rule}\n${line}\n${rule}\n`;
}

/**
 * The lines of one direction of a group. A source with one sentence shows it alone; several come as a `<Kind> list:`
 * whose last item ends with a newline of its own (so an empty line follows, as in the reference).
 */
function directionText(v: Verdict, direction: "egress" | "ingress", subject: string, other: string): string {
  if (v.reasons.length === 0) return "";
  let text = `\t\t${verdictHeadline(v, direction)}`;
  if (!isDefaultVerdict(v))
    for (const { source, sentences } of reasonsBySource(v, direction, subject, other))
      text +=
        sentences.length === 1
          ? `\n\t\t\t${sentences[0]}`
          : `\n\t\t\t${source} list:\n${sentences.map((s) => `\t\t\t\t- ${s}\n`).join("")}`;
  return `${text}\n`;
}

/** The block of one pair: its allowed groups, then its denied groups, each group followed by an empty line. */
function pairText(e: PairExplanation): string {
  return `${PAIR_SEPARATOR}${explanationText(e)}`;
}

/** One pair's explanation as the txt report words it, without the separator line (failed assertions show it). */
export function explanationText(e: PairExplanation): string {
  let text = `Connections between ${e.src} => ${e.dst}:\n\n`;
  const groups = sortedGroups(e);
  for (const allowed of [true, false]) {
    const mine = groups.filter((g) => g.allowed === allowed);
    if (mine.length === 0) continue;
    text += `${allowed ? "Allowed" : "Denied"} connections:\n`;
    for (const g of mine) {
      const reasons =
        isDefaultVerdict(g.egress) && isDefaultVerdict(g.ingress)
          ? ` due to ${SYSTEM_DEFAULT}\n`
          : ` due to the following policies and rules:\n${directionText(g.egress, "egress", e.src, e.dst)}${directionText(g.ingress, "ingress", e.dst, e.src)}`;
      text += `\t${groupHeadline(g)}${reasons}\n`;
    }
  }
  return text;
}

/** The explain report: pairs with specific reasons, then the pairs that only the system default connects. */
function explanations(list: readonly PairExplanation[]): string {
  const sorted = sortedExplanations(list);
  const specific = sorted.filter((e) => !onlyDefault(e.groups));
  const defaults = sorted.filter((e) => onlyDefault(e.groups));
  let text =
    specific.length > 0 ? header("Specific connections and their reasons") + specific.map(pairText).join("") : "";
  if (defaults.length > 0)
    text += header(`All Connections due to ${SYSTEM_DEFAULT}`) + defaults.map((e) => `${e.src} => ${e.dst}\n`).join("");
  return text;
}

/** Plain text lines, each ending with a newline. */
export const txtFormatter: Formatter = {
  format: "txt",
  extension: "txt",
  connections: (list) => list.map((c) => `${c.src} => ${c.dst} : ${formatConnectionSet(c.conn)}\n`).join(""),
  explanations,
};
