// The ClusterNetworkPolicy component under Pulumi's mock runtime: one cluster-scoped custom resource, core's object.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type * as Netpol from "../src/index.js";
import { installMocks, type Registered, settle } from "./harness.js";

let registered: Registered[];
let np: typeof Netpol;

beforeAll(async () => {
  registered = installMocks();
  np = await import("../src/index.js");
});

describe("ClusterNetworkPolicy component", () => {
  it("registers a v1alpha2 ClusterNetworkPolicy custom resource named after the component", async () => {
    const c = new np.ClusterNetworkPolicy("platform-guard", {
      tier: np.ClusterNetworkPolicyTier.BASELINE,
      priority: 100,
      subject: np.Namespaces.all(),
      egress: [
        {
          name: "no-smtp",
          action: np.ClusterNetworkPolicyAction.DENY,
          to: [np.Networks.anyIpv4()],
          protocols: [np.ClusterNetworkPolicyProtocol.tcp(25)],
        },
      ],
    });
    await settle(c.urn);
    await settle(c.resource.urn);
    const r = registered.find((x) => x.name === "platform-guard" && x.type.startsWith("kubernetes:"));
    expect(r?.type).toBe("kubernetes:policy.networking.k8s.io/v1alpha2:ClusterNetworkPolicy");
    expect(r?.inputs).toEqual({
      apiVersion: "policy.networking.k8s.io/v1alpha2",
      kind: "ClusterNetworkPolicy",
      metadata: { name: "platform-guard" },
      spec: {
        tier: "Baseline",
        priority: 100,
        subject: { namespaces: {} },
        egress: [
          {
            name: "no-smtp",
            action: "Deny",
            to: [{ networks: ["0.0.0.0/0"] }],
            protocols: [{ tcp: { destinationPort: { number: 25 } } }],
          },
        ],
      },
    });
    expect(c.resource).toBeInstanceOf(pulumi.CustomResource);
  });

  it("registers a core v1alpha1 AdminNetworkPolicy as it is", async () => {
    const core = await import("@netpol/core");
    const c = new np.ClusterNetworkPolicy("anp", {
      policy: core.ClusterNetworkPolicy.adminNetworkPolicy({
        name: "anp",
        priority: 1,
        subject: np.Namespaces.all(),
        ingress: [{ action: np.ClusterNetworkPolicyAction.ACCEPT, from: [np.Namespaces.all()] }],
      }),
    });
    await settle(c.resource.urn);
    const r = registered.find((x) => x.name === "anp" && x.type.startsWith("kubernetes:"));
    expect(r?.type).toBe("kubernetes:policy.networking.k8s.io/v1alpha1:AdminNetworkPolicy");
    expect(r?.inputs.spec.ingress).toEqual([{ action: "Allow", from: [{ namespaces: {} }] }]);
  });

  it("refuses what core refuses before registering anything", () => {
    const before = registered.length;
    expect(
      () =>
        new np.ClusterNetworkPolicy("bad", {
          tier: np.ClusterNetworkPolicyTier.ADMIN,
          priority: -1,
          subject: np.Namespaces.all(),
        }),
    ).toThrow(/priority/);
    expect(registered.length).toBe(before);
  });
});
