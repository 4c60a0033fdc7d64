// Ports: numbers, IANA named ports, ranges and whole protocols, validated as the API server does.
import { PROTOCOLS } from "./data.js";
import { DiagnosticBag, type DiagnosticPath } from "./errors.js";
import { readRecord } from "./input.js";
import type { NetworkPolicyPortManifest, Protocol } from "./render/types.js";

/** Transport protocols NetworkPolicy can match. */
export const NetworkProtocol = { TCP: "TCP", UDP: "UDP", SCTP: "SCTP" } as const satisfies Record<Protocol, Protocol>;
/** A transport protocol NetworkPolicy can match. */
export type NetworkProtocol = Protocol;

const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** True when `name` is an IANA service name: ≤ 15 chars of `a-z0-9-`, a letter, no `--`, no edge `-`. */
export function isIanaServiceName(name: string): boolean {
  return name.length <= 15 && IANA_SVC_NAME.test(name) && /[a-z]/.test(name) && !name.includes("--");
}

/** True when `port` is a port number Kubernetes accepts. */
export function isPortNumber(port: unknown): port is number {
  return typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** True when `protocol` is one NetworkPolicy can match. */
export function isProtocol(protocol: unknown): protocol is Protocol {
  return PROTOCOLS.includes(protocol as Protocol);
}

/** Options of `NetworkPolicyPort.of`. */
export interface NetworkPolicyPortProps {
  /** A port number (1–65535) or an IANA named port; omit for the whole protocol. */
  readonly port?: number | string;
  /** Last port of a range starting at `port` (numeric `port` only). */
  readonly endPort?: number;
  /** The protocol; default TCP. */
  readonly protocol?: Protocol;
}

/** A port entry as checked: protocol explicit. */
export interface PortValue {
  readonly protocol: Protocol;
  readonly port: number | string | undefined;
  readonly endPort: number | undefined;
}

/** Reports what the API server would reject in a port's fields. */
export function checkPortFields(
  port: unknown,
  endPort: unknown,
  protocol: unknown,
  path: DiagnosticPath,
  bag: DiagnosticBag,
): void {
  if (protocol !== undefined && !isProtocol(protocol)) bag.error("protocol", [...path, "protocol"], { protocol });
  if (typeof port === "number") {
    if (!isPortNumber(port)) bag.error("port-range", [...path, "port"], { port });
  } else if (typeof port === "string") {
    if (!isIanaServiceName(port)) bag.error("port-name", [...path, "port"], { port });
  } else if (port !== undefined) bag.error("port-type", [...path, "port"], { port });
  if (endPort === undefined) return;
  if (typeof port !== "number" || !isPortNumber(endPort) || endPort < port)
    bag.error("end-port", [...path, "endPort"], { endPort, port });
}

/** Reads a port's options (own data, checked); undefined when they are no record. */
export function readPort(props: unknown, path: DiagnosticPath, bag: DiagnosticBag): PortValue | undefined {
  const p = readRecord(props, ["port", "endPort", "protocol"], path, bag, "{ port?, endPort?, protocol? }");
  if (p === undefined) return undefined;
  checkPortFields(p.port, p.endPort, p.protocol, path, bag);
  return {
    protocol: (p.protocol as Protocol | undefined) ?? "TCP",
    port: p.port as number | string | undefined,
    endPort: p.endPort as number | undefined,
  };
}

/** A port (or range, or whole protocol) that a rule allows. */
export class NetworkPolicyPort {
  /** One TCP port, by number or name. */
  static tcp(port: number | string): NetworkPolicyPort {
    return NetworkPolicyPort.of({ port, protocol: "TCP" });
  }

  /** One UDP port, by number or name. */
  static udp(port: number | string): NetworkPolicyPort {
    return NetworkPolicyPort.of({ port, protocol: "UDP" });
  }

  /** One SCTP port, by number or name. */
  static sctp(port: number | string): NetworkPolicyPort {
    return NetworkPolicyPort.of({ port, protocol: "SCTP" });
  }

  /** TCP ports `from` to `to`, inclusive. */
  static tcpRange(from: number, to: number): NetworkPolicyPort {
    return NetworkPolicyPort.range("TCP", from, to);
  }

  /** UDP ports `from` to `to`, inclusive. */
  static udpRange(from: number, to: number): NetworkPolicyPort {
    return NetworkPolicyPort.range("UDP", from, to);
  }

  /** SCTP ports `from` to `to`, inclusive. */
  static sctpRange(from: number, to: number): NetworkPolicyPort {
    return NetworkPolicyPort.range("SCTP", from, to);
  }

  /** Every TCP port. */
  static allTcp(): NetworkPolicyPort {
    return NetworkPolicyPort.of({ protocol: "TCP" });
  }

  /** Every UDP port. */
  static allUdp(): NetworkPolicyPort {
    return NetworkPolicyPort.of({ protocol: "UDP" });
  }

  /** Every SCTP port. */
  static allSctp(): NetworkPolicyPort {
    return NetworkPolicyPort.of({ protocol: "SCTP" });
  }

  /** Any combination of port, endPort and protocol, validated. */
  static of(props: NetworkPolicyPortProps): NetworkPolicyPort {
    const bag = new DiagnosticBag();
    const value = readPort(props, ["port"], bag);
    bag.throwIfErrors();
    const { protocol, port, endPort } = value as PortValue;
    return new NetworkPolicyPort(protocol, port, endPort);
  }

  private static range(protocol: Protocol, from: number, to: number): NetworkPolicyPort {
    const bag = new DiagnosticBag();
    if (typeof from !== "number") bag.error("port-type", ["port", "port"], { port: from });
    bag.throwIfErrors();
    return NetworkPolicyPort.of({ port: from, endPort: to, protocol });
  }

  private constructor(
    /** The protocol. */
    readonly protocol: Protocol,
    /** The port number or name; undefined for the whole protocol. */
    readonly port: number | string | undefined,
    /** The end of the range, if any. */
    readonly endPort: number | undefined,
  ) {
    Object.freeze(this);
  }

  /** The port as a manifest entry: protocol always explicit, never `port: 0`. */
  toManifest(): NetworkPolicyPortManifest {
    const m: NetworkPolicyPortManifest = { protocol: this.protocol };
    if (this.port !== undefined) m.port = this.port;
    if (this.endPort !== undefined && this.endPort !== this.port) m.endPort = this.endPort;
    return m;
  }
}
