import { describe, expect, it } from "vitest";
import { ALL_CONNECTIONS, type Connection, connectionSet, FORMATTERS, portSet } from "../../src/analysis.js";

const renderConnections = (list: readonly Connection[], format: keyof typeof FORMATTERS) =>
  FORMATTERS[format].connections(list);

const list: Connection[] = [
  { src: "0.0.0.0-255.255.255.255[External]", dst: "default/frontend[Deployment]", conn: portSet("TCP", 8080) },
  { src: "default/frontend[Deployment]", dst: "0.0.0.0-255.255.255.255[External]", conn: portSet("UDP", 53) },
  {
    src: "default/frontend[Deployment]",
    dst: "default/backend[Deployment]",
    conn: connectionSet({
      TCP: [
        [9090, 9090],
        [9100, 9101],
      ],
    }),
  },
  { src: "payments/gateway[Deployment]", dst: "default/backend[Deployment]", conn: ALL_CONNECTIONS },
];

describe("output formats", () => {
  it("txt", () => {
    expect(
      renderConnections(list, "txt"),
    ).toBe(`0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : TCP 8080
default/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : UDP 53
default/frontend[Deployment] => default/backend[Deployment] : TCP 9090,9100-9101
payments/gateway[Deployment] => default/backend[Deployment] : All Connections
`);
    expect(renderConnections([], "txt")).toBe("");
  });

  it("json", () => {
    expect(JSON.parse(renderConnections(list, "json"))[2]).toEqual({
      src: "default/frontend[Deployment]",
      dst: "default/backend[Deployment]",
      conn: "TCP 9090,9100-9101",
    });
    expect(renderConnections([], "json")).toBe("[]");
  });

  it("csv quotes fields with commas", () => {
    expect(renderConnections(list, "csv")).toBe(`src,dst,conn
0.0.0.0-255.255.255.255[External],default/frontend[Deployment],TCP 8080
default/frontend[Deployment],0.0.0.0-255.255.255.255[External],UDP 53
default/frontend[Deployment],default/backend[Deployment],"TCP 9090,9100-9101"
payments/gateway[Deployment],default/backend[Deployment],All Connections
`);
  });

  it("md", () => {
    expect(renderConnections(list, "md")).toBe(`| src | dst | conn |
|-----|-----|------|
| 0.0.0.0-255.255.255.255[External] | default/frontend[Deployment] | TCP 8080 |
| default/frontend[Deployment] | 0.0.0.0-255.255.255.255[External] | UDP 53 |
| default/frontend[Deployment] | default/backend[Deployment] | TCP 9090,9100-9101 |
| payments/gateway[Deployment] | default/backend[Deployment] | All Connections |
`);
  });

  it("dot groups workloads by namespace and keeps external ranges apart", () => {
    expect(renderConnections(list, "dot")).toBe(`digraph {
\tsubgraph "cluster_default" {
\t\tlabel="default"
\t\t"default/backend[Deployment]" [label="backend[Deployment]" color="blue" fontcolor="blue"]
\t\t"default/frontend[Deployment]" [label="frontend[Deployment]" color="blue" fontcolor="blue"]
\t}
\tsubgraph "cluster_payments" {
\t\tlabel="payments"
\t\t"payments/gateway[Deployment]" [label="gateway[Deployment]" color="blue" fontcolor="blue"]
\t}
\t"0.0.0.0-255.255.255.255[External]" [label="0.0.0.0-255.255.255.255" shape="box" color="red2" fontcolor="red2"]
\t"0.0.0.0-255.255.255.255[External]" -> "default/frontend[Deployment]" [label="TCP 8080" color="gold2" fontcolor="darkgreen"]
\t"default/frontend[Deployment]" -> "0.0.0.0-255.255.255.255[External]" [label="UDP 53" color="gold2" fontcolor="darkgreen"]
\t"default/frontend[Deployment]" -> "default/backend[Deployment]" [label="TCP 9090,9100-9101" color="gold2" fontcolor="darkgreen"]
\t"payments/gateway[Deployment]" -> "default/backend[Deployment]" [label="All Connections" color="gold2" fontcolor="darkgreen"]
}
`);
  });

  it("has one formatter per format name", () => {
    expect(Object.keys(FORMATTERS).sort()).toEqual(["csv", "dot", "json", "md", "txt"]);
    for (const [name, f] of Object.entries(FORMATTERS)) expect(f.format).toBe(name);
  });
});
