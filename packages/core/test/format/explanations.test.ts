// Explanations in every format: txt as netpol-analyzer writes it, the tables and the graph in the same words.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeConnectivity, FORMATTERS } from "../../src/analysis.js";
import { NO_CONNECTIONS, portSet, union } from "../../src/engine/connection-set.js";
import type { DirectionExplanation, PairExplanation } from "../../src/engine/explain.js";
import { throughIngressRoutes } from "../../src/engine/ingress-verdicts.js";
import { DEFAULT_VERDICTS, type PortVerdict, pairGroups } from "../../src/engine/verdicts.js";
import { conformanceDir } from "../conformance/paths.js";

const SEPARATOR = `${"-".repeat(160)}\n`;

const deployment = (name: string, labels: Record<string, string>) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "shop" },
  spec: { template: { metadata: { labels }, spec: { containers: [{ name: "c" }] } } },
});

const map = analyzeConnectivity({
  objects: [
    deployment("web", { app: "web" }),
    deployment("db", { app: "db" }),
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "db", namespace: "shop" },
      spec: {
        podSelector: { matchLabels: { app: "db" } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 5432 }] }],
      },
    },
  ],
});
const webToDb = map.explain("web", "db");
const dbToWeb = map.explain("db", "web");

/** A pair explanation from direction verdicts, as the `{ingress-controller}` analysis will make them. */
function pair(src: string, dst: string, egress: readonly PortVerdict[], ingress: readonly PortVerdict[]) {
  const side = (direction: "egress" | "ingress", verdicts: readonly PortVerdict[]): DirectionExplanation => ({
    direction,
    governed: true,
    isolatedBy: [],
    rules: [],
    allowed: verdicts.filter((v) => v.allowed).reduce((acc, v) => union(acc, v.conn), NO_CONNECTIONS),
    verdicts,
  });
  const conn = portSet("TCP", 8000);
  return {
    src,
    dst,
    conn,
    egress: side("egress", egress),
    ingress: side("ingress", ingress),
    groups: pairGroups(egress, ingress, conn),
  } satisfies PairExplanation;
}

describe("txt explanations", () => {
  it("splits a pair into allowed and denied ports, the denied complement written out", () => {
    const text = FORMATTERS.txt.explanations([webToDb]);
    expect(text).toContain("\tAllowed TCP:[5432] due to the following policies and rules:\n");
    expect(text).toContain("\tDenied TCP:[1-5431,5433-65535], UDP, SCTP due to the following policies and rules:\n");
    expect(text).toContain("NetworkPolicy 'shop/db' allows connections by Ingress rule #1\n");
  });

  it("lists the pairs only the system default connects in their own section", () => {
    const text = FORMATTERS.txt.explanations([dbToWeb, webToDb]);
    expect(
      text.endsWith(
        "#########################################################\n# All Connections due to the system default (Allow all) #\n#########################################################\nshop/db[Deployment] => shop/web[Deployment]\n",
      ),
    ).toBe(true);
    expect(
      text.startsWith("\n##########################################\n# Specific connections and their reasons #\n"),
    ).toBe(true);
  });

  it("explains a focus port of a default pair in the specific section", () => {
    const [narrowed] = map.explainAll({ conn: "udp-53" }).filter((e) => e.src === dbToWeb.src && e.dst === dbToWeb.dst);
    expect(FORMATTERS.txt.explanations(narrowed ? [narrowed] : [])).toContain(
      "Allowed connections:\n\tAllowed UDP:[53] due to the system default (Allow all)\n\n",
    );
  });

  it("keeps only denied or only allowed pairs with explain-only", () => {
    const pairs = (only: "allow" | "deny") => map.explainAll({ only }).map((e) => `${e.src} => ${e.dst}`);
    expect(pairs("deny")).toEqual(["0.0.0.0-255.255.255.255[External] => shop/db[Deployment]"]);
    expect(pairs("allow")).toContain("shop/web[Deployment] => shop/db[Deployment]");
    expect(pairs("allow")).not.toContain("0.0.0.0-255.255.255.255[External] => shop/db[Deployment]");
    const onPort = map.explainAll({ only: "deny", conn: "tcp-80" });
    expect(onPort.map((e) => `${e.src} => ${e.dst}`)).toContain("shop/web[Deployment] => shop/db[Deployment]");
  });

  const golden = join(
    conformanceDir,
    "np-guard",
    "demo_app_with_routes_and_ingress",
    "expected",
    "demo_app_with_routes_and_ingress_explain_output.txt",
  );
  it.skipIf(!existsSync(golden))("words Ingress and Route reasons as the reference (its block of hello-world)", () => {
    const routes = [
      { object: "Ingress", name: "helloworld/hello-world", service: "hello-world", conn: portSet("TCP", 8000) },
      { object: "Route", name: "helloworld/hello-world", service: "hello-world", conn: portSet("TCP", 8000) },
    ] as const;
    const e = pair(
      "{ingress-controller}",
      "helloworld/hello-world[Deployment]",
      DEFAULT_VERDICTS,
      throughIngressRoutes(routes, DEFAULT_VERDICTS),
    );
    const report = readFileSync(golden, "utf8");
    const [head = "", ...blocks] = report.split(SEPARATOR);
    const block = blocks.find((b) => b.startsWith(`Connections between ${e.src} => ${e.dst}:`)) ?? "";
    expect(FORMATTERS.txt.explanations([e])).toBe(`${head}${SEPARATOR}${block}`);
  });
});

describe("tabular explanations", () => {
  it("csv: one row per group of ports, in the words of txt", () => {
    const csv = FORMATTERS.csv.explanations([webToDb]);
    expect(csv.split("\n")[0]).toBe("src,dst,result,ports,egress,ingress");
    expect(csv).toContain(
      "shop/web[Deployment],shop/db[Deployment],Allowed,TCP:[5432],Egress (Allowed) due to the system default (Allow all),Ingress (Allowed); NetworkPolicy 'shop/db' allows connections by Ingress rule #1\n",
    );
    expect(csv).toContain('shop/web[Deployment],shop/db[Deployment],Denied,"TCP:[1-5431,5433-65535], UDP, SCTP",');
  });

  it("md: the same rows, lines joined by <br>", () => {
    const md = FORMATTERS.md.explanations([webToDb]);
    expect(md.split("\n")[0]).toBe("| src | dst | result | ports | egress | ingress |");
    expect(md).toContain(
      "| Ingress (Denied)<br>NetworkPolicy 'shop/db' selects shop/db[Deployment], and Ingress rule #1 selects shop/web[Deployment], but the protocols and ports do not match |",
    );
  });

  it("dot: allowed edges only, their reasons as tooltips", () => {
    const dot = FORMATTERS.dot.explanations([webToDb, map.explain("0.0.0.0-255.255.255.255", "db")]);
    expect(dot).toContain(
      "tooltip=\"Allowed TCP:[5432]\\nEgress (Allowed) due to the system default (Allow all)\\nIngress (Allowed)\\nNetworkPolicy 'shop/db' allows connections by Ingress rule #1\"",
    );
    expect(dot).not.toContain("0.0.0.0");
  });
});
