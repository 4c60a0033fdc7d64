// IP blocks: CIDR ranges checked with real address arithmetic (ip-address), not regular expressions.
import { Address4, Address6 } from "ip-address";
import { checkedValue, deepFreeze } from "./checked.js";
import { type Diagnostic, DiagnosticBag } from "./errors.js";
import type { NetworkPolicyPeerConfig } from "./peers.js";

/** The address family of a CIDR. */
export type IpFamily = "ipv4" | "ipv6";

type Parsed = { family: IpFamily; address: Address4 | Address6; prefix: number };

function parseCidr(cidr: unknown): Parsed | undefined {
  if (typeof cidr !== "string" || !/\/\d{1,3}$/.test(cidr)) return undefined;
  try {
    if (cidr.includes(":")) {
      const a = new Address6(cidr);
      return { family: "ipv6", address: a, prefix: a.subnetMask };
    }
    const a = new Address4(cidr);
    return { family: "ipv4", address: a, prefix: a.subnetMask };
  } catch {
    return undefined;
  }
}

const hasHostBits = (p: Parsed) => p.address.startAddress().bigInt() !== p.address.bigInt();

/** Checks a CIDR and its exceptions; errors for what the API server rejects, a warning for host bits. */
export function checkIpBlock(
  cidr: unknown,
  except: unknown,
  path: string,
  bag: DiagnosticBag,
  family?: IpFamily,
): void {
  const base = parseCidr(cidr);
  if (!base) {
    bag.error({
      code: "cidr",
      path: `${path}.cidr`,
      message: `invalid CIDR ${JSON.stringify(cidr)}`,
      expected: family === "ipv6" ? "an IPv6 CIDR such as 2001:db8::/32" : "a CIDR such as 10.0.0.0/8 or 2001:db8::/32",
      hint: "Write an address and a prefix length within range (0–32 for IPv4, 0–128 for IPv6)",
    });
    return;
  }
  if (family && base.family !== family) {
    bag.error({
      code: "cidr-family",
      path: `${path}.cidr`,
      message: `CIDR ${cidr as string} is ${base.family}`,
      expected: `an ${family} CIDR`,
      hint: `Use NetworkPolicyIpBlock.${base.family}() for this range`,
    });
    return;
  }
  if (hasHostBits(base)) {
    bag.warn({
      code: "cidr-host-bits",
      path: `${path}.cidr`,
      message: `CIDR ${cidr as string} has host bits set; it means the network ${base.address.startAddress().correctForm()}/${base.prefix}`,
      hint: "Write the network address to make the intent explicit",
    });
  }
  if (except === undefined) return;
  if (!Array.isArray(except)) {
    bag.error({ code: "except", path: `${path}.except`, message: "except must be a list of CIDRs" });
    return;
  }
  except.forEach((e, i) => {
    const p = parseCidr(e);
    const where = `${path}.except[${i}]`;
    if (!p) {
      bag.error({ code: "cidr", path: where, message: `invalid CIDR ${JSON.stringify(e)}`, expected: "a CIDR" });
    } else if (p.family !== base.family) {
      bag.error({
        code: "except-family",
        path: where,
        message: `except ${e} is ${p.family} but cidr is ${base.family}`,
      });
    } else if (p.prefix <= base.prefix || !p.address.isInSubnet(base.address)) {
      bag.error({
        code: "except-outside",
        path: where,
        message: `except ${e} is not strictly inside ${cidr as string}`,
        expected: `a narrower range within ${cidr as string}`,
      });
    }
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

  private constructor(cidr: string, except: readonly string[] | undefined, family: IpFamily | undefined) {
    const bag = new DiagnosticBag();
    checkIpBlock(cidr, except, "ipBlock", bag, family);
    bag.throwIfErrors();
    this.cidr = cidr;
    this.except = except && except.length > 0 ? Object.freeze([...except]) : undefined;
    this.warnings = bag.warnings;
    const peer = { ipBlock: { cidr: this.cidr, ...(this.except ? { except: [...this.except] } : {}) } };
    // Checked above; with warnings (host bits) it is checked at each use instead, so each use reports them.
    this.peer = this.warnings.length === 0 ? checkedValue(peer) : deepFreeze(peer);
    Object.freeze(this);
  }

  private readonly peer: NetworkPolicyPeerConfig;

  /** The peer: this range of addresses. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig {
    return this.peer;
  }

  /** IP blocks select no pods. */
  toPodSelector(): undefined {
    return undefined;
  }
}
