// Stand-in for core's manifest reader until @netpol/core exports it: files, directories and stdin → Kubernetes
// objects that remember where they were read.
import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { type Diagnostic, diagnostic } from "@netpol/core";
import { type PathSegment, parseYamlText, positionOf, type SpecSource } from "../spec/source.js";
import { readInput } from "./input.js";

/** One Kubernetes object and where it sits in its file. */
export interface ManifestObject {
  /** The object. */
  readonly value: Record<string, unknown> & { kind: string; apiVersion: string };
  /** Its document. */
  readonly source: SpecSource;
  /** Its path inside the document (`["items", 2]` inside a List). */
  readonly path: readonly PathSegment[];
}

const EXTENSIONS = [".yaml", ".yml", ".json"];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isObject(v: unknown): v is ManifestObject["value"] {
  return isRecord(v) && typeof v.kind === "string" && typeof v.apiVersion === "string";
}

function listFiles(dir: string, skipped: string[]): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith(".")) out.push(...listFiles(full, skipped));
    } else if (EXTENSIONS.includes(extname(e.name).toLowerCase())) out.push(full);
    else skipped.push(full);
  }
  return out;
}

/** Reads every object of the given files and directories (recursively; `-` = stdin), Lists flattened. */
export function readManifests(paths: readonly string[]): { objects: ManifestObject[]; diagnostics: Diagnostic[] } {
  const objects: ManifestObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    const skipped: string[] = [];
    let files = [path];
    try {
      if (path !== "-" && statSync(path).isDirectory()) files = listFiles(path, skipped);
    } catch {
      // readInput below says why the path cannot be read.
    }
    for (const file of skipped)
      diagnostics.push(
        diagnostic({
          severity: "warning",
          code: "not-yaml",
          path: "",
          message: "skipped: not a YAML or JSON file",
          file,
        }),
      );
    for (const file of files) {
      const input = readInput(file);
      if ("diagnostic" in input) {
        diagnostics.push(input.diagnostic);
        continue;
      }
      const parsed = parseYamlText(input.text, file);
      diagnostics.push(...parsed.diagnostics);
      parsed.sources.forEach((source, i) => {
        const value = parsed.values[i];
        const add = (v: unknown, at: PathSegment[]) => {
          if (isObject(v)) objects.push({ value: v, source, path: at });
          else {
            const { line, column } = positionOf(source, at);
            diagnostics.push(
              diagnostic({
                severity: "warning",
                code: "not-a-manifest",
                path: "",
                message: "skipped: not a Kubernetes object (no apiVersion and kind)",
                file,
                line,
                column,
              }),
            );
          }
        };
        if (isObject(value) && value.kind.endsWith("List") && Array.isArray(value.items))
          value.items.forEach((item, j) => add(item, ["items", j]));
        else add(value, []);
      });
    }
  }
  return { objects, diagnostics };
}

/** True for a `networking.k8s.io` NetworkPolicy (other APIs reuse the kind name, e.g. Calico's). */
export function isNetworkPolicyObject(o: ManifestObject): boolean {
  return o.value.kind === "NetworkPolicy" && o.value.apiVersion.startsWith("networking.k8s.io/");
}
