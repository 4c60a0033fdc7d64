import { describe, expect, it } from "vitest";
import { NetpolError, Workload } from "../src/index.js";
import { workloadFromManifest } from "../src/manifests/index.js";

const podSpec = {
  containers: [
    {
      name: "app",
      ports: [
        { containerPort: 8080, name: "http" },
        { containerPort: 53, protocol: "UDP" },
      ],
    },
    { name: "sidecar", ports: [{ containerPort: 9090, name: "metrics", protocol: "TCP" }] },
  ],
};
const ports = [
  { number: 8080, name: "http", protocol: "TCP" },
  { number: 53, protocol: "UDP" },
  { number: 9090, name: "metrics", protocol: "TCP" },
];

describe("Workload.of", () => {
  it("needs a kind, a name and pod labels", () => {
    expect(() => Workload.of({ kind: "", name: "", labels: {} })).toThrow(NetpolError);
    expect(() => Workload.of({ kind: "Deployment", name: "x", labels: {} })).toThrow(/would select every pod/);
  });
  it("checks its container ports", () => {
    expect(() => Workload.of({ kind: "Pod", name: "x", labels: { a: "b" }, ports: [{ number: 0 }] })).toThrow(
      /out of range/,
    );
    expect(() =>
      Workload.of({ kind: "Pod", name: "x", labels: { a: "b" }, ports: [{ number: 80, name: "Web_Port" }] }),
    ).toThrow(/invalid named port/);
  });
});

describe("workloadFromManifest", () => {
  it("a Deployment: selector labels (not the extra template labels), namespace, ports with protocols", () => {
    const w = workloadFromManifest({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "api", namespace: "shop" },
      spec: {
        selector: { matchLabels: { app: "api" } },
        template: { metadata: { labels: { app: "api", version: "v2" } }, spec: podSpec },
      },
    });
    expect(w).toMatchObject({ kind: "Deployment", name: "api", namespace: "shop", labels: { app: "api" }, ports });
  });

  it("a Job: its selector is generated, so the template's labels select its pods", () => {
    const w = workloadFromManifest({
      kind: "Job",
      metadata: { name: "migrate" },
      spec: { template: { metadata: { labels: { job: "migrate" } }, spec: podSpec } },
    });
    expect(w).toMatchObject({ kind: "Job", name: "migrate", namespace: undefined, labels: { job: "migrate" } });
  });

  it("a CronJob: the job template's pod template", () => {
    const w = workloadFromManifest({
      kind: "CronJob",
      metadata: { name: "report", namespace: "ops" },
      spec: { jobTemplate: { spec: { template: { metadata: { labels: { cron: "report" } }, spec: podSpec } } } },
    });
    expect(w).toMatchObject({ labels: { cron: "report" }, ports });
  });

  it("a ReplicationController: its plain-map selector", () => {
    const w = workloadFromManifest({
      kind: "ReplicationController",
      metadata: { name: "rc" },
      spec: { selector: { app: "rc" }, template: { metadata: { labels: { app: "rc", x: "y" } } } },
    });
    expect(w?.labels).toEqual({ app: "rc" });
  });

  it("a Pod: its own labels and containers", () => {
    const w = workloadFromManifest({ kind: "Pod", metadata: { name: "p", labels: { run: "p" } }, spec: podSpec });
    expect(w).toMatchObject({ kind: "Pod", labels: { run: "p" }, ports });
  });

  it("other kinds are not workloads", () => {
    expect(workloadFromManifest({ kind: "Service", metadata: { name: "s" } })).toBeUndefined();
    expect(workloadFromManifest("nope")).toBeUndefined();
  });

  it("a workload whose pods carry no labels is an error", () => {
    expect(() => workloadFromManifest({ kind: "Deployment", metadata: { name: "d" }, spec: { template: {} } })).toThrow(
      /needs the pod labels/,
    );
  });
});

describe("Workload#toManifest", () => {
  it.each(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "Pod"])(
    "a %s reads back as the same workload",
    (kind) => {
      const w = Workload.of({
        kind,
        name: "w",
        namespace: "ns",
        labels: { app: "w" },
        ports: [{ number: 53, protocol: "UDP", name: "dns" }],
      });
      expect(workloadFromManifest(w.toManifest())).toEqual(w);
    },
  );
});

describe("a workload is a value", () => {
  it("cannot be changed after Workload.of checked it", () => {
    const w = Workload.of({ kind: "Pod", name: "w", labels: { app: "w" } });
    expect(() => {
      (w as { labels: unknown }).labels = { app: "-bad" };
    }).toThrow(TypeError);
    expect(() => {
      (w.labels as Record<string, string>).app = "other";
    }).toThrow(TypeError);
    expect(w.labels).toEqual({ app: "w" });
  });
});

describe("Workload.networkPolicyPorts", () => {
  it("lists the container ports as policy ports with their real protocols, once", () => {
    const dns = Workload.of({
      kind: "Deployment",
      name: "dns",
      labels: { app: "dns" },
      ports: [{ number: 53, protocol: "UDP" }, { number: 53 }, { number: 9153, name: "metrics" }],
    });
    expect(dns.networkPolicyPorts().map((p) => p.toManifest())).toEqual([
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
      { protocol: "TCP", port: 9153 },
    ]);
    expect(dns.networkPolicyPorts()).toBe(dns.networkPolicyPorts());
    expect(Object.isFrozen(dns.networkPolicyPorts())).toBe(true);
  });
});
