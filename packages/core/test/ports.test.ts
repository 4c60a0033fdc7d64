import { describe, expect, it } from "vitest";
import { NetpolError, NetworkPolicyPort } from "../src/index.js";

const render = (p: NetworkPolicyPort) => p.toManifest();

describe("NetworkPolicyPort", () => {
  it("renders single ports with an explicit protocol", () => {
    expect(render(NetworkPolicyPort.tcp(6379))).toEqual({ protocol: "TCP", port: 6379 });
    expect(render(NetworkPolicyPort.udp(53))).toEqual({ protocol: "UDP", port: 53 });
    expect(render(NetworkPolicyPort.sctp(7070))).toEqual({ protocol: "SCTP", port: 7070 });
  });

  it("accepts IANA named ports", () => {
    expect(render(NetworkPolicyPort.tcp("http"))).toEqual({ protocol: "TCP", port: "http" });
    expect(render(NetworkPolicyPort.udp("dns-udp"))).toEqual({ protocol: "UDP", port: "dns-udp" });
  });

  it.each(["HTTP", "a--b", "-http", "http-", "123", "abcdefghijklmnop", "web_port", ""])(
    "rejects the named port %j",
    (name) => expect(() => NetworkPolicyPort.tcp(name)).toThrow(NetpolError),
  );

  it("renders ranges with endPort", () => {
    expect(render(NetworkPolicyPort.tcpRange(8000, 8080))).toEqual({ protocol: "TCP", port: 8000, endPort: 8080 });
    expect(render(NetworkPolicyPort.udpRange(1, 65535))).toEqual({ protocol: "UDP", port: 1, endPort: 65535 });
    expect(render(NetworkPolicyPort.sctpRange(5, 5))).toEqual({ protocol: "SCTP", port: 5 });
  });

  it("renders whole protocols without any port (never port: 0)", () => {
    expect(render(NetworkPolicyPort.allTcp())).toEqual({ protocol: "TCP" });
    expect(render(NetworkPolicyPort.allUdp())).toEqual({ protocol: "UDP" });
    expect(render(NetworkPolicyPort.allSctp())).toEqual({ protocol: "SCTP" });
  });

  it.each([0, -1, 65536, 1.5, Number.NaN])("rejects port %d", (port) =>
    expect(() => NetworkPolicyPort.tcp(port)).toThrow(/out of range/),
  );

  it("explains how to allow every port when given port 0", () => {
    expect(() => NetworkPolicyPort.tcp(0)).toThrow(/allTcp/);
  });

  it("rejects reversed or oversized ranges", () => {
    expect(() => NetworkPolicyPort.tcpRange(90, 80)).toThrow(/endPort/);
    expect(() => NetworkPolicyPort.tcpRange(80, 70000)).toThrow(/endPort/);
  });

  describe("of()", () => {
    it("defaults the protocol to TCP", () => {
      expect(render(NetworkPolicyPort.of({ port: 80 }))).toEqual({ protocol: "TCP", port: 80 });
      expect(render(NetworkPolicyPort.of({}))).toEqual({ protocol: "TCP" });
    });
    it("needs a numeric port for endPort", () => {
      expect(() => NetworkPolicyPort.of({ endPort: 10 })).toThrow(/endPort needs a port/);
      expect(() => NetworkPolicyPort.of({ port: "http", endPort: 10 })).toThrow(/named port/);
    });
    it("rejects unknown protocols and keys", () => {
      expect(() => NetworkPolicyPort.of({ port: 80, protocol: "ICMP" as never })).toThrow(/TCP, UDP or SCTP/);
      expect(() => NetworkPolicyPort.of({ prot: 80 } as never)).toThrow(/unknown key "prot"/);
    });
    it("reports the path, expectation and hint", () => {
      try {
        NetworkPolicyPort.of({ port: 0, endPort: 10 });
        expect.unreachable();
      } catch (e) {
        const [d] = (e as NetpolError).diagnostics;
        expect(d?.path).toEqual(["port", "port"]);
        expect(d?.expected).toMatch(/1 to 65535/);
        expect(d?.hint).toMatch(/omit the port/);
      }
    });
  });
});
