// Named ports toward addresses: a named port resolves against the destination pod's container ports, so the
// addresses of an egress rule's ipBlock peers never match it (netpol-analyzer refuses such a rule outright).
import type { DiagnosticBag } from "../errors.js";
import type { NetworkPolicyManifest } from "../render/types.js";
import type { CompiledPolicy } from "./policies.js";

/** Warns about each named port of an egress rule that has ipBlock peers: it allows nothing toward those addresses. */
export function warnNamedPortsToAddresses(
  policy: CompiledPolicy,
  manifest: NetworkPolicyManifest | undefined,
  bag: DiagnosticBag,
): void {
  for (const rule of policy.egress) {
    if (!rule.peers?.some((p) => p.type === "ipBlock")) continue;
    (manifest?.spec.egress?.[rule.index]?.ports ?? []).forEach((p, j) => {
      if (typeof p.port === "string")
        bag.warn("named-port-ip-block", ["spec", "egress", rule.index, "ports", j, "port"], { port: p.port });
    });
  }
}
