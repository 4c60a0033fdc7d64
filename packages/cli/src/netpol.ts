// The `netpol` binary: parses the command line, runs one command, turns every failure into an exit code.
import { isNetpolError } from "@netpol/core";
import { DEFAULT_EXPLAIN_LIMIT, type DiffFormat, type OutputFormat } from "@netpol/core/analysis";
import { Command, CommanderError, Option } from "commander";
import pkg from "../package.json" with { type: "json" };
import { CHECK_FORMATS, check } from "./commands/check.js";
import { DEFAULT_REF_NAMES, DIFF_FORMATS, diff } from "./commands/diff.js";
import { EXPLAIN_ONLY } from "./commands/explain-options.js";
import { generate } from "./commands/generate.js";
import { importManifests } from "./commands/import.js";
import { MAP_FORMATS, map } from "./commands/map.js";
import { report } from "./commands/report.js";
import { schema } from "./commands/schema.js";
import { ExitCode, Findings, printDiagnostics } from "./diagnostics.js";
import { BrokenPipe, writeStdout } from "./io/output.js";

/** Collects a repeatable option of comma-separated names. */
const names = (value: string, previous: string[]): string[] => [...previous, ...value.split(",")];

const examples = (lines: readonly string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;

/** Builds the command-line program; commands throw, `main` decides the exit code. */
export function buildProgram(): Command {
  const program = new Command("netpol")
    .description("Generate, import and check Kubernetes NetworkPolicy from a short, typed spec.")
    .version(pkg.version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    // Help and version go through the same checked write as results (before commands are added: they copy it).
    .configureOutput({ writeOut: writeStdout })
    .showHelpAfterError("(add --help for usage)")
    .addHelpText(
      "after",
      `${examples([
        "netpol generate shop.netpol.yaml",
        "netpol import k8s/ -o shop.netpol.yaml",
        "netpol schema -o netpol-spec.schema.json",
        "netpol map k8s/ -o md",
        "netpol diff --git origin/main:k8s -o md",
        "netpol report k8s/ -o report.html",
        "netpol check k8s/",
      ])}\nExit codes: 0 ok, 1 findings, 2 bad input or usage.\n`,
    );

  program
    .command("generate")
    .description("write the NetworkPolicy YAML of spec files (YAML or JSON; - reads stdin)")
    .argument("<spec...>", "spec files")
    .option(
      "-o, --output <path>",
      "write to this file, or one file per policy into this directory (existing or ending in /)",
    )
    .addHelpText(
      "after",
      examples([
        "netpol generate shop.netpol.yaml",
        "netpol generate shop.netpol.yaml -o policies.yaml",
        "netpol generate shop.netpol.yaml -o out/       # out/<namespace>.<name>.yaml",
        "cat shop.netpol.json | netpol generate -",
      ]),
    )
    .action((specs: string[], opts: { output?: string }) => {
      generate(specs, opts.output !== undefined ? { output: opts.output } : {});
    });

  program
    .command("import")
    .description(
      "write a spec equivalent to the NetworkPolicies in existing manifests (files, directories, - for stdin)",
    )
    .argument("<manifest...>", "manifest files or directories (YAML, JSON, multi-document, List kinds)")
    .option("-o, --output <file>", "write the spec to this file instead of stdout")
    .option("-v, --verbose", "say which files and objects were skipped")
    .addHelpText(
      "after",
      examples([
        "netpol import k8s/",
        "netpol import policies.yaml -o shop.netpol.yaml",
        "kubectl get networkpolicies -A -o yaml | netpol import -",
      ]),
    )
    .action((manifests: string[], opts: { output?: string; verbose?: boolean }) => {
      importManifests(manifests, {
        ...(opts.output !== undefined ? { output: opts.output } : {}),
        verbose: opts.verbose === true,
      });
    });

  program
    .command("schema")
    .description("print the JSON Schema of spec files, for editors")
    .option("-o, --output <file>", "write it to this file instead of stdout")
    .addHelpText(
      "after",
      `${examples(["netpol schema -o netpol-spec.schema.json"])}
Then start a spec file with:
  # yaml-language-server: $schema=./netpol-spec.schema.json
`,
    )
    .action((opts: { output?: string }) => {
      schema(opts.output !== undefined ? { output: opts.output } : {});
    });

  program
    .command("map")
    .description("list the connections NetworkPolicies allow between the workloads of manifests")
    .argument(
      "<path...>",
      "manifest files or directories (workloads, Pods, Namespaces, NetworkPolicies, Services, Ingresses, Routes; - for stdin)",
    )
    .addOption(new Option("-o, --output <format>", "output format").choices(MAP_FORMATS).default("txt"))
    .option(
      "--focus-workload <names>",
      "only connections from or to these workloads (name, namespace/name, namespace/name[Kind] or ingress-controller; comma-separated, repeatable)",
      names,
      [] as string[],
    )
    .option(
      "--focus-workload-peer <names>",
      "with --focus-workload: only connections whose other end is one of these (same names; comma-separated, repeatable)",
      names,
      [] as string[],
    )
    .option(
      "--focus-direction <direction>",
      "with --focus-workload: only connections into them (ingress) or out of them (egress)",
    )
    .option(
      "--focus-conn <protocol-port>",
      "only connections allowing this protocol and port, e.g. tcp-8080; each shows just that (with --explain: every pair explained on that port)",
    )
    .option(
      "--no-pod-ip-match",
      "match no pod by IP in ipBlocks, as roxctl netpol does (default: pods with known IPs are matched)",
    )
    .option("--explain", "say which policies and rules allow or deny each pair")
    .option("--exposure", "also say what pods not in the input could reach each workload, and what it could reach")
    // Explanations only (the focus options above narrow explanations too).
    .addOption(
      new Option("--explain-only <which>", "with --explain: only pairs that may connect, or may not").choices(
        EXPLAIN_ONLY,
      ),
    )
    .addHelpText(
      "after",
      examples([
        "netpol map k8s/",
        "netpol map k8s/ -o json",
        "netpol map k8s/ --focus-workload shop/api",
        "netpol map k8s/ --focus-workload shop/api,shop/web --focus-direction ingress --focus-conn tcp-8080",
        "netpol map k8s/ --focus-workload ingress-controller",
        "netpol map k8s/ --explain",
        "netpol map k8s/ --exposure",
        "netpol map k8s/ --explain --explain-only deny --focus-conn udp-53",
      ]),
    )
    .action(
      (
        paths: string[],
        opts: {
          output: OutputFormat;
          focusWorkload: string[];
          focusWorkloadPeer: string[];
          focusDirection?: string;
          focusConn?: string;
          podIpMatch: boolean;
          explain?: boolean;
          exposure?: boolean;
          explainOnly?: (typeof EXPLAIN_ONLY)[number];
        },
      ) => {
        map(paths, {
          format: opts.output,
          focusWorkloads: opts.focusWorkload,
          focusWorkloadPeers: opts.focusWorkloadPeer,
          ...(opts.focusDirection === undefined ? {} : { focusDirection: opts.focusDirection }),
          ...(opts.focusConn === undefined ? {} : { focusConn: opts.focusConn }),
          podIpMatch: opts.podIpMatch,
          explain: opts.explain === true,
          exposure: opts.exposure === true,
          ...(opts.explainOnly === undefined ? {} : { explainOnly: opts.explainOnly }),
        });
      },
    );

  // netpol diff (issue 18).
  program
    .command("diff")
    .description("list the connections that changed, were added or were removed between two inputs")
    .argument("[old]", "the old input: a manifest file or directory, or a spec file (- for stdin)")
    .argument("[new]", "the new input, likewise")
    .addOption(new Option("-o, --output <format>", "output format").choices(DIFF_FORMATS).default("txt"))
    .option("--ref-names <old,new>", "the names of the two inputs in the output", DEFAULT_REF_NAMES)
    .option("-f, --file <path>", "write the diff to this file instead of stdout")
    .option(
      "--git <rev[:path]>",
      "compare PATH (default: the current directory) at a git revision with the working tree",
    )
    .option("--exit-code", "exit with 1 when connectivity differs, as git diff --exit-code (default: 0 either way)")
    .addHelpText(
      "after",
      `${examples([
        "netpol diff old/ new/",
        "netpol diff k8s/ shop.netpol.yaml -o md",
        "netpol diff --git origin/main:k8s -o md --ref-names main,pr",
        "netpol diff --git HEAD~1 --exit-code",
      ])}\nExit codes: 0 the diff was printed (empty when nothing differs); 1 with --exit-code, when something differs;\n2 bad input or usage.\n`,
    )
    .action(
      (
        old: string | undefined,
        now: string | undefined,
        opts: { output: DiffFormat; refNames: string; file?: string; git?: string; exitCode?: boolean },
      ) => {
        const paths = [old, now].filter((p): p is string => p !== undefined);
        const differs = diff(paths, {
          format: opts.output,
          refNames: opts.refNames,
          ...(opts.file !== undefined ? { file: opts.file } : {}),
          ...(opts.git !== undefined ? { git: opts.git } : {}),
        });
        if (differs && opts.exitCode) throw new Findings();
      },
    );
  // End of netpol diff.

  // netpol report (issue 11).
  program
    .command("report")
    .description(
      "write one self-contained HTML page of the connectivity: matrix, graph, explanations, filters, changes",
    )
    .argument("<path...>", "manifest files or directories, or spec files, as netpol map reads them (- for stdin)")
    .requiredOption("-o, --output <file>", "the HTML file to write (- for stdout)")
    .option("--diff <old>", "mark what changed against this old input (a manifest file or directory, or a spec file)")
    .option(
      "--explain-limit <pairs>",
      `explain at most this many pairs (default ${DEFAULT_EXPLAIN_LIMIT}; every pair when all fit, else those with connections)`,
    )
    .option(
      "--no-pod-ip-match",
      "match no pod by IP in ipBlocks, as roxctl netpol does (default: pods with known IPs are matched)",
    )
    .addHelpText(
      "after",
      examples([
        "netpol report k8s/ -o report.html",
        "netpol report shop.netpol.yaml -o shop.html",
        "netpol report k8s/ --diff old-k8s/ -o changes.html",
        "netpol report big-cluster/ --explain-limit 10000 -o report.html",
      ]),
    )
    .action((paths: string[], opts: { output: string; diff?: string; explainLimit?: string; podIpMatch: boolean }) => {
      report(paths, {
        output: opts.output,
        podIpMatch: opts.podIpMatch,
        ...(opts.diff === undefined ? {} : { diff: opts.diff }),
        ...(opts.explainLimit === undefined ? {} : { explainLimit: opts.explainLimit }),
      });
    });
  // End of netpol report.

  // netpol check (issue 10).
  program
    .command("check")
    .description("check the expectations (expect:) of spec files against the connectivity of the inputs")
    .argument("<path...>", "spec files with expect:, and the manifest files or directories they speak of (- for stdin)")
    .addOption(new Option("-o, --output <format>", "output format").choices(CHECK_FORMATS).default("txt"))
    .option(
      "--no-pod-ip-match",
      "match no pod by IP in ipBlocks, as roxctl netpol does (default: pods with known IPs are matched)",
    )
    .addHelpText(
      "after",
      `${examples([
        "netpol check shop.netpol.yaml",
        "netpol check k8s/                  # manifests, and the spec files among them that have expect:",
        "netpol check k8s/ expect.netpol.yaml -o json",
      ])}\nExit codes: 0 every expectation holds; 1 some fail (each printed with its explanation); 2 bad input or usage.\n`,
    )
    .action((paths: string[], opts: { output: (typeof CHECK_FORMATS)[number]; podIpMatch: boolean }) => {
      if (!check(paths, { format: opts.output, podIpMatch: opts.podIpMatch })) throw new Findings();
    });
  // End of netpol check.

  return program;
}

/** Runs the program on `argv` and returns the exit code; prints problems, never a stack trace. */
export function main(argv: readonly string[]): number {
  try {
    buildProgram().parse(argv, { from: "user" });
    return ExitCode.OK;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? ExitCode.OK : ExitCode.INPUT;
    if (e instanceof Findings) return ExitCode.FINDINGS;
    // A closed pipe (`netpol generate … | head`) is not an error.
    if (e instanceof BrokenPipe) return ExitCode.OK;
    if (isNetpolError(e)) {
      printDiagnostics(e.diagnostics);
      return ExitCode.INPUT;
    }
    const detail = process.env.NETPOL_DEBUG ? (e as Error).stack : (e as Error).message;
    process.stderr.write(`netpol: internal error: ${detail}\n(set NETPOL_DEBUG=1 for details, and please report it)\n`);
    return ExitCode.INTERNAL;
  }
}

// Stdout is written with write(2), never through process.stdout: touching that makes a pipe non-blocking for every
// process sharing it. A broken stderr has no one left to tell: its errors are dropped, the exit code still speaks.
process.stderr.on("error", () => {});
process.exitCode = main(process.argv.slice(2));
