// Where the shared conformance data lives: `../shared/conformance` beside the repo, or $NETPOL_CONFORMANCE.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** The conformance data directory. */
export const conformanceDir = process.env.NETPOL_CONFORMANCE ?? resolve(repoRoot, "../shared/conformance");

/** True when the data is present; tests skip with a message otherwise. */
export const hasConformance = existsSync(conformanceDir);

if (!hasConformance) console.warn(`conformance data not found at ${conformanceDir}; conformance tests skipped`);
