import { describe, expect, it } from "vitest";
import { NetpolError, NetworkPolicyIpBlock } from "../src/index.js";

describe("NetworkPolicyIpBlock", () => {
  it("keeps the CIDR and except as written", () => {
    const b = NetworkPolicyIpBlock.ipv4("10.0.0.0/8", ["10.1.0.0/16", "10.2.0.0/16"]);
    expect(b.toNetworkPolicyPeerConfig()).toEqual({
      ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16", "10.2.0.0/16"] },
    });
    expect(b.warnings).toEqual([]);
  });

  it.each(["999.1.1.1/99", "10.0.0.0/33", "10.0.0.0", "10.0.0/8", "not-an-ip/8", "010.0.0.0/8", "10.0.0.0/-1"])(
    "rejects %j",
    (cidr) => expect(() => NetworkPolicyIpBlock.ipv4(cidr)).toThrow(NetpolError),
  );

  it("accepts upper-case and IPv4-mapped IPv6", () => {
    expect(NetworkPolicyIpBlock.ipv6("2001:DB8::/32").cidr).toBe("2001:DB8::/32");
    expect(NetworkPolicyIpBlock.ipv6("::ffff:10.0.0.0/104").cidr).toBe("::ffff:10.0.0.0/104");
  });

  it("requires the family the factory names", () => {
    expect(() => NetworkPolicyIpBlock.ipv4("2001:db8::/32")).toThrow(/is ipv6.*expected an ipv4 CIDR/s);
    expect(() => NetworkPolicyIpBlock.ipv6("10.0.0.0/8")).toThrow(/is ipv4/);
    expect(() => NetworkPolicyIpBlock.ipv6("2001:db8::/129")).toThrow(/invalid CIDR/);
  });

  it("requires every except strictly inside the CIDR and of the same family", () => {
    expect(() => NetworkPolicyIpBlock.ipv4("10.0.0.0/8", ["11.0.0.0/16"])).toThrow(/not strictly inside/);
    expect(() => NetworkPolicyIpBlock.ipv4("10.0.0.0/8", ["10.0.0.0/8"])).toThrow(/not strictly inside/);
    expect(() => NetworkPolicyIpBlock.ipv4("10.0.0.0/8", ["2001:db8::/64"])).toThrow(/ipv6 but cidr is ipv4/);
    expect(() => NetworkPolicyIpBlock.ipv6("2001:db8::/32", ["2001:db8:1::/48"])).not.toThrow();
  });

  it("accepts host bits, renders them as written and warns", () => {
    const b = NetworkPolicyIpBlock.ipv4("10.0.1.1/4");
    expect(b.cidr).toBe("10.0.1.1/4");
    expect(b.warnings).toMatchObject([
      { severity: "warning", code: "cidr-host-bits", message: expect.stringContaining("0.0.0.0/4") },
    ]);
  });

  it("anyIpv4 and anyIpv6 cover everything", () => {
    expect(NetworkPolicyIpBlock.anyIpv4().toNetworkPolicyPeerConfig()).toEqual({ ipBlock: { cidr: "0.0.0.0/0" } });
    expect(NetworkPolicyIpBlock.anyIpv6().toNetworkPolicyPeerConfig()).toEqual({ ipBlock: { cidr: "::/0" } });
  });

  it("selects no pods", () => {
    expect(NetworkPolicyIpBlock.anyIpv4().toPodSelector()).toBeUndefined();
  });
});
