// netpol-analyzer's `diff` test data (../shared/conformance/np-guard-diff, read at test time): every good-path case
// line for line in each exported format but svg, and every err_* case gives the diagnostic its upstream message
// means (the table below maps each upstream substring to netpol's code, severity and input).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity, type ConnectivityMap } from "../../src/engine/analyze.js";
import { diffConnectivity } from "../../src/engine/diff.js";
import type { Diagnostic, DiagnosticCode, Severity } from "../../src/errors.js";
import { DIFF_FORMATTERS, diffFormatter } from "../../src/format/diff/index.js";
import type { DiffFormat } from "../../src/format/diff/types.js";
import { readManifestPaths } from "../../src/manifests/files.js";
import type { ReadResult } from "../../src/manifests/read.js";
import { conformanceDir, hasConformance } from "./paths.js";

const root = join(conformanceDir, "np-guard-diff");
const present = hasConformance && existsSync(root);
if (hasConformance && !present) console.warn(`np-guard-diff data not found at ${root}; its tests are skipped`);

interface InputMeta {
  readonly path: string | null;
  readonly upstream: string | null;
}
interface CaseMeta {
  readonly kind: "good_path" | "error_or_warning";
  readonly dir1: InputMeta;
  readonly dir2: InputMeta;
  readonly options: { readonly ref1Name: string; readonly ref2Name: string };
  readonly apis: readonly string[];
  /** The output format of an error case. */
  readonly format?: string;
  readonly expected?: Readonly<Record<string, { readonly file: string }>>;
  readonly error_or_warning_contains?: readonly string[];
  readonly cli_args?: readonly string[];
}

type Side = "old" | "new";

/** What an upstream message means in netpol: a diagnostic of this code and severity about this input. */
interface Meaning {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** The input it is about; any when absent. */
  readonly side?: Side;
  /** A text its file name, subject or arguments hold. */
  readonly naming?: string;
}

/**
 * Each upstream substring of the err_* cases, and what netpol gives instead. Where upstream stops (a fatal error)
 * and netpol goes on, the severity says so: pods of one owner that differ are analysed as the union of their pods,
 * and a named port toward addresses allows nothing there; both are warnings.
 */
const MEANINGS: Readonly<Record<string, Meaning>> = {
  "[the path ": { code: "file-unreadable", severity: "error" },
  "does not exist": { code: "file-unreadable", severity: "error" },
  some_dir: { code: "file-unreadable", severity: "error", side: "old", naming: "some_dir" },
  some_other_dir: { code: "file-unreadable", severity: "error", side: "new", naming: "some_other_dir" },
  "unable to decode": { code: "not-a-manifest", severity: "warning" },
  "connlist_output.json": { code: "not-a-manifest", severity: "warning", side: "new", naming: "connlist_output.json" },
  "Found Pods of the same owner workload `demo/cog-agents` and with differences in their labels, while a network policy contains selectors impacted by this gap.\n":
    { code: "peer-pods-differ", severity: "warning", side: "old", naming: "demo/cog-agents" },
  "CIDR error": { code: "cidr", severity: "error", side: "old" },
  "at ref1: no relevant Kubernetes workload resources found": {
    code: "no-workloads",
    severity: "warning",
    side: "old",
  },
  "at ref1: no relevant Kubernetes network policy resources found": {
    code: "no-network-policies",
    severity: "warning",
    side: "old",
  },
  'NetworkPolicy "default/backend-netpol" is already exists. Only one object of a given kind can have a given name at a time.':
    { code: "duplicate-object", severity: "error", side: "old", naming: "backend-netpol" },
  "selector error": { code: "label-key", severity: "error", side: "new" },
  "rule NetworkPolicyPeer error: cannot have empty rule peer": { code: "peer-empty", severity: "error", side: "new" },
  "named port error: cannot convert named port for an IP destination": {
    code: "named-port-ipblock",
    severity: "warning",
    side: "new",
    naming: "abc",
  },
  // Cluster-wide policies: the reference's fatal errors, as netpol's reader words them.
  "from field must be defined and contain at least one item": {
    code: "missing-key",
    severity: "error",
    side: "old",
    naming: "from",
  },
  "exactly one field must be set in an AdminNetworkPolicyPort": {
    code: "exclusive-keys",
    severity: "error",
    side: "old",
  },
  "exactly one field must be set in a rule peer": { code: "cluster-peer-shape", severity: "error" },
  // Kubernetes accepts two Admin policies of one priority (which wins is the implementation's choice): a warning.
  "Two policies are considered to be conflicting if they are assigned the same priority.": {
    code: "cluster-priority-shared",
    severity: "warning",
    side: "old",
  },
  'Invalid Priority Value: 1001 in Admin Network Policy: "invalid-priority"; Priority value must be between 0-1000': {
    code: "cluster-priority",
    severity: "error",
    side: "new",
    naming: "invalid-priority",
  },
  "invalid CIDR address": { code: "cidr", severity: "error", side: "new", naming: "zc00::/8" },
  // An unknown output format: the library's `diffFormatter` (the CLI refuses it as a usage error, exit 2).
  "png output format is not supported.": { code: "value", severity: "error", naming: "png" },
};

