// The app's connectivity asserted with the constructs themselves: expectConnectivity synthesizes the chart with cdk8s
// and names each cdk8s-plus workload as the map does, so no generated name is looked up by hand.
import { ConnectivityAssertionError, connections, expectConnectivity, NetworkPolicyPort } from "@netpol/cdk8s";
import { Chart, Testing } from "cdk8s";
import * as kplus from "cdk8s-plus-33";
import { describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";

describe("example: cdk8s app connectivity", () => {
  const { app, chart, workloads } = buildApp();
  const { frontend, api, postgres, redis } = workloads;

  it("allows frontend -> api -> postgres and redis on their container ports, and nothing else between them", () => {
    const shop = expectConnectivity(chart);
    shop.from(frontend).to(api).allows(NetworkPolicyPort.tcp(9000));
    shop.from(api).to(postgres).allows(NetworkPolicyPort.tcp(5432));
    shop.from(api).to(redis).allows(NetworkPolicyPort.tcp(6379));
    shop.from(api).to(redis).denies(NetworkPolicyPort.tcp(6380), NetworkPolicyPort.allUdp());
    shop.from(frontend).to(postgres).denies();
    shop.from(frontend).to(redis).denies();
    shop.from(redis).to(postgres).denies();
    shop.from(api).to(frontend).denies();
  });

  it("checks every chart of an app the same way", () => {
    expectConnectivity(app).from(frontend).to(api).allows(NetworkPolicyPort.tcp(9000));
  });

  it("fails with the policies and rules involved in the message (cdk8s names the policies)", () => {
    const shop = expectConnectivity(chart);
    expect(() => shop.from(frontend).to(postgres).allows(NetworkPolicyPort.tcp(5432))).toThrow(
      ConnectivityAssertionError,
    );
    expect(() => shop.from(frontend).to(postgres).allows(NetworkPolicyPort.tcp(5432))).toThrow(
      [
        "web/frontend[Deployment] => data/postgres[StatefulSet] should allow TCP 5432, but TCP 5432 is denied:",
        "",
        "Connections between web/frontend[Deployment] => data/postgres[StatefulSet]:",
        "",
        "Denied connections:",
        "\tDenied TCP:[5432] due to the following policies and rules:",
        "\t\tEgress (Denied)",
        "\t\t\tNetworkPolicy list:",
        "\t\t\t\t- NetworkPolicy 'web/shop-allow-dns-web-c8b20dd6' selects web/frontend[Deployment], but data/postgres[StatefulSet] is not allowed by any Egress rule",
        "\t\t\t\t- NetworkPolicy 'web/shop-deny-all-web-c8db4dff' selects web/frontend[Deployment], but data/postgres[StatefulSet] is not allowed by any Egress rule (no rules defined)",
        "\t\t\t\t- NetworkPolicy 'web/shop-frontend-connections-in-web-c89ff8e7' selects web/frontend[Deployment], but data/postgres[StatefulSet] is not allowed by any Egress rule",
        "",
        "\t\tIngress (Denied)",
        "\t\t\tNetworkPolicy list:",
        "\t\t\t\t- NetworkPolicy 'data/shop-deny-all-data-c83f22fb' selects data/postgres[StatefulSet], but web/frontend[Deployment] is not allowed by any Ingress rule (no rules defined)",
        "\t\t\t\t- NetworkPolicy 'data/shop-postgres-connections-in-data-c8e2dbf2' selects data/postgres[StatefulSet], but web/frontend[Deployment] is not allowed by any Ingress rule",
      ].join("\n"),
    );
    expect(() => shop.from(api).to(redis).denies()).toThrow(
      "web/api[Deployment] => data/redis[Deployment] should deny All Connections, but TCP 6379 is allowed:",
    );
  });

  it("names workloads whose names cdk8s generates (no hashed name to look up)", () => {
    const c = new Chart(Testing.app(), "gen");
    const web = new kplus.Deployment(c, "web", { containers: [{ image: "web", ports: [{ number: 80 }] }] });
    const cache = new kplus.Deployment(c, "cache", { containers: [{ image: "redis", ports: [{ number: 6379 }] }] });
    connections(web).allowTo(cache);
    expect(web.name).toMatch(/^gen-web-c8[0-9a-f]+$/);
    const result = expectConnectivity(c).from(web).to(cache).allows(NetworkPolicyPort.tcp(6379));
    expect(result.dst).toBe(`default/${cache.name}[Deployment]`);
    expect(() => expectConnectivity(c).from(web).to(cache).allows(NetworkPolicyPort.tcp(6380))).toThrow(
      /should allow TCP 6380, but TCP 6380 is denied/,
    );
  });
});
