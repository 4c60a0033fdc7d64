// The program's connectivity asserted with the resources themselves, under Pulumi's mock runtime: expectConnectivity
// reads the resources' outputs as manifests and names each workload as the map does.
import { ConnectivityAssertionError, expectConnectivity, NetworkPolicyPort } from "@netpol/pulumi";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.js";

let app: App;

beforeAll(async () => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => args.inputs,
    },
    "netpol-example",
    "test",
  );
  // Resources are created once the mocks are in place.
  const { createApp } = await import("../src/app.js");
  app = createApp();
});

describe("the example program's connectivity", () => {
  const shop = () => expectConnectivity([...app.namespaces, ...Object.values(app.workloads), ...app.policies]);

  it("allows frontend -> api -> postgres and redis on their container ports", async () => {
    const { frontend, api, postgres, redis } = app.workloads;
    await shop().from(frontend).to(api).allows(NetworkPolicyPort.tcp(8080));
    await shop().from(api).to(postgres).allows(NetworkPolicyPort.tcp(5432));
    await shop().from(api).to(redis).allows(NetworkPolicyPort.tcp(6379));
    await shop().from(api).to(redis).denies(NetworkPolicyPort.tcp(6380), NetworkPolicyPort.allUdp());
  });

  it("denies what no policy allows", async () => {
    const { frontend, api, postgres, redis } = app.workloads;
    await shop().from(frontend).to(postgres).denies();
    await shop().from(frontend).to(redis).denies();
    await shop().from(redis).to(postgres).denies();
    await shop().from(api).to(frontend).denies(NetworkPolicyPort.tcp(9999));
  });

  it("rejects a failed expectation with the policies and rules involved", async () => {
    const { frontend, postgres } = app.workloads;
    const failure = shop().from(frontend).to(postgres).allows(NetworkPolicyPort.tcp(5432));
    await expect(failure).rejects.toThrow(ConnectivityAssertionError);
    await expect(shop().from(frontend).to(postgres).allows(NetworkPolicyPort.tcp(5432))).rejects.toThrow(
      [
        "web/frontend[Deployment] => data/postgres[StatefulSet] should allow TCP 5432, but TCP 5432 is denied:",
        "",
        "Connections between web/frontend[Deployment] => data/postgres[StatefulSet]:",
        "",
        "Denied connections:",
        "\tDenied TCP:[5432] due to the following policies and rules:",
        "\t\tEgress (Denied)",
        "\t\t\tNetworkPolicy list:",
        "\t\t\t\t- NetworkPolicy 'web/allow-dns' selects web/frontend[Deployment], but data/postgres[StatefulSet] is not allowed by any Egress rule",
        "\t\t\t\t- NetworkPolicy 'web/default-deny' selects web/frontend[Deployment], but data/postgres[StatefulSet] is not allowed by any Egress rule (no rules defined)",
        "\t\t\t\t- NetworkPolicy 'web/frontend-allow-egress-to-api' selects web/frontend[Deployment], but data/postgres[StatefulSet] is not allowed by any Egress rule",
        "",
        "\t\tIngress (Denied)",
        "\t\t\tNetworkPolicy list:",
        "\t\t\t\t- NetworkPolicy 'data/default-deny' selects data/postgres[StatefulSet], but web/frontend[Deployment] is not allowed by any Ingress rule (no rules defined)",
        "\t\t\t\t- NetworkPolicy 'data/postgres-allow-ingress-from-api' selects data/postgres[StatefulSet], but web/frontend[Deployment] is not allowed by any Ingress rule",
      ].join("\n"),
    );
  });

  it("without the policies, everything is allowed (the workloads of an assertion are read with the rest)", async () => {
    const { frontend, postgres } = app.workloads;
    await expectConnectivity([]).from(frontend).to(postgres).allows();
    await expect(expectConnectivity([]).from(frontend).to(postgres).denies()).rejects.toThrow(
      "web/frontend[Deployment] => data/postgres[StatefulSet] should deny All Connections, but All Connections is allowed",
    );
  });
});
