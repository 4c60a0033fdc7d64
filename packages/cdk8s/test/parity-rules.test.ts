// Parity with cdk8s-plus-33 for ports, defaults combined with rules, connections (isolation POD, PEER and both,
// allowTo and allowFrom, same and cross namespace, every workload kind), isolate() and chart namespaces.
import * as np from "@netpol/cdk8s";
import { type Chart, Cron } from "cdk8s";
import * as kplus from "cdk8s-plus-33";
import { describe, expect, it } from "vitest";
import { both } from "./harness.js";

const pod = (c: Chart, id: string, portNumber?: number, namespace?: string) =>
  new kplus.Pod(c, id, {
    containers: [{ image: id.toLowerCase(), ...(portNumber ? { portNumber } : {}) }],
    ...(namespace ? { metadata: { namespace } } : {}),
  });

describe("every port kind", () => {
  const cases: { name: string; plus: () => kplus.NetworkPolicyPort; ours: () => np.NetworkPolicyPort }[] = [
    { name: "tcp", plus: () => kplus.NetworkPolicyPort.tcp(80), ours: () => np.NetworkPolicyPort.tcp(80) },
    { name: "udp", plus: () => kplus.NetworkPolicyPort.udp(53), ours: () => np.NetworkPolicyPort.udp(53) },
    {
      name: "tcpRange",
      plus: () => kplus.NetworkPolicyPort.tcpRange(8000, 8080),
      ours: () => np.NetworkPolicyPort.tcpRange(8000, 8080),
    },
    {
      name: "udpRange",
      plus: () => kplus.NetworkPolicyPort.udpRange(30000, 32767),
      ours: () => np.NetworkPolicyPort.udpRange(30000, 32767),
    },
    {
      name: "of({ port }) (cdk8s-plus omits the protocol, we write TCP)",
      plus: () => kplus.NetworkPolicyPort.of({ port: 9090 }),
      ours: () => np.NetworkPolicyPort.of({ port: 9090 }),
    },
    {
      name: "of({ port, endPort, protocol: SCTP })",
      plus: () => kplus.NetworkPolicyPort.of({ port: 3868, endPort: 3870, protocol: kplus.NetworkProtocol.SCTP }),
      ours: () => np.NetworkPolicyPort.of({ port: 3868, endPort: 3870, protocol: np.NetworkProtocol.SCTP }),
    },
  ];
  for (const p of cases) {
    it(p.name, () => {
      const r = both(
        (c) => pod(c, "Web"),
        (c, web) => {
          new kplus.NetworkPolicy(c, "Policy", { selector: web }).addIngressRule(
            kplus.Pods.select(c, "Lb", { labels: { app: "lb" } }),
            [p.plus(), kplus.NetworkPolicyPort.tcp(443)],
          );
        },
        (c, web) => {
          new np.NetworkPolicy(c, "Policy", { selector: web }).addIngressRule(
            np.Pods.select(c, "Lb", { labels: { app: "lb" } }),
            [p.ours(), np.NetworkPolicyPort.tcp(443)],
          );
        },
      );
      expect(r.ours).toEqual(r.plus);
      expect(r.ours[0]?.ingress).toHaveLength(2);
    });
  }
});

describe("defaults with rules", () => {
  for (const mode of ["DENY", "ALLOW"] as const) {
    it(`${mode} in both directions, plus rules in both`, () => {
      const r = both(
        (c) => ({ web: pod(c, "Web"), db: pod(c, "Db", 5432) }),
        (c, { web, db }) =>
          new kplus.NetworkPolicy(c, "Policy", {
            selector: web,
            ingress: { default: kplus.NetworkPolicyTrafficDefault[mode], rules: [{ peer: db }] },
            egress: {
              default: kplus.NetworkPolicyTrafficDefault[mode],
              rules: [{ peer: db, ports: [kplus.NetworkPolicyPort.tcp(5432)] }],
            },
          }),
        (c, { web, db }) =>
          new np.NetworkPolicy(c, "Policy", {
            selector: web,
            ingress: { default: np.NetworkPolicyTrafficDefault[mode], rules: [{ peer: db }] },
            egress: {
              default: np.NetworkPolicyTrafficDefault[mode],
              rules: [{ peer: db, ports: [np.NetworkPolicyPort.tcp(5432)] }],
            },
          }),
      );
      expect(r.ours).toEqual(r.plus);
      expect(r.ours[0]?.policyTypes).toEqual(["Egress", "Ingress"]);
      // ALLOW absorbs every rule (one `* | *` atom); DENY keeps them.
      expect(r.ours[0]?.egress).toHaveLength(1);
    });
  }

  it("default in one direction, rules added later in the other (rules added after construction count)", () => {
    const r = both(
      (c) => ({ web: pod(c, "Web"), db: pod(c, "Db", 5432) }),
      (c, { web, db }) =>
        new kplus.NetworkPolicy(c, "Policy", {
          selector: web,
          ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
        }).addEgressRule(db, [kplus.NetworkPolicyPort.tcp(5432)]),
      (c, { web, db }) =>
        new np.NetworkPolicy(c, "Policy", {
          selector: web,
          ingress: { default: np.NetworkPolicyTrafficDefault.DENY },
        }).addEgressRule(db, [np.NetworkPolicyPort.tcp(5432)]),
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours[0]?.policyTypes).toEqual(["Egress", "Ingress"]);
  });
});

