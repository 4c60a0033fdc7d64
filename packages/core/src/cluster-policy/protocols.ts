// Protocols of cluster-wide policy rules: a port or range of TCP, UDP or SCTP, or a named port. A named port carries
// no protocol of its own (it matches the destination's container port of that name, with that port's protocol).
import type { Protocol } from "../data.js";
import { type Diagnostic, DiagnosticBag, type DiagnosticPath } from "../errors.js";
import { isRecord, readRecord } from "../input.js";
import { isIanaServiceName, isPortNumber, isProtocol } from "../ports.js";
import type { ClusterNetworkPolicyProtocolConfig } from "./data.js";

/** The highest port: a range up to it from 1 stands for every port of a protocol. */
const LAST_PORT = 65535;

/** Options of `ClusterNetworkPolicyProtocol.of`: a port (or range, or whole protocol), or a named port. */
export interface ClusterNetworkPolicyProtocolProps {
  /** TCP, UDP or SCTP (default TCP); not with `namedPort`. */
  readonly protocol?: Protocol;
  /** The port, or the first of a range; omit for every port of the protocol. */
  readonly port?: number;
  /** The last port of a range starting at `port`. */
  readonly endPort?: number;
  /** A container port name of the destination pods (alone: its protocol is the container port's). */
  readonly namedPort?: string;
}

/**
 * Reads a protocol entry: a ClusterNetworkPolicyProtocol (of any copy of core), its plain options, or a
 * NetworkPolicyPort of a number, range or whole protocol. A port range of one port is that port; a whole protocol
 * is its range 1–65535 (the API has no protocol without ports).
 */
export function readProtocol(
  value: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): ClusterNetworkPolicyProtocolConfig | undefined {
  if (!isRecord(value)) {
    bag.error("cluster-protocol", path, { found: value });
    return undefined;
  }
  const keys = ["protocol", "port", "endPort", "namedPort"] as const;
  const p = readRecord(value, keys, path, bag, "{ protocol?, port?, endPort? } or { namedPort }");
  if (p === undefined) return undefined;
  const errors = bag.errorCount;
  if (p.namedPort !== undefined) {
    const others = keys.filter((k) => k !== "namedPort" && p[k] !== undefined);
    if (others.length > 0) bag.error("exclusive-keys", path, { keys: ["namedPort", ...others] });
    else if (typeof p.namedPort !== "string" || p.namedPort === "")
      bag.error("type", [...path, "namedPort"], { found: p.namedPort, expected: "a container port name" });
    else if (!isIanaServiceName(p.namedPort))
      bag.warn("cluster-named-port-name", [...path, "namedPort"], { port: p.namedPort });
    return bag.errorCount === errors ? Object.freeze({ namedPort: p.namedPort as string }) : undefined;
  }
  const protocol = p.protocol ?? "TCP";
  if (!isProtocol(protocol)) bag.error("protocol", [...path, "protocol"], { protocol });
  const { port, endPort } = p;
  if (typeof port === "string") bag.error("cluster-named-port", [...path, "port"], { port });
  else if (port !== undefined && !isPortNumber(port)) bag.error("port-range", [...path, "port"], { port });
  else if (port === undefined && endPort !== undefined) bag.error("end-port", [...path, "endPort"], { endPort, port });
  else if (endPort !== undefined && !isPortNumber(endPort))
    bag.error("port-range", [...path, "endPort"], { port: endPort });
  else if (endPort !== undefined && (endPort as number) < (port as number))
    bag.error("port-range-order", [...path, "endPort"], { start: port as number, end: endPort as number });
  if (bag.errorCount > errors) return undefined;
  if (port === undefined) return Object.freeze({ protocol: protocol as Protocol, port: 1, endPort: LAST_PORT });
  const range = endPort !== undefined && endPort !== port ? { endPort: endPort as number } : {};
  return Object.freeze({ protocol: protocol as Protocol, port: port as number, ...range });
}

/** What a cluster-wide policy's rule matches beside its peers: a port, a range, a whole protocol or a named port. */
export class ClusterNetworkPolicyProtocol implements ClusterNetworkPolicyProtocolConfig {
  /** One TCP port. */
  static tcp(port: number): ClusterNetworkPolicyProtocol {
    return ClusterNetworkPolicyProtocol.of({ protocol: "TCP", port });
  }

  /** One UDP port. */
  static udp(port: number): ClusterNetworkPolicyProtocol {
    return ClusterNetworkPolicyProtocol.of({ protocol: "UDP", port });
  }

  /** One SCTP port. */
  static sctp(port: number): ClusterNetworkPolicyProtocol {
    return ClusterNetworkPolicyProtocol.of({ protocol: "SCTP", port });
  }

  /** TCP ports `start` to `end`, inclusive. */
  static tcpRange(start: number, end: number): ClusterNetworkPolicyProtocol {
    return ClusterNetworkPolicyProtocol.of({ protocol: "TCP", port: start, endPort: end });
  }

  /** UDP ports `start` to `end`, inclusive. */
  static udpRange(start: number, end: number): ClusterNetworkPolicyProtocol {
    return ClusterNetworkPolicyProtocol.of({ protocol: "UDP", port: start, endPort: end });
  }

  /** SCTP ports `start` to `end`, inclusive. */
  static sctpRange(start: number, end: number): ClusterNetworkPolicyProtocol {
    return ClusterNetworkPolicyProtocol.of({ protocol: "SCTP", port: start, endPort: end });
  }

  /** Every TCP port (written as the range 1–65535: the API has no protocol without ports). */
  static allTcp(): ClusterNetworkPolicyProtocol {
    return ClusterNetworkPolicyProtocol.of({ protocol: "TCP" });
  }

  /** Every UDP port (the range 1–65535). */
  static allUdp(): ClusterNetworkPolicyProtocol {
    return ClusterNetworkPolicyProtocol.of({ protocol: "UDP" });
  }

  /** Every SCTP port (the range 1–65535). */
  static allSctp(): ClusterNetworkPolicyProtocol {
    return ClusterNetworkPolicyProtocol.of({ protocol: "SCTP" });
  }

  /** The destination's container port named `name`, with that port's own protocol. */
  static namedPort(name: string): ClusterNetworkPolicyProtocol {
    return ClusterNetworkPolicyProtocol.of({ namedPort: name });
  }

  /** Any port, range, whole protocol or named port, checked. */
  static of(props: ClusterNetworkPolicyProtocolProps): ClusterNetworkPolicyProtocol {
    const bag = new DiagnosticBag();
    const config = readProtocol(props, ["protocol"], bag);
    bag.throwIfErrors();
    return new ClusterNetworkPolicyProtocol(config as ClusterNetworkPolicyProtocolConfig, bag.warnings);
  }

  /** TCP, UDP or SCTP; undefined for a named port. */
  readonly protocol: Protocol | undefined;
  /** The port, or the first of a range; undefined for a named port. */
  readonly port: number | undefined;
  /** The last port of a range; undefined for one port. */
  readonly endPort: number | undefined;
  /** The container port name; undefined for numbered ports. */
  readonly namedPort: string | undefined;
  readonly #warnings: readonly Diagnostic[];

  private constructor(config: ClusterNetworkPolicyProtocolConfig, warnings: readonly Diagnostic[]) {
    this.protocol = config.protocol;
    this.port = config.port;
    this.endPort = config.endPort;
    this.namedPort = config.namedPort;
    this.#warnings = Object.freeze([...warnings]);
    Object.freeze(this);
  }

  /** Warnings found while checking (a named port no container port can have). */
  get warnings(): readonly Diagnostic[] {
    return this.#warnings;
  }
}
