import { describe, expect, it } from "vitest";
import { cutAddressSpace, formatIpRange, subtractRanges } from "../../src/engine/ip-ranges.js";
import { parseCidr, parseIp } from "../../src/ip-blocks.js";

const range = (cidr: string) => {
  const r = parseCidr(cidr)?.range;
  if (!r) throw new Error(cidr);
  return r;
};

describe("ip ranges", () => {
  it("parses IPv4 and IPv6 CIDRs and notices host bits", () => {
    expect(formatIpRange(range("10.0.0.0/8"))).toBe("10.0.0.0-10.255.255.255");
    expect(parseCidr("10.0.1.1/4")).toMatchObject({ hostBits: true });
    expect(formatIpRange(range("10.0.1.1/4"))).toBe("0.0.0.0-15.255.255.255");
    expect(parseCidr("10.0.0.0/8")?.hostBits).toBe(false);
    expect(formatIpRange(range("fd00::/120"))).toBe("fd00::-fd00::ff");
    expect(parseCidr("999.1.1.1/8")).toBeUndefined();
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
    expect(parseCidr("nonsense")).toBeUndefined();
    expect(parseIp("10.0.0.1/32")).toBeUndefined();
    expect(parseIp("10.0.0.1")).toMatchObject({ lo: 167772161n, hi: 167772161n });
  });

  it("subtracts except ranges", () => {
    const pieces = subtractRanges(range("0.0.0.0/0"), [range("10.0.0.0/8"), range("172.21.0.0/16")]);
    expect(pieces.map(formatIpRange)).toEqual([
      "0.0.0.0-9.255.255.255",
      "11.0.0.0-172.20.255.255",
      "172.22.0.0-255.255.255.255",
    ]);
  });

  it("cuts the space at every edge, covering all of it", () => {
    expect(cutAddressSpace([], ["ipv4"]).map(formatIpRange)).toEqual(["0.0.0.0-255.255.255.255"]);
    const cut = cutAddressSpace([range("10.0.0.0/8"), range("10.1.0.0/16")], ["ipv4", "ipv6"]).map(formatIpRange);
    expect(cut).toEqual([
      "0.0.0.0-9.255.255.255",
      "10.0.0.0-10.0.255.255",
      "10.1.0.0-10.1.255.255",
      "10.2.0.0-10.255.255.255",
      "11.0.0.0-255.255.255.255",
      "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    ]);
  });
});
