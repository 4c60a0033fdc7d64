// Ports: numbers, IANA named ports, ranges and whole protocols, validated as the API server does.
import { DiagnosticBag } from "./errors.js";
import { checkKnownKeys, isRecord } from "./options.js";
import type { NetworkPolicyPortManifest, Protocol } from "./render/types.js";

/** Transport protocols NetworkPolicy can match. */
export const NetworkProtocol = { TCP: "TCP", UDP: "UDP", SCTP: "SCTP" } as const satisfies Record<Protocol, Protocol>;
/** A transport protocol NetworkPolicy can match. */
export type NetworkProtocol = Protocol;

const PROTOCOLS: readonly Protocol[] = ["TCP", "UDP", "SCTP"];
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** True when `name` is an IANA service name: ≤ 15 chars of `a-z0-9-`, a letter, no `--`, no edge `-`. */
export function isIanaServiceName(name: string): boolean {
  return name.length <= 15 && IANA_SVC_NAME.test(name) && /[a-z]/.test(name) && !name.includes("--");
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

/** How to allow every port of a protocol, in code (the default advice of `checkPort`). */
const ALL_PORTS_IN_CODE = "To allow every port of a protocol, omit the port (NetworkPolicyPort.allTcp())";
/** How to allow every port of a protocol, in a manifest. */
export const ALL_PORTS_IN_MANIFEST = "To allow every port of a protocol, leave out port and keep protocol";

/** Reports a port entry the API server would reject; `allPorts` is the advice for port 0, in the reader's syntax. */
export function checkPort(props: unknown, path: string, bag: DiagnosticBag, allPorts = ALL_PORTS_IN_CODE): void {
  if (!isRecord(props)) {
    bag.error({ code: "port", path, message: "a port must be an object", expected: "{ port?, endPort?, protocol? }" });
    return;
  }
  checkKnownKeys(props, ["port", "endPort", "protocol"], path, bag);
  const { port, endPort, protocol } = props;
  if (protocol !== undefined && !PROTOCOLS.includes(protocol as Protocol)) {
    bag.error({
      code: "protocol",
      path: `${path}.protocol`,
      message: `unknown protocol ${JSON.stringify(protocol)}`,
      expected: "TCP, UDP or SCTP",
    });
  }
  if (typeof port === "number") {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      bag.error({
        code: "port-range",
        path: `${path}.port`,
        message: `port ${port} is out of range`,
        expected: "an integer from 1 to 65535, or a named port",
        ...(port === 0 ? { hint: allPorts } : {}),
      });
    }
  } else if (typeof port === "string") {
    if (!isIanaServiceName(port)) {
      bag.error({
        code: "port-name",
        path: `${path}.port`,
        message: `invalid named port "${port}"`,
        expected:
          "an IANA service name: at most 15 lowercase letters, digits or '-', with a letter, no leading, trailing or double '-'",
      });
    }
  } else if (port !== undefined) {
    bag.error({
      code: "port",
      path: `${path}.port`,
      message: `port ${JSON.stringify(port)} is neither a number nor a name`,
      expected: "a number or a named port",
    });
  }
  if (endPort !== undefined) {
    if (typeof port !== "number") {
      bag.error({
        code: "end-port",
        path: `${path}.endPort`,
        message: port === undefined ? "endPort needs a port" : "endPort cannot follow a named port",
        expected: "a numeric port before endPort",
        hint: "Write a range as { port: 8000, endPort: 8080 }",
      });
    } else if (typeof endPort !== "number" || !Number.isInteger(endPort) || endPort > 65535 || endPort < port) {
      bag.error({
        code: "end-port",
        path: `${path}.endPort`,
        message: `endPort ${JSON.stringify(endPort)} is not a valid end of a range starting at ${port}`,
        expected: `an integer from ${port} to 65535`,
      });
    }
  }
}

/** Key of NetworkPolicyPort's factory for a port core has checked already (internal to core). */
export const CHECKED_PORT: unique symbol = Symbol("checked port");

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
    checkPort(props, "port", bag);
    bag.throwIfErrors();
    return new NetworkPolicyPort(props.protocol ?? "TCP", props.port, props.endPort);
  }

  /** One port core has checked already (a workload's container port), built without checking it again. */
  static [CHECKED_PORT](protocol: Protocol, port: number | string): NetworkPolicyPort {
    return new NetworkPolicyPort(protocol, port, undefined);
  }

  private static range(protocol: Protocol, from: number, to: number): NetworkPolicyPort {
    if (typeof from !== "number" || typeof to !== "number") {
      const bag = new DiagnosticBag();
      bag.error({ code: "port-range", path: "port", message: "a range needs numeric ports", expected: "two numbers" });
      bag.throwIfErrors();
    }
    return NetworkPolicyPort.of({ port: from, endPort: to, protocol });
  }

  private constructor(
    /** The protocol. */
    readonly protocol: Protocol,
    /** The port number or name; undefined for the whole protocol. */
    readonly port: number | string | undefined,
    /** The end of the range, if any. */
    readonly endPort: number | undefined,
  ) {}

  /** The port as a manifest entry: protocol always explicit, never `port: 0`. */
  toManifest(): NetworkPolicyPortManifest {
    const m: NetworkPolicyPortManifest = { protocol: this.protocol };
    if (this.port !== undefined) m.port = this.port;
    if (this.endPort !== undefined && this.endPort !== this.port) m.endPort = this.endPort;
    return m;
  }
}
