// IP blocks: callable as the seed writes them (no scope, a core value) and as cdk8s-plus does (a construct).
import {
  NetworkPolicyIpBlock as CoreIpBlock,
  type Diagnostic,
  type INetworkPolicyPeer,
  type NetworkPolicyPeerConfig,
} from "@netpol/core";
import { Construct } from "constructs";
import { CORE } from "./translate.js";

const isScope = (v: unknown): v is Construct => typeof v === "object" && v !== null && "node" in v;

/** A range of IP addresses usable as a peer; without a scope the factories return the core value. */
export class NetworkPolicyIpBlock extends Construct implements INetworkPolicyPeer {
  /** An IPv4 range (optionally minus sub-ranges), as a core value. */
  static ipv4(cidr: string, except?: readonly string[]): CoreIpBlock;
  /** An IPv4 range (optionally minus sub-ranges), as a construct. */
  static ipv4(scope: Construct, id: string, cidr: string, except?: readonly string[]): NetworkPolicyIpBlock;
  static ipv4(...args: unknown[]): CoreIpBlock | NetworkPolicyIpBlock {
    return NetworkPolicyIpBlock.make(args, (cidr, except) => CoreIpBlock.ipv4(cidr, except));
  }

  /** An IPv6 range (optionally minus sub-ranges), as a core value. */
  static ipv6(cidr: string, except?: readonly string[]): CoreIpBlock;
  /** An IPv6 range (optionally minus sub-ranges), as a construct. */
  static ipv6(scope: Construct, id: string, cidr: string, except?: readonly string[]): NetworkPolicyIpBlock;
  static ipv6(...args: unknown[]): CoreIpBlock | NetworkPolicyIpBlock {
    return NetworkPolicyIpBlock.make(args, (cidr, except) => CoreIpBlock.ipv6(cidr, except));
  }

  /** Every IPv4 address, as a core value. */
  static anyIpv4(): CoreIpBlock;
  /** Every IPv4 address, as a construct. */
  static anyIpv4(scope: Construct, id: string): NetworkPolicyIpBlock;
  static anyIpv4(...args: unknown[]): CoreIpBlock | NetworkPolicyIpBlock {
    return NetworkPolicyIpBlock.make(args, () => CoreIpBlock.anyIpv4(), 0);
  }

  /** Every IPv6 address, as a core value. */
  static anyIpv6(): CoreIpBlock;
  /** Every IPv6 address, as a construct. */
  static anyIpv6(scope: Construct, id: string): NetworkPolicyIpBlock;
  static anyIpv6(...args: unknown[]): CoreIpBlock | NetworkPolicyIpBlock {
    return NetworkPolicyIpBlock.make(args, () => CoreIpBlock.anyIpv6(), 0);
  }

  private static make(
    args: unknown[],
    build: (cidr: string, except: readonly string[] | undefined) => CoreIpBlock,
    arity = 2,
  ): CoreIpBlock | NetworkPolicyIpBlock {
    if (!isScope(args[0])) return build(args[0] as string, args[1] as readonly string[] | undefined);
    const block =
      arity === 0 ? build("", undefined) : build(args[2] as string, args[3] as readonly string[] | undefined);
    return new NetworkPolicyIpBlock(args[0], args[1] as string, block);
  }

  /** The core value this construct stands for. */
  readonly [CORE]: CoreIpBlock;

  private constructor(scope: Construct, id: string, block: CoreIpBlock) {
    super(scope, id);
    this[CORE] = block;
  }

  /** The range, as written. */
  get cidr(): string {
    return this[CORE].cidr;
  }

  /** Sub-ranges excluded from `cidr`. */
  get except(): readonly string[] | undefined {
    return this[CORE].except;
  }

  /** Warnings found while checking the range (host bits set). */
  get warnings(): readonly Diagnostic[] {
    return this[CORE].warnings;
  }

  /** The peer: this range of addresses. */
  toNetworkPolicyPeerConfig(): NetworkPolicyPeerConfig {
    return this[CORE].toNetworkPolicyPeerConfig();
  }

  /** IP blocks select no pods. */
  toPodSelector(): undefined {
    return undefined;
  }
}
