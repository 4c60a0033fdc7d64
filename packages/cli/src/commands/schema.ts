// `netpol schema`: the JSON Schema of spec files, for editors (`# yaml-language-server: $schema=…`).
import { writeOutput } from "../io/output.js";
import { schemaText } from "../spec/schema.js";

/** Runs `netpol schema`. */
export function schema(options: { readonly output?: string }): void {
  writeOutput(schemaText(), options.output);
}
