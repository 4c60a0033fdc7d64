// Spec files as core's YAML reader reads them, and diagnostics placed at paths of a spec document.
import {
  type Diagnostic,
  type DiagnosticArgs,
  type DiagnosticCode,
  type DiagnosticPath,
  diagnostic,
  restate,
  type Severity,
} from "@netpol/core";
import { nodeAt, positionOf, readYaml, type YamlDocument } from "@netpol/core/manifests";

/** One spec document with what is needed to point at any of its nodes. */
export type SpecSource = YamlDocument;

/** Other names a segment of a core path has in the spec (core says `cidr`, the spec `ipv4`); "" skips it. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  cidr: ["ipv4", "ipv6"],
  ipBlock: [""],
  port: ["tcp", "udp", "sctp"],
  endPort: ["tcp", "udp", "sctp"],
  number: ["tcp", "udp", "sctp"],
  protocol: ["tcp", "udp", "sctp"],
  podSelector: ["pods", ""],
};

/**
 * The spec path of a core path `rest` under the spec node at `base`: each segment as written where the document has
 * it, else under its spec name (see ALIASES); as deep as the document goes.
 */
export function specPath(source: SpecSource, base: DiagnosticPath, rest: DiagnosticPath): DiagnosticPath {
  const out = [...base];
  for (const segment of rest) {
    if (nodeAt(source, [...out, segment]) !== undefined) {
      out.push(segment);
      continue;
    }
    const alias =
      typeof segment === "string"
        ? ALIASES[segment]?.find((a) => a === "" || nodeAt(source, [...out, a]) !== undefined)
        : undefined;
    if (alias === undefined) break;
    if (alias !== "") out.push(alias);
  }
  return out;
}

/** A diagnostic at `path` of a spec document, worded for spec files; `onKey` points at the key, not its value. */
export function specDiagnostic<C extends DiagnosticCode>(
  source: SpecSource,
  path: DiagnosticPath,
  code: C,
  args: DiagnosticArgs<C>,
  options: { severity?: Severity; onKey?: boolean } = {},
): Diagnostic {
  return placed(diagnostic(code, path, args, options.severity), source, options.onKey);
}

/** A diagnostic placed at its path in a spec document, worded for spec files. */
export function placed(d: Diagnostic, source: SpecSource, onKey = false): Diagnostic {
  const { line, column } = positionOf(source, d.path, { onKey });
  return { ...restate(d, "spec"), file: source.file, line, column };
}

/** Reads a spec file's text: every document, and every problem; a file without any document is an error. */
export function readSpecText(text: string, file: string): { sources: SpecSource[]; diagnostics: Diagnostic[] } {
  const { documents, problems } = readYaml(text, file);
  const diagnostics = problems.map((d) => restate(d, "spec"));
  if (documents.length === 0 && diagnostics.every((d) => d.severity !== "error"))
    diagnostics.push({ ...diagnostic("empty-spec", [], {}), file, line: 1, column: 1 });
  return { sources: documents, diagnostics };
}
