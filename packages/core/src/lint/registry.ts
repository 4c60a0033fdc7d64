// Every lint check, in the order they run: its id, severity, what it looks for, and the function that looks.
import type { Diagnostic } from "../errors.js";
import { dnsBlocked } from "./checks/dns.js";
import { exceptOverlap, ipBlockPodIps, peersAndOr } from "./checks/peers.js";
import { egressEmptyWithoutType, ignoredRules } from "./checks/policy-types.js";
import { duplicatePortName, endPortCni, namedPortIpBlock, namedPortUndefined, portUnserved } from "./checks/ports.js";
import { identicalPolicies, ruleSubsumed } from "./checks/redundancy.js";
import { namespaceNoDefaultDeny, peerMatchesNothing, podUnselected, policySelectsNothing } from "./checks/selection.js";
import type { LintContext } from "./context.js";
import type { LintCheckInfo } from "./types.js";

/** A check with the function that runs it: positioned diagnostics whose code is the check's id. */
export interface LintCheck extends LintCheckInfo {
  readonly run: (ctx: LintContext) => Diagnostic[];
}

const check = (
  id: LintCheck["id"],
  severity: LintCheck["severity"],
  title: string,
  run: LintCheck["run"],
): LintCheck => ({ id, severity, title, run });

/** The checks, in the order they run. */
export const LINT_CHECKS: readonly LintCheck[] = [
  check("pod-unselected", "warning", "pods selected by no policy", podUnselected),
  check("namespace-no-default-deny", "warning", "namespaces without a default deny", namespaceNoDefaultDeny),
  check("policy-selects-nothing", "warning", "a policy that selects no pod", policySelectsNothing),
  check("peer-matches-nothing", "warning", "a peer that matches no pod", peerMatchesNothing),
  check("ignored-rules", "error", "rules of a direction policyTypes leaves out", ignoredRules),
  check("egress-empty-without-type", "error", "egress: [] without Egress in policyTypes", egressEmptyWithoutType),
  check("dns-blocked", "error", "DNS blocked under default-deny egress", dnsBlocked),
  check("named-port-undefined", "warning", "a named port the destination does not define", namedPortUndefined),
  check("port-unserved", "warning", "a port the destination does not listen on", portUnserved),
  check("named-port-ipblock", "warning", "a named port toward an ipBlock", namedPortIpBlock),
  check("end-port-cni", "info", "endPort, which needs network plugin support", endPortCni),
  check("peers-and-or", "warning", "namespace and pods as two peers (OR) beside one (AND)", peersAndOr),
  check("ip-block-pod-ips", "warning", "an ipBlock covering pod IPs", ipBlockPodIps),
  check("except-overlap", "warning", "overlapping except ranges", exceptOverlap),
  check("duplicate-port-name", "warning", "a container port name used twice", duplicatePortName),
  check("rule-subsumed", "info", "a rule another rule covers", ruleSubsumed),
  check("identical-policies", "warning", "policies with the same spec", identicalPolicies),
];
