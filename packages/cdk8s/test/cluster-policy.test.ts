// ClusterNetworkPolicy as a cdk8s construct: real synthesis, cluster-scoped, rendered by core, peers from cdk8s-plus.
import * as np from "@netpol/cdk8s";
import * as core from "@netpol/core";
import { Chart, Testing } from "cdk8s";
import * as kplus from "cdk8s-plus-33";
import { describe, expect, it } from "vitest";

const chart = () => new Chart(Testing.app(), "Chart", { namespace: "shop" });

describe("ClusterNetworkPolicy construct", () => {
  it("synthesizes core's v1alpha2 object, without the chart's namespace, with cdk8s-plus peers and core peers", () => {
    const c = chart();
    const api = new kplus.Deployment(c, "Api", {
      metadata: { namespace: "shop" },
      containers: [{ image: "api", portNumber: 8080 }],
    });
    new np.ClusterNetworkPolicy(c, "Guard", {
      name: "guard",
      tier: np.ClusterNetworkPolicyTier.ADMIN,
      priority: 5,
      subject: core.Namespaces.select({ names: ["data"] }),
      ingress: [
        {
          name: "api",
          action: np.ClusterNetworkPolicyAction.ACCEPT,
          from: [api],
          protocols: [np.ClusterNetworkPolicyProtocol.tcp(5432)],
        },
        { name: "rest", action: np.ClusterNetworkPolicyAction.DENY, from: [core.Namespaces.all()] },
      ],
      egress: [{ action: np.ClusterNetworkPolicyAction.DENY, to: [np.Networks.of("0.0.0.0/0")] }],
    });
    const objects = Testing.synth(c).filter((o) => o.kind === "ClusterNetworkPolicy");
    expect(objects).toEqual([
      {
        apiVersion: "policy.networking.k8s.io/v1alpha2",
        kind: "ClusterNetworkPolicy",
        metadata: { name: "guard" },
        spec: {
          tier: "Admin",
          priority: 5,
          subject: { namespaces: { matchLabels: { "kubernetes.io/metadata.name": "data" } } },
          ingress: [
            {
              name: "api",
              action: "Accept",
              from: [
                {
                  pods: {
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } },
                    podSelector: { matchLabels: { "cdk8s.io/metadata.addr": expect.any(String) } },
                  },
                },
              ],
              protocols: [{ tcp: { destinationPort: { number: 5432 } } }],
            },
            { name: "rest", action: "Deny", from: [{ namespaces: {} }] },
          ],
          egress: [{ action: "Deny", to: [{ networks: ["0.0.0.0/0"] }] }],
        },
      },
    ]);
  });

  it("writes v1alpha1 for a core AdminNetworkPolicy given as it is", () => {
    const c = chart();
    new np.ClusterNetworkPolicy(c, "Anp", {
      policy: core.ClusterNetworkPolicy.adminNetworkPolicy({
        name: "anp",
        priority: 1,
        subject: core.Namespaces.all(),
        ingress: [{ action: np.ClusterNetworkPolicyAction.ACCEPT, from: [core.Namespaces.all()] }],
      }),
    });
    const [anp] = Testing.synth(c);
    expect(anp).toMatchObject({ apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "AdminNetworkPolicy" });
    expect(anp?.spec.ingress).toEqual([{ action: "Allow", from: [{ namespaces: {} }] }]);
  });

  it("refuses what core refuses, with the path of the bad value", () => {
    expect(
      () =>
        new np.ClusterNetworkPolicy(chart(), "Bad", {
          tier: np.ClusterNetworkPolicyTier.ADMIN,
          priority: 2000,
          subject: core.Namespaces.all(),
        }),
    ).toThrow(/priority/);
  });
});
