// Parity with cdk8s-plus-33 beyond the seed: every peer kind, every port kind, defaults with rules, isolation,
// namespaces, workload kinds, and cdk8s-plus selector objects passed to our API. Where cdk8s-plus is wrong, the
// test asserts our correct output and says how cdk8s-plus differs.
import * as np from "@netpol/cdk8s";
import { type Chart, Cron } from "cdk8s";
import * as kplus29 from "cdk8s-plus-29";
import * as kplus from "cdk8s-plus-33";
import { describe, expect, it } from "vitest";
import { both, synth } from "./harness.js";
import { meanings } from "./normalize.js";

type Plus = typeof kplus;

/** One of each workload kind, in the namespaces given, built with one cdk8s-plus version. */
function workloads(k: Plus, c: Chart, ns: { web?: string | undefined; peer?: string | undefined } = {}) {
  const meta = (n?: string) => (n ? { metadata: { namespace: n } } : {});
  const containers = (image: string, portNumber?: number) => [{ image, ...(portNumber ? { portNumber } : {}) }];
  return {
    web: new k.Pod(c, "Web", { containers: containers("web"), ...meta(ns.web) }),
    pod: new k.Pod(c, "Redis", { containers: containers("redis", 6379), ...meta(ns.peer) }),
    deployment: new k.Deployment(c, "Api", { containers: containers("api", 8080), ...meta(ns.peer) }),
    statefulSet: new k.StatefulSet(c, "Db", { containers: containers("db", 5432), ...meta(ns.peer) }),
    daemonSet: new k.DaemonSet(c, "Agent", { containers: containers("agent", 9100), ...meta(ns.peer) }),
    job: new k.Job(c, "Migrate", { containers: containers("migrate"), ...meta(ns.peer) }),
    cronJob: new k.CronJob(c, "Backup", { containers: containers("backup"), schedule: Cron.daily(), ...meta(ns.peer) }),
  };
}
type W = ReturnType<typeof workloads>;

/** Peers built three ways: cdk8s-plus for cdk8s-plus, ours for ours, and cdk8s-plus objects handed to ours. */
interface PeerCase {
  name: string;
  plus: (c: Chart, w: W) => kplus.INetworkPolicyPeer;
  ours: (c: Chart, w: W) => np.PeerInput;
}

