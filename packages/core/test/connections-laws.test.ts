// Laws of connections on random workloads: default ports are the destination's container ports (so passing
// them explicitly changes nothing), and allowFrom writes the same policies as allowTo the other way.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allowFrom,
  allowTo,
  type NetworkPolicy,
  NetworkPolicyPort,
  PodConnectionsIsolation,
  Workload,
} from "../src/index.js";

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}[a-z0-9]$/);
const namespace = fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined });
const labels = fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), fc.stringMatching(/^[a-z0-9]{1,4}$/), {
  minKeys: 1,
  maxKeys: 3,
});
const containerPort = fc.record(
  {
    number: fc.integer({ min: 1, max: 65535 }),
    protocol: fc.constantFrom("TCP" as const, "UDP" as const, "SCTP" as const),
    name: fc.stringMatching(/^[a-z]{1,8}$/),
  },
  { requiredKeys: ["number"] },
);
const workload = fc
  .record({
    kind: fc.constantFrom("Deployment", "StatefulSet", "Pod"),
    name,
    namespace,
    labels,
    ports: fc.array(containerPort, { maxLength: 3 }),
  })
  .map(({ namespace: ns, ...w }) => Workload.of({ ...w, ...(ns ? { namespace: ns } : {}) }));
const isolation = fc.constantFrom(undefined, PodConnectionsIsolation.POD, PodConnectionsIsolation.PEER);

/** The policies, or the error message when the connection cannot be written. */
function outcome(f: () => NetworkPolicy[]): unknown {
  try {
    return f().map((p) => p.toManifest());
  } catch (e) {
    return (e as Error).message;
  }
}

const explicitPorts = (w: Workload) =>
  w.ports.length > 0
    ? { ports: w.ports.map((p) => NetworkPolicyPort.of({ port: p.number, protocol: p.protocol ?? "TCP" })) }
    : {};

describe("connection laws", () => {
  it("passing the destination's container ports explicitly writes the same policies", () => {
    fc.assert(
      fc.property(workload, workload, isolation, (a, b, iso) => {
        const opts = iso ? { isolation: iso } : {};
        expect(outcome(() => allowTo(a, b, { ...opts, ...explicitPorts(b) }))).toEqual(
          outcome(() => allowTo(a, b, opts)),
        );
        expect(outcome(() => allowFrom(a, b, { ...opts, ...explicitPorts(a) }))).toEqual(
          outcome(() => allowFrom(a, b, opts)),
        );
      }),
      { numRuns: 500 },
    );
  });

  // A peer without a namespace is read as being in the subject's namespace (as a podSelector without a
  // namespaceSelector is), so the law needs both namespaces known, or both unknown.
  it("allowFrom(b, a) writes what allowTo(a, b) writes", () => {
    fc.assert(
      fc.property(workload, workload, (a, b) => {
        fc.pre((a.namespace === undefined) === (b.namespace === undefined));
        const to = outcome(() => allowTo(a, b));
        const from = outcome(() => allowFrom(b, a));
        if (typeof to === "string") expect(typeof from).toBe("string");
        else
          expect(new Set((from as object[]).map((m) => JSON.stringify(m)))).toEqual(
            new Set((to as object[]).map((m) => JSON.stringify(m))),
          );
      }),
      { numRuns: 500 },
    );
  });
});
