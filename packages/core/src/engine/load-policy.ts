// Turning a NetworkPolicy object into the typed manifest, with diagnostics for what cannot be used.
import { type Diagnostic, diagnostic } from "../errors.js";
import type { NetworkPolicyManifest } from "../render/types.js";

/** A minimal structural check: enough shape for the engine not to crash. */
export function loadPolicy(value: unknown): { policy?: NetworkPolicyManifest; diagnostics: Diagnostic[] } {
  const v = value as { metadata?: { name?: unknown }; spec?: unknown };
  if (typeof v?.metadata?.name !== "string" || typeof v.spec !== "object" || v.spec === null) {
    const message = "NetworkPolicy without metadata.name or spec; ignored";
    return { diagnostics: [diagnostic({ code: "policy-shape", path: "", message })] };
  }
  return { policy: value as NetworkPolicyManifest, diagnostics: [] };
}