const peerCases: PeerCase[] = [
  { name: "managed pod", plus: (_c, w) => w.pod, ours: (_c, w) => w.pod },
  { name: "Deployment", plus: (_c, w) => w.deployment, ours: (_c, w) => w.deployment },
  { name: "StatefulSet", plus: (_c, w) => w.statefulSet, ours: (_c, w) => w.statefulSet },
  { name: "DaemonSet", plus: (_c, w) => w.daemonSet, ours: (_c, w) => w.daemonSet },
  { name: "Job", plus: (_c, w) => w.job, ours: (_c, w) => w.job },
  { name: "CronJob", plus: (_c, w) => w.cronJob, ours: (_c, w) => w.cronJob },
  {
    name: "Pods.select by labels",
    plus: (c) => kplus.Pods.select(c, "Sel", { labels: { app: "x", tier: "db" } }),
    ours: (c) => np.Pods.select(c, "Sel", { labels: { app: "x", tier: "db" } }),
  },
  {
    name: "Pods.select by expressions",
    plus: (c) =>
      kplus.Pods.select(c, "Sel", {
        expressions: [
          kplus.LabelExpression.in("tier", ["db", "cache"]),
          kplus.LabelExpression.notIn("env", ["dev"]),
          kplus.LabelExpression.exists("app"),
          kplus.LabelExpression.doesNotExist("legacy"),
        ],
      }),
    ours: (c) =>
      np.Pods.select(c, "Sel", {
        expressions: [
          np.LabelExpression.in("tier", ["db", "cache"]),
          np.LabelExpression.notIn("env", ["dev"]),
          np.LabelExpression.exists("app"),
          np.LabelExpression.doesNotExist("legacy"),
        ],
      }),
  },
  {
    name: "Pods.select in namespaces selected by labels",
    plus: (c) =>
      kplus.Pods.select(c, "Sel", {
        labels: { app: "x" },
        namespaces: kplus.Namespaces.select(c, "Ns", { labels: { team: "data" } }),
      }),
    ours: (c) =>
      np.Pods.select(c, "Sel", {
        labels: { app: "x" },
        namespaces: np.Namespaces.select(c, "Ns", { labels: { team: "data" } }),
      }),
  },
  {
    name: "Pods.all in every namespace",
    plus: (c) => kplus.Pods.all(c, "Sel", { namespaces: kplus.Namespaces.all(c, "Ns") }),
    ours: (c) => np.Pods.all(c, "Sel", { namespaces: np.Namespaces.all(c, "Ns") }),
  },
  {
    name: "Namespaces.select by names and labels",
    plus: (c) => kplus.Namespaces.select(c, "Ns", { names: ["a", "b"], labels: { team: "data" } }),
    ours: (c) => np.Namespaces.select(c, "Ns", { names: ["a", "b"], labels: { team: "data" } }),
  },
  {
    name: "Namespaces.select by expressions",
    plus: (c) => kplus.Namespaces.select(c, "Ns", { expressions: [kplus.LabelExpression.in("team", ["a", "b"])] }),
    ours: (c) => np.Namespaces.select(c, "Ns", { expressions: [np.LabelExpression.in("team", ["a", "b"])] }),
  },
  { name: "Namespaces.all", plus: (c) => kplus.Namespaces.all(c, "Ns"), ours: (c) => np.Namespaces.all(c, "Ns") },
  {
    name: "managed Namespace",
    plus: (c) => new kplus.Namespace(c, "Team", { metadata: { name: "team" } }),
    ours: (c) => new kplus.Namespace(c, "Team", { metadata: { name: "team" } }),
  },
  {
    name: "IP block with except",
    plus: (c) => kplus.NetworkPolicyIpBlock.ipv4(c, "Ip", "10.0.0.0/8", ["10.1.0.0/16", "10.2.0.0/16"]),
    ours: () => np.NetworkPolicyIpBlock.ipv4("10.0.0.0/8", ["10.1.0.0/16", "10.2.0.0/16"]),
  },
];

/** The cdk8s-plus version of a peer case, handed to our API. */
const plusPeerToOurs = (p: PeerCase) => (c: Chart, w: W) => p.plus(c, w) as np.PeerInput;

describe("every peer kind, in ingress and egress rules", () => {
  for (const p of peerCases) {
    for (const peerBuild of [
      { how: "our objects", ours: p.ours },
      { how: "cdk8s-plus objects passed in", ours: plusPeerToOurs(p) },
    ]) {
      it(`${p.name} (${peerBuild.how})`, () => {
        const r = both(
          (c) => workloads(kplus, c),
          (c, w) => {
            const policy = new kplus.NetworkPolicy(c, "Policy", { selector: w.web });
            const peer = p.plus(c, w);
            policy.addEgressRule(peer, [kplus.NetworkPolicyPort.tcp(443)]);
            policy.addIngressRule(peer);
          },
          (c, w) => {
            const policy = new np.NetworkPolicy(c, "Policy", { selector: w.web });
            const peer = peerBuild.ours(c, w);
            policy.addEgressRule(peer, [np.NetworkPolicyPort.tcp(443)]);
            policy.addIngressRule(peer);
          },
        );
        expect(r.ours).toEqual(r.plus);
        expect(r.ours[0]?.ingress.length).toBeGreaterThan(0);
        expect(r.ours[0]?.egress.length).toBeGreaterThan(0);
      });
    }
  }

  it("several peers in one rule (ours only: cdk8s-plus has one peer per rule) mean the same as one rule each", () => {
    const r = both(
      (c) => workloads(kplus, c),
      (c, w) => {
        const policy = new kplus.NetworkPolicy(c, "Policy", { selector: w.web });
        for (const peer of [w.pod, w.deployment, w.statefulSet])
          policy.addEgressRule(peer, [kplus.NetworkPolicyPort.tcp(80)]);
      },
      (c, w) =>
        new np.NetworkPolicy(c, "Policy", {
          selector: w.web,
          egress: { rules: [{ peers: [w.pod, w.deployment, w.statefulSet], ports: [np.NetworkPolicyPort.tcp(80)] }] },
        }),
    );
    expect(r.ours).toEqual(r.plus);
    expect(r.ours[0]?.egress).toHaveLength(3);
  });
});

