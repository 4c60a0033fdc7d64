// Lint at preview and update: each component's policy is linted alone, its findings logged as warnings on it.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, expect, it, vi } from "vitest";
import type * as Netpol from "../src/index.js";
import { installMocks, settle } from "./harness.js";

let np: typeof Netpol;

beforeAll(async () => {
  installMocks();
  np = await import("../src/index.js");
});

/** The warnings logged while `make` builds a component and its manifest settles, with the resource each is on. */
async function warnings(make: () => Netpol.NetworkPolicy): Promise<{ message: string; on: unknown }[]> {
  const logged: { message: string; on: unknown }[] = [];
  const warn = vi.spyOn(pulumi.log, "warn").mockImplementation(async (message, resource) => {
    logged.push({ message, on: resource });
  });
  try {
    const policy = make();
    await settle(policy.manifest);
    return logged.map((l) => ({ ...l, on: l.on === policy ? "the component" : l.on }));
  } finally {
    warn.mockRestore();
  }
}

it("logs a finding about the policy's own spec as a warning on its component", async () => {
  const logged = await warnings(
    () =>
      new np.NetworkPolicy("media", {
        metadata: { namespace: "shop" },
        selector: np.Pods.select({ labels: { app: "media" } }),
        ingress: { rules: [{ ports: [np.NetworkPolicyPort.udpRange(30000, 30100)] }] },
      }),
  );
  expect(logged).toEqual([
    {
      message:
        "end-port-cni (info): NetworkPolicy shop/media: spec.ingress[0].ports[0].endPort: the port range 30000-30100 (endPort) is enforced only by network plugins that support endPort; others allow port 30000 alone or ignore the rule. Check that your network plugin supports endPort (stable since Kubernetes 1.25), or list the ports one by one",
      on: "the component",
    },
  ]);
});

it("logs nothing for a policy lint finds nothing in", async () => {
  const logged = await warnings(
    () =>
      new np.NetworkPolicy("deny", {
        metadata: { namespace: "shop" },
        ingress: { default: np.NetworkPolicyTrafficDefault.DENY },
      }),
  );
  expect(logged).toEqual([]);
});
