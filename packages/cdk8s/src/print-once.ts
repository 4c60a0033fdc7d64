// Printing at synthesis: cdk8s has no warnings of its own, and validates the whole app again for each chart it
// synthesizes, so lines are printed on stderr when the app is validated, each once.
import type { IConstruct } from "constructs";

/** Adds a validation to `scope` that prints the lines `lines()` gives, each once however often cdk8s validates. */
export function printAtSynthesis(scope: IConstruct, lines: () => readonly string[]): void {
  const printed = new Set<string>();
  scope.node.addValidation({
    validate: () => {
      for (const line of lines()) {
        if (!printed.has(line)) process.stderr.write(`${line}\n`);
        printed.add(line);
      }
      return [];
    },
  });
}
