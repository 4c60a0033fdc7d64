// The ports an expectation is about: `all`, `tcp/8000`, `udp/53`, `tcp/8000-8080`, `tcp` (every TCP port), or
// NetworkPolicyPort values; read into one connection set, strictly.
import { PROTOCOLS, type Protocol } from "../data.js";
import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  NO_CONNECTIONS,
  portSet,
  protocolSet,
  union,
} from "../engine/connection-set.js";
import type { DiagnosticBag, DiagnosticPath } from "../errors.js";
import { NetworkPolicyPort } from "../ports.js";

/** One expected port: text such as `tcp/8000`, or a NetworkPolicyPort (by number, a range, or a whole protocol). */
export type ExpectedPort = string | NetworkPolicyPort;

/** What an expectation allows or denies: `all`, one port, or a list of ports. */
export type ExpectedPorts = ExpectedPort | readonly ExpectedPort[];

// `tcp`, `tcp/8000` or `tcp/8000-8080`, protocol in any case.
const PORT_TEXT = /^([A-Za-z]+)(?:\/(\d{1,5})(?:-(\d{1,5}))?)?$/;

const isPort = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;

/** The set of one port's text; undefined when it is not valid. */
export function parsePortText(text: string): ConnectionSet | undefined {
  if (text.toLowerCase() === "all") return ALL_CONNECTIONS;
  const m = PORT_TEXT.exec(text);
  if (!m) return undefined;
  const protocol = PROTOCOLS.find((p) => p.toLowerCase() === (m[1] as string).toLowerCase()) as Protocol | undefined;
  if (!protocol) return undefined;
  if (m[2] === undefined) return protocolSet(protocol);
  const lo = Number(m[2]);
  const hi = m[3] === undefined ? lo : Number(m[3]);
  return isPort(lo) && isPort(hi) && lo <= hi ? portSet(protocol, lo, hi) : undefined;
}

/** The set of one expected port, or a diagnostic in `bag` at `path` and undefined. */
function portOf(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): ConnectionSet | undefined {
  if (typeof value === "string") {
    const set = parsePortText(value);
    if (!set) bag.error("expect-ports", path, { found: value });
    return set;
  }
  if (value instanceof NetworkPolicyPort) {
    if (typeof value.port === "string") {
      bag.error("expect-named-port", path, { port: value.port });
      return undefined;
    }
    if (value.port === undefined) return protocolSet(value.protocol);
    return portSet(value.protocol, value.port, value.endPort ?? value.port);
  }
  bag.error("expect-ports", path, { found: value });
  return undefined;
}

/**
 * Reads expected ports (one or a list; `all` alone or in the list means every connection) into one set; problems go
 * to `bag` at `path` (with the list index), and the result is then undefined.
 */
export function readExpectedPorts(value: unknown, path: DiagnosticPath, bag: DiagnosticBag): ConnectionSet | undefined {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) {
    bag.error("expect-ports", path, { found: value });
    return undefined;
  }
  const before = bag.errorCount;
  let out = NO_CONNECTIONS;
  list.forEach((v, i) => {
    const set = portOf(v, Array.isArray(value) ? [...path, i] : path, bag);
    if (set) out = union(out, set);
  });
  return bag.errorCount > before ? undefined : out;
}
