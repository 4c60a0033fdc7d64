// JSON for tools: the inputs' names, the changed connections and the workloads of one input only.
import { formatConnectionSet } from "../../engine/connection-set.js";
import type { DiffFormatter } from "./types.js";

/**
 * JSON: `{refNames, changes: [{type, src, dst, old, new, srcAddedOrRemoved, dstAddedOrRemoved}], addedWorkloads,
 * removedWorkloads}`, connections as text; an empty `changes` when nothing differs.
 */
export const jsonDiffFormatter: DiffFormatter = {
  format: "json",
  extension: "json",
  render: (diff) =>
    `${JSON.stringify(
      {
        refNames: diff.refNames,
        changes: diff.changes.map((d) => ({
          type: d.type,
          src: d.src,
          dst: d.dst,
          old: formatConnectionSet(d.old),
          new: formatConnectionSet(d.new),
          srcAddedOrRemoved: d.srcAddedOrRemoved,
          dstAddedOrRemoved: d.dstAddedOrRemoved,
        })),
        addedWorkloads: diff.addedWorkloads,
        removedWorkloads: diff.removedWorkloads,
      },
      null,
      2,
    )}\n`,
};
