// The precedence of reasons per port (netpol-analyzer's): first matching rule within a policy, collected across policies.
import { describe, expect, it } from "vitest";
import {
  ALL_CONNECTIONS,
  formatConnectionSet,
  NO_CONNECTIONS,
  portSet,
  protocolSet,
  union,
} from "../../src/engine/connection-set.js";
import {
  directionVerdicts,
  intersectVerdicts,
  onlyDefault,
  type PortVerdict,
  pairGroups,
  policyVerdicts,
  type Reason,
} from "../../src/engine/verdicts.js";

/** Verdicts as `ports: allowed|denied kind:policy#rule …`, sorted, for short expectations. */
const show = (list: readonly PortVerdict[]) =>
  list
    .map((v) => {
      const reasons = v.reasons.map((r: Reason) =>
        "policy" in r ? `${r.kind}:${r.policy}${"rule" in r ? `#${r.rule}` : ""}` : r.kind,
      );
      return `${formatConnectionSet(v.conn)}: ${v.allowed ? "allowed" : "denied"} ${reasons.sort().join(" ")}`;
    })
    .sort();

describe("policyVerdicts", () => {
  it("names the policy alone when it has no rules, or none matches the other side", () => {
    expect(show(policyVerdicts("ns/p", false, []))).toEqual(["All Connections: denied no-rules:ns/p"]);
    expect(show(policyVerdicts("ns/p", true, []))).toEqual(["All Connections: denied no-rule-selects:ns/p"]);
  });

  it("gives each port to the first rule allowing it, and the rest to the first matching rule", () => {
    const rules = [
      { rule: 0, conn: portSet("TCP", 80) },
      { rule: 1, conn: union(portSet("TCP", 80, 81), protocolSet("UDP")) },
    ];
    expect(show(policyVerdicts("ns/p", true, rules))).toEqual([
      "SCTP 1-65535,TCP 1-79,82-65535: denied ports-mismatch:ns/p#0",
      "TCP 80: allowed rule-allows:ns/p#0",
      "TCP 81,UDP 1-65535: allowed rule-allows:ns/p#1",
    ]);
  });

  it("says the named ports did not resolve only when the first matching rule allows nothing", () => {
    const named = { rule: 0, conn: NO_CONNECTIONS };
    const numeric = { rule: 1, conn: portSet("TCP", 80) };
    expect(show(policyVerdicts("ns/p", true, [named, numeric]))).toContain(
      "SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535: denied named-ports-unmatched:ns/p#0",
    );
    expect(
      show(
        policyVerdicts("ns/p", true, [
          { ...numeric, rule: 0 },
          { ...named, rule: 1 },
        ]),
      ),
    ).toContain("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535: denied ports-mismatch:ns/p#0");
  });
});

describe("directionVerdicts", () => {
  it("allows by default when no policy isolates the side", () => {
    expect(show(directionVerdicts([]))).toEqual(["All Connections: allowed default"]);
  });

  it("explains allowed ports by the policies allowing them, denied ports by every policy", () => {
    const list = directionVerdicts([
      { policy: "ns/a", hasRules: true, rules: [{ rule: 0, conn: portSet("TCP", 80) }] },
      { policy: "ns/b", hasRules: false, rules: [] },
      { policy: "ns/c", hasRules: true, rules: [{ rule: 2, conn: portSet("TCP", 80, 90) }] },
    ]);
    expect(show(list)).toEqual([
      "SCTP 1-65535,TCP 1-79,91-65535,UDP 1-65535: denied no-rules:ns/b ports-mismatch:ns/a#0 ports-mismatch:ns/c#2",
      "TCP 80: allowed rule-allows:ns/a#0 rule-allows:ns/c#2",
      "TCP 81-90: allowed rule-allows:ns/c#2",
    ]);
  });
});

describe("intersectVerdicts", () => {
  it("allows where both allow and keeps the reasons of both", () => {
    const route: PortVerdict[] = [
      {
        conn: portSet("TCP", 8080),
        allowed: true,
        reasons: [{ kind: "ingress-object", object: "Route", name: "ns/r", service: "s", allows: true }],
      },
    ];
    const out = intersectVerdicts(route, directionVerdicts([]));
    expect(out).toHaveLength(1);
    expect(out[0]?.allowed).toBe(true);
    expect(out[0]?.reasons.map((r) => r.kind).sort()).toEqual(["default", "ingress-object"]);
  });
});

describe("pairGroups", () => {
  it("splits the ports of a pair by both directions' verdicts", () => {
    const egress = directionVerdicts([]);
    const ingress = directionVerdicts([
      { policy: "ns/a", hasRules: true, rules: [{ rule: 0, conn: portSet("TCP", 80) }] },
    ]);
    const groups = pairGroups(egress, ingress, portSet("TCP", 80));
    expect(groups.map((g) => [g.allowed, formatConnectionSet(g.conn)])).toEqual([
      [false, "SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535"],
      [true, "TCP 80"],
    ]);
    expect(onlyDefault(groups)).toBe(false);
    expect(onlyDefault(pairGroups(egress, egress, ALL_CONNECTIONS))).toBe(true);
  });
});