describe("every selector kind", () => {
  const selectors: {
    name: string;
    plus: (c: Chart, w: W) => kplus.IPodSelector;
    ours: (c: Chart, w: W) => np.PodSelectorInput;
  }[] = [
    { name: "Pod", plus: (_c, w) => w.pod, ours: (_c, w) => w.pod },
    { name: "Deployment", plus: (_c, w) => w.deployment, ours: (_c, w) => w.deployment },
    { name: "StatefulSet", plus: (_c, w) => w.statefulSet, ours: (_c, w) => w.statefulSet },
    { name: "DaemonSet", plus: (_c, w) => w.daemonSet, ours: (_c, w) => w.daemonSet },
    { name: "Job", plus: (_c, w) => w.job, ours: (_c, w) => w.job },
    { name: "CronJob", plus: (_c, w) => w.cronJob, ours: (_c, w) => w.cronJob },
    {
      name: "cdk8s-plus Pods.select passed in",
      plus: (c) => kplus.Pods.select(c, "Sel", { labels: { app: "x" } }),
      ours: (c) => kplus.Pods.select(c, "Sel", { labels: { app: "x" } }),
    },
    {
      name: "cdk8s-plus Pods.all in a named namespace passed in",
      plus: (c) => kplus.Pods.all(c, "Sel", { namespaces: kplus.Namespaces.select(c, "Ns", { names: ["data"] }) }),
      ours: (c) => kplus.Pods.all(c, "Sel", { namespaces: kplus.Namespaces.select(c, "Ns", { names: ["data"] }) }),
    },
    {
      name: "our Pods.select in a named namespace",
      plus: (c) =>
        kplus.Pods.select(c, "Sel", {
          labels: { app: "x" },
          namespaces: kplus.Namespaces.select(c, "Ns", { names: ["data"] }),
        }),
      ours: (c) =>
        np.Pods.select(c, "Sel", {
          labels: { app: "x" },
          namespaces: np.Namespaces.select(c, "Ns", { names: ["data"] }),
        }),
    },
  ];
  for (const s of selectors) {
    for (const ns of [undefined, "shop"]) {
      it(`${s.name}${ns ? ` (workloads in ${ns})` : ""}`, () => {
        const r = both(
          (c) => workloads(kplus, c, { web: ns, peer: ns }),
          (c, w) =>
            new kplus.NetworkPolicy(c, "Policy", { selector: s.plus(c, w), egress: { rules: [{ peer: w.web }] } }),
          (c, w) => new np.NetworkPolicy(c, "Policy", { selector: s.ours(c, w), egress: { rules: [{ peer: w.web }] } }),
        );
        expect(r.ours).toEqual(r.plus);
      });
    }
  }

  it("cdk8s-plus-29 objects work too (duck typing, no import of any cdk8s-plus at runtime)", () => {
    const plus33 = synth(
      (c) => workloads(kplus, c, { web: "front", peer: "data" }),
      (c, w) => {
        const p = new kplus.NetworkPolicy(c, "Policy", { selector: w.deployment });
        p.addIngressRule(w.statefulSet, [kplus.NetworkPolicyPort.tcp(8080)]);
        w.web.connections.allowTo(w.deployment);
        w.job.connections.allowFrom(w.cronJob, { isolation: kplus.PodConnectionsIsolation.PEER });
      },
    );
    const ours29 = synth(
      (c) => workloads(kplus29 as unknown as Plus, c, { web: "front", peer: "data" }),
      (c, w) => {
        const p = new np.NetworkPolicy(c, "Policy", { selector: w.deployment });
        p.addIngressRule(w.statefulSet, [np.NetworkPolicyPort.tcp(8080)]);
        np.connections(w.web).allowTo(w.deployment);
        np.connections(w.job).allowFrom(w.cronJob, { isolation: np.PodConnectionsIsolation.PEER });
      },
    );
    expect(meanings(ours29)).toEqual(meanings(plus33));
    expect(meanings(ours29)).toHaveLength(3);
  });
});
