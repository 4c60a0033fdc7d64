// Reading the files named on the command line; `-` is stdin, read once however often it is named.
import { readFileSync } from "node:fs";
import { type Diagnostic, diagnostic } from "@netpol/core";

let stdinText: string | undefined;

/** The whole of stdin, read on first use. */
export function readStdin(): string {
  stdinText ??= readFileSync(0, "utf8");
  return stdinText;
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return (e as Error).message;
}

/** The text of one input (`-` = stdin), or a diagnostic saying why it cannot be read. */
export function readInput(name: string): { text: string } | { diagnostic: Diagnostic } {
  try {
    return { text: name === "-" ? readStdin() : readFileSync(name, "utf8") };
  } catch (e) {
    return {
      diagnostic: diagnostic({
        code: "file-unreadable",
        path: "",
        message: `cannot read${name === "-" ? " stdin" : ""}: ${reason(e)}`,
        expected: "a readable YAML or JSON file",
        file: name,
      }),
    };
  }
}
