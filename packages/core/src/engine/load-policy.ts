// Turning a NetworkPolicy object into the typed manifest, with the strict validator's diagnostics.
import { type Diagnostic, diagnostic } from "../errors.js";
import { parseNetworkPolicyManifest } from "../manifests/network-policy.js";
import type { NetworkPolicyManifest } from "../render/types.js";

function structurallyUsable(value: unknown): value is NetworkPolicyManifest {
  const v = value as { metadata?: { name?: unknown }; spec?: unknown };
  return typeof v?.metadata?.name === "string" && typeof v.spec === "object" && v.spec !== null;
}

/**
 * Validates a policy strictly and reports every diagnostic. A policy the API server would reject is still
 * analyzed when its shape allows (the errors are reported, and callers decide whether they stop output).
 */
export function loadPolicy(value: unknown): { policy?: NetworkPolicyManifest; diagnostics: Diagnostic[] } {
  const parsed = parseNetworkPolicyManifest(value);
  if (parsed.policy) return { policy: parsed.policy, diagnostics: parsed.diagnostics };
  if (structurallyUsable(value)) return { policy: value, diagnostics: parsed.diagnostics };
  const message = "NetworkPolicy without metadata.name or spec; ignored";
  return { diagnostics: [...parsed.diagnostics, diagnostic({ code: "policy-shape", path: "", message })] };
}
