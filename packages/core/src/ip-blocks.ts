// IP blocks: the one CIDR parser (real address arithmetic on BigInt ranges), its checks, and the peer class.
import { Address4, Address6 } from "ip-address";
import type { NetworkPolicyPeerConfig } from "./data.js";
import { type Diagnostic, DiagnosticBag, type DiagnosticPath } from "./errors.js";
import { ownList } from "./input.js";

/** The address family of a CIDR or address. */
export type IpFamily = "ipv4" | "ipv6";

/** An inclusive interval of addresses of one family, as numbers. */
export interface IpRange {
  /** The address family. */
  readonly family: IpFamily;
  /** First address. */
  readonly lo: bigint;
  /** Last address. */
  readonly hi: bigint;
}

/** A parsed CIDR: the network it denotes, its prefix, and whether the written address carried host bits. */
export interface ParsedCidr {
  /** The addresses of the network (host bits cleared). */
  readonly range: IpRange;
  /** The prefix length. */
  readonly prefix: number;
  /** True when the written address had host bits set (`10.0.1.1/4`). */
  readonly hostBits: boolean;
}

/** The largest address of each family. */
export const FAMILY_MAX: Readonly<Record<IpFamily, bigint>> = { ipv4: (1n << 32n) - 1n, ipv6: (1n << 128n) - 1n };
const BITS: Readonly<Record<IpFamily, number>> = { ipv4: 32, ipv6: 128 };

// Decimal octets without leading zeros: `010` is octal to some parsers and decimal to others.
const OCTET = "(0|[1-9]\\d{0,2})";
const OCTETS = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** An address without prefix, as a number with its family; undefined when it is none. */
function parseAddress(text: string): { family: IpFamily; value: bigint } | undefined {
  const v4 = OCTETS.exec(text);
  if (v4) {
    let value = 0n;
    for (let i = 1; i <= 4; i++) {
      const octet = Number(v4[i]);
      if (octet > 255) return undefined;
      value = (value << 8n) | BigInt(octet);
    }
    return { family: "ipv4", value };
  }
  if (!text.includes(":") || text.includes("%") || text.includes("/")) return undefined;
  try {
    return { family: "ipv6", value: new Address6(text).bigInt() };
  } catch {
    return undefined;
  }
}

/** Parses `address/prefix` (IPv4 or IPv6); undefined when it is no valid CIDR. */
export function parseCidr(text: unknown): ParsedCidr | undefined {
  if (typeof text !== "string" || text.length > 64) return undefined;
  const slash = text.indexOf("/");
  if (slash < 0 || !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined;
  const address = parseAddress(text.slice(0, slash));
  const prefix = Number(text.slice(slash + 1));
  if (!address || prefix > BITS[address.family]) return undefined;
  const hostBits = BigInt(BITS[address.family] - prefix);
  const lo = (address.value >> hostBits) << hostBits;
  return {
    range: { family: address.family, lo, hi: lo | ((1n << hostBits) - 1n) },
    prefix,
    hostBits: lo !== address.value,
  };
}

/** Parses a single address (no prefix) as a one-address range; undefined when it is none. */
export function parseIp(text: string): IpRange | undefined {
  const address = parseAddress(text);
  return address && { family: address.family, lo: address.value, hi: address.value };
}

/** True when `outer` holds every address of `inner`. */
export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.lo <= inner.lo && inner.hi <= outer.hi;
}

/** One address in its canonical short form. */
export function formatIp(family: IpFamily, value: bigint): string {
  return family === "ipv4" ? Address4.fromBigInt(value).address : Address6.fromBigInt(value).correctForm();
}

/** Checks a CIDR and its exceptions; errors for what the API server rejects, a warning for host bits. */
export function checkIpBlock(
  cidr: unknown,
  except: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
  family?: IpFamily,
): void {
  const base = parseCidr(cidr);
  if (!base) {
    bag.error("cidr", [...path, "cidr"], { cidr, family });
    return;
  }
  const text = cidr as string;
  if (family && base.range.family !== family) {
    bag.error("cidr-family", [...path, "cidr"], { cidr: text, family: base.range.family, expected: family });
    return;
  }
  if (base.hostBits) {
    const network = `${formatIp(base.range.family, base.range.lo)}/${base.prefix}`;
    bag.warn("cidr-host-bits", [...path, "cidr"], { cidr: text, network });
  }
  if (except === undefined) return;
  const list = ownList(except);
  if (list === undefined) {
    bag.error("type", [...path, "except"], { found: except, expected: "a list of CIDRs" });
    return;
  }
  list.forEach((e, i) => {
    const p = parseCidr(e);
    const where = [...path, "except", i];
    if (!p) bag.error("cidr", where, { cidr: e, family: base.range.family });
    else if (p.range.family !== base.range.family)
      bag.error("except-family", where, { except: e as string, family: p.range.family, cidrFamily: base.range.family });
    else if (p.prefix <= base.prefix || !rangeContains(base.range, p.range))
      bag.error("except-outside", where, { except: e as string, cidr: text });
  });
}

/** A range of IP addresses, usable as a peer. */
export class NetworkPolicyIpBlock {
  /** An IPv4 range, optionally minus some sub-ranges. */
  static ipv4(cidr: string, except?: readonly string[]): NetworkPolicyIpBlock {
    return new NetworkPolicyIpBlock(cidr, except, "ipv4");
  }

  /** An IPv6 range, optionally minus some sub-ranges. */
  static ipv6(cidr: string, except?: readonly string[]): NetworkPolicyIpBlock {
    return new NetworkPolicyIpBlock(cidr, except, "ipv6");
  }

  /** Every IPv4 address. */
  static anyIpv4(): NetworkPolicyIpBlock {
    return new NetworkPolicyIpBlock("0.0.0.0/0", undefined, "ipv4");
  }

  /** Every IPv6 address. */
  static anyIpv6(): NetworkPolicyIpBlock {
    return new NetworkPolicyIpBlock("::/0", undefined, "ipv6");
  }

  /** A range of either family (as read from a manifest). */
  static of(cidr: string, except?: readonly string[]): NetworkPolicyIpBlock {
    return new NetworkPolicyIpBlock(cidr, except, undefined);
  }

  /** The range, as written. */
  readonly cidr: string;
  /** Sub-ranges excluded from `cidr`. */
  readonly except: readonly string[] | undefined;
  /** Warnings found while checking (host bits set). */
  readonly warnings: readonly Diagnostic[];
  readonly #peer: NetworkPolicyPeerConfig;

  private constructor(cidr: string, except: readonly string[] | undefined, family: IpFamily | undefined) {
    const bag = new DiagnosticBag();
    const given = except === undefined ? undefined : ownList(except);
    checkIpBlock(cidr, given ?? except, ["ipBlock"], bag, family);
    bag.throwIfErrors();
    this.cidr = cidr;
    this.except = given && given.length > 0 ? Object.freeze(given as string[]) : undefined;
    this.warnings = Object.freeze(bag.warnings);
    this.#peer = Object.freeze({
      ipBlock: Object.freeze({ cidr, ...(this.except ? { except: this.except } : {}) }),
    });
    Object.freeze(this);
  }

  /** The peer: this range of addresses. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig {
    return this.#peer;
  }

  /** IP blocks select no pods. */
  toPodSelector(): undefined {
    return undefined;
  }
}
