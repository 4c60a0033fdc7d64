// The scenario folders of netpol-analyzer's data (np-guard, np-guard-anp): each meta.json lists the expected outputs
// of one input with the options the reference's test gave. Read here once for every conformance test.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FocusOptions } from "../../src/engine/focus.js";

/** One expected output of a scenario, with the options netpol-analyzer's test gave. */
export interface ScenarioVariant {
  readonly mode: string;
  readonly format: string;
  readonly expected_file: string;
  readonly focusWorkloads?: string[];
  readonly focusWorkloadPeers?: string[];
  readonly focusDirection?: string;
  readonly focusConn?: string;
  readonly explainOnly?: "allow" | "deny";
  readonly multipleNetworks?: boolean;
}

/** A scenario's meta.json. */
export interface ScenarioMeta {
  readonly primary_expected: { readonly txt?: string; readonly json?: string };
  readonly variants: readonly ScenarioVariant[];
}

/** The scenario folders under `root`, sorted. */
export const scenarioNames = (root: string): string[] => readdirSync(root).sort();

/** A scenario's meta.json. */
export const scenarioMeta = (root: string, name: string): ScenarioMeta =>
  JSON.parse(readFileSync(join(root, name, "meta.json"), "utf8")) as ScenarioMeta;

/** A variant's focus options (the reference's names) as core's; empty lists are no focus. */
export function focusOf(v: Omit<Partial<ScenarioVariant>, "mode" | "format" | "expected_file">): FocusOptions {
  return {
    ...(v.focusWorkloads?.length ? { workloads: v.focusWorkloads } : {}),
    ...(v.focusWorkloadPeers?.length ? { workloadPeers: v.focusWorkloadPeers } : {}),
    ...(v.focusDirection ? { direction: v.focusDirection as NonNullable<FocusOptions["direction"]> } : {}),
    ...(v.focusConn ? { conn: v.focusConn } : {}),
  };
}

/** One variant to reproduce: its scenario, its options and its expected text. */
export interface ScenarioCase {
  readonly name: string;
  readonly scenario: string;
  readonly variant: ScenarioVariant;
  readonly expected: string;
}

/** The variants `keep` selects, in every scenario under `root`, with their expected text. */
export function scenarioCases(root: string, keep: (v: ScenarioVariant) => boolean): ScenarioCase[] {
  return scenarioNames(root).flatMap((scenario) =>
    (scenarioMeta(root, scenario).variants ?? []).filter(keep).map((variant) => ({
      name: variant.expected_file,
      scenario,
      variant,
      expected: readFileSync(join(root, scenario, "expected", variant.expected_file), "utf8"),
    })),
  );
}