describe("connections: isolation, direction, namespaces, workload kinds", () => {
  const isolations = [undefined, "POD", "PEER"] as const;
  const placements = [
    { name: "same namespace", web: "shop", peer: "shop" },
    { name: "cross namespace", web: "web", peer: "data" },
    { name: "no namespace on either side", web: undefined, peer: undefined },
  ];
  for (const iso of isolations) {
    for (const where of placements) {
      for (const way of ["allowTo", "allowFrom"] as const) {
        it(`${way}, isolation ${iso ?? "both"}, ${where.name}`, () => {
          const setup = (c: Chart) => ({
            web: new kplus.Deployment(c, "Web", {
              containers: [{ image: "web", portNumber: 8080 }],
              ...(where.web ? { metadata: { namespace: where.web } } : {}),
            }),
            db: new kplus.StatefulSet(c, "Db", {
              containers: [{ image: "db", portNumber: 5432 }],
              ...(where.peer ? { metadata: { namespace: where.peer } } : {}),
            }),
          });
          const r = both(
            setup,
            (_c, { web, db }) => web.connections[way](db, iso ? { isolation: kplus.PodConnectionsIsolation[iso] } : {}),
            (_c, { web, db }) =>
              np.connections(web)[way](db, iso ? { isolation: np.PodConnectionsIsolation[iso] } : {}),
          );
          expect(r.ours).toEqual(r.plus);
          expect(r.ours).toHaveLength(iso ? 1 : 2);
          // Default ports: the destination's container ports.
          const destinationPort = way === "allowTo" ? "TCP 5432" : "TCP 8080";
          for (const m of r.ours)
            expect([...m.ingress, ...m.egress].every((a) => a.endsWith(destinationPort))).toBe(true);
        });
      }
    }
  }

  it("explicit ports override the container ports", () => {
    const r = both(
      (c) => ({ web: pod(c, "Web", undefined, "a"), db: pod(c, "Db", 5432, "b") }),
      (_c, { web, db }) => web.connections.allowTo(db, { ports: [kplus.NetworkPolicyPort.tcpRange(5432, 5434)] }),
      (_c, { web, db }) => np.connections(web).allowTo(db, { ports: [np.NetworkPolicyPort.tcpRange(5432, 5434)] }),
    );
    expect(r.ours).toEqual(r.plus);
  });

  it("every workload kind as the subject, peers of every kind", () => {
    const r = both(
      (c) => {
        const meta = { metadata: { namespace: "apps" } };
        return {
          ds: new kplus.DaemonSet(c, "Agent", { containers: [{ image: "a", portNumber: 9100 }], ...meta }),
          job: new kplus.Job(c, "Migrate", { containers: [{ image: "m" }], ...meta }),
          cron: new kplus.CronJob(c, "Backup", { containers: [{ image: "b" }], schedule: Cron.daily(), ...meta }),
          sts: new kplus.StatefulSet(c, "Db", { containers: [{ image: "d", portNumber: 5432 }], ...meta }),
        };
      },
      (c, w) => {
        w.job.connections.allowTo(w.sts);
        w.cron.connections.allowTo(w.sts, { isolation: kplus.PodConnectionsIsolation.POD });
        w.ds.connections.allowFrom(kplus.Pods.select(c, "Prom", { labels: { app: "prometheus" } }));
        w.sts.connections.allowTo(kplus.NetworkPolicyIpBlock.ipv4(c, "Backups", "192.0.2.0/24"));
        w.cron.connections.allowTo(kplus.Namespaces.select(c, "Storage", { names: ["s1", "s2"] }), {
          ports: [kplus.NetworkPolicyPort.tcp(9000)],
        });
      },
      (c, w) => {
        np.connections(w.job).allowTo(w.sts);
        np.connections(w.cron).allowTo(w.sts, { isolation: np.PodConnectionsIsolation.POD });
        np.connections(w.ds).allowFrom(np.Pods.select(c, "Prom", { labels: { app: "prometheus" } }));
        np.connections(w.sts).allowTo(np.NetworkPolicyIpBlock.ipv4("192.0.2.0/24"));
        np.connections(w.cron).allowTo(np.Namespaces.select(c, "Storage", { names: ["s1", "s2"] }), {
          ports: [np.NetworkPolicyPort.tcp(9000)],
        });
      },
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours).toHaveLength(7);
  });

  it("cdk8s-plus peers passed to our connections()", () => {
    const r = both(
      (c) => ({ web: pod(c, "Web", undefined, "web") }),
      (c, { web }) => {
        web.connections.allowTo(
          kplus.Pods.select(c, "Api", {
            labels: { app: "api" },
            namespaces: kplus.Namespaces.select(c, "Ns", { names: ["api"] }),
          }),
        );
        web.connections.allowTo(new kplus.Namespace(c, "Team", { metadata: { name: "team" } }), {
          isolation: kplus.PodConnectionsIsolation.POD,
        });
        web.connections.allowTo(kplus.NetworkPolicyIpBlock.anyIpv4(c, "Internet"), {
          ports: [kplus.NetworkPolicyPort.tcp(443)],
        });
      },
      (c, { web }) => {
        np.connections(web).allowTo(
          kplus.Pods.select(c, "Api", {
            labels: { app: "api" },
            namespaces: kplus.Namespaces.select(c, "Ns", { names: ["api"] }),
          }),
        );
        np.connections(web).allowTo(new kplus.Namespace(c, "Team", { metadata: { name: "team" } }), {
          isolation: np.PodConnectionsIsolation.POD,
        });
        np.connections(web).allowTo(kplus.NetworkPolicyIpBlock.anyIpv4(c, "Internet"), {
          ports: [np.NetworkPolicyPort.tcp(443)],
        });
      },
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours).toHaveLength(2);
  });

  it("isolate()", () => {
    const r = both(
      (c) => pod(c, "Web", 80, "web"),
      (_c, web) => web.connections.isolate(),
      (_c, web) => np.connections(web).isolate(),
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours[0]).toMatchObject({ namespace: "web", policyTypes: ["Egress", "Ingress"], ingress: [], egress: [] });
  });

  it("isolate: true on the pod (cdk8s-plus' own prop) and isolate() of ours agree", () => {
    const r = both(
      (c) => c,
      (c) => new kplus.Pod(c, "Web", { containers: [{ image: "web" }], isolate: true }),
      (c) => np.connections(new kplus.Pod(c, "Web", { containers: [{ image: "web" }] })).isolate(),
    );
    expect(r.ours).toEqual(r.plus);
  });
});

describe("chart namespace", () => {
  it("policies without a namespace of their own land in the chart's namespace", () => {
    const r = both(
      (c) => ({ web: pod(c, "Web"), db: pod(c, "Db", 5432) }),
      (c, { web, db }) => {
        new kplus.NetworkPolicy(c, "Deny", { ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY } });
        new kplus.NetworkPolicy(c, "Sel", {
          selector: kplus.Pods.select(c, "Api", { labels: { app: "api" } }),
        }).addEgressRule(db);
        web.connections.allowTo(db);
      },
      (c, { web, db }) => {
        new np.NetworkPolicy(c, "Deny", { ingress: { default: np.NetworkPolicyTrafficDefault.DENY } });
        new np.NetworkPolicy(c, "Sel", {
          selector: np.Pods.select(c, "Api", { labels: { app: "api" } }),
        }).addEgressRule(db);
        np.connections(web).allowTo(db);
      },
      { namespace: "shop" },
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours.every((m) => m.namespace === "shop")).toBe(true);
    expect(r.ours).toHaveLength(4);
  });
});