const UDN = /\bkind"?\s*:\s*"?(ClusterUserDefinedNetwork|UserDefinedNetwork)\b/;

function metaOf(name: string): CaseMeta {
  return JSON.parse(readFileSync(join(root, name, "meta.json"), "utf8")) as CaseMeta;
}

/** An input's path; one upstream lacks (intentionally) is its upstream path, which does not exist here either. */
function inputPath(input: InputMeta): string {
  return join(root, input.path ?? input.upstream ?? "missing-input");
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile());
}

/** Why a case cannot pass on this branch, or undefined. */
function skipReason(meta: CaseMeta): string | undefined {
  const texts = [meta.dir1, meta.dir2].flatMap((d) => filesUnder(inputPath(d)).map((f) => readFileSync(f, "utf8")));
  if (texts.some((t) => UDN.test(t))) return "needs primary UserDefinedNetwork isolation (multiple networks)";
  if (meta.apis.length === 1 && meta.apis[0] === "CLI" && (meta.cli_args ?? []).length <= 1)
    return "a usage error of the CLI: checked through the binary (packages/cli/test/diff.test.ts)";
  return undefined;
}

interface Analysed {
  readonly read: ReadResult;
  readonly map: ConnectivityMap;
}

/** Reads and analyses one input; like upstream's default (not --fail), errors of the reading do not stop here. */
function analyse(input: InputMeta): Analysed {
  const read = readManifestPaths([inputPath(input)]);
  return { read, map: analyzeConnectivity({ objects: read.objects, sources: read.sources }) };
}

const lines = (text: string) => text.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);

const cases = present
  ? readdirSync(root)
      .filter((n) => !n.startsWith("_") && existsSync(join(root, n, "meta.json")))
      .sort()
  : [];

describe.skipIf(!present)("np-guard-diff conformance", () => {
  it("has its cases", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const name of cases) {
    const meta = metaOf(name);
    const reason = skipReason(meta);
    if (reason !== undefined) {
      it.skip(`${name} — ${reason}`, () => {});
      continue;
    }
    if (meta.kind === "good_path") {
      it(name, () => {
        const [old, now] = [analyse(meta.dir1), analyse(meta.dir2)];
        const diff = diffConnectivity(old.map, now.map, { refNames: [meta.options.ref1Name, meta.options.ref2Name] });
        const formats = Object.keys(meta.expected ?? {}).filter((f): f is DiffFormat => f in DIFF_FORMATTERS);
        expect(formats.length).toBeGreaterThan(0);
        for (const format of formats) {
          const expected = readFileSync(join(root, name, meta.expected?.[format]?.file ?? ""), "utf8");
          expect(lines(DIFF_FORMATTERS[format].render(diff)), format).toEqual(lines(expected));
        }
      });
      continue;
    }
    it(name, () => {
      const [old, now] = [analyse(meta.dir1), analyse(meta.dir2)];
      const diff = diffConnectivity(old.map, now.map, { refNames: [meta.options.ref1Name, meta.options.ref2Name] });
      const bySide: Record<Side, Diagnostic[]> = {
        old: [...old.read.diagnostics, ...old.map.diagnostics],
        new: [...now.read.diagnostics, ...now.map.diagnostics],
      };
      for (const d of diff.diagnostics) bySide[d.args.side as Side].push(d);
      if (meta.format !== undefined && !(meta.format in DIFF_FORMATTERS)) {
        // The unknown format: the library refuses it by name.
        let refused: Diagnostic[] = [];
        try {
          diffFormatter(meta.format);
        } catch (e) {
          refused = [...((e as { diagnostics?: Diagnostic[] }).diagnostics ?? [])];
        }
        bySide.old.push(...refused);
      }
      const substrings = meta.error_or_warning_contains ?? [];
      if (substrings.length === 0) {
        // `--fail` and a severe error: nothing is printed. netpol refuses every input with an error.
        expect([...bySide.old, ...bySide.new].some((d) => d.severity === "error")).toBe(true);
        return;
      }
      for (const s of substrings) {
        const meaning = MEANINGS[s];
        expect(meaning, `a meaning for ${JSON.stringify(s)}`).toBeDefined();
        if (!meaning) continue;
        const pool = meaning.side ? bySide[meaning.side] : [...bySide.old, ...bySide.new];
        const hit = pool.find(
          (d) =>
            d.code === meaning.code &&
            d.severity === meaning.severity &&
            (meaning.naming === undefined || JSON.stringify([d.file, d.subject, d.args]).includes(meaning.naming)),
        );
        expect(hit, `${s} → ${meaning.code} (${meaning.severity}) on ${meaning.side ?? "either"} input`).toBeDefined();
      }
    });
  }
});
