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

/** The checks, in the order they run. */
export const LINT_CHECKS: readonly LintCheck[] = [
  { id: "pod-unselected", severity: "warning", title: "pods selected by no policy", run: podUnselected },
  {
    id: "namespace-no-default-deny",
    severity: "warning",
    title: "namespaces without a default deny",
    run: namespaceNoDefaultDeny,
  },
  {
    id: "policy-selects-nothing",
    severity: "warning",
    title: "a policy that selects no pod",
    run: policySelectsNothing,
  },
  { id: "peer-matches-nothing", severity: "warning", title: "a peer that matches no pod", run: peerMatchesNothing },
  { id: "ignored-rules", severity: "error", title: "rules of a direction policyTypes leaves out", run: ignoredRules },
  {
    id: "egress-empty-without-type",
    severity: "error",
    title: "egress: [] without Egress in policyTypes",
    run: egressEmptyWithoutType,
  },
  { id: "dns-blocked", severity: "error", title: "DNS blocked under default-deny egress", run: dnsBlocked },
  {
    id: "named-port-undefined",
    severity: "warning",
    title: "a named port the destination does not define",
    run: namedPortUndefined,
  },
  { id: "port-unserved", severity: "warning", title: "a port the destination does not listen on", run: portUnserved },
  { id: "named-port-ip-block", severity: "warning", title: "a named port toward an ipBlock", run: namedPortIpBlock },
  { id: "end-port-cni", severity: "info", title: "endPort, which needs network plugin support", run: endPortCni },
  {
    id: "peers-and-or",
    severity: "warning",
    title: "namespace and pods as two peers (OR) beside one (AND)",
    run: peersAndOr,
  },
  { id: "ip-block-pod-ips", severity: "warning", title: "an ipBlock covering pod IPs", run: ipBlockPodIps },
  { id: "except-overlap", severity: "warning", title: "overlapping except ranges", run: exceptOverlap },
  { id: "duplicate-port-name", severity: "warning", title: "a container port name used twice", run: duplicatePortName },
  { id: "rule-subsumed", severity: "info", title: "a rule another rule covers", run: ruleSubsumed },
  { id: "identical-policies", severity: "warning", title: "policies with the same spec", run: identicalPolicies },
];
