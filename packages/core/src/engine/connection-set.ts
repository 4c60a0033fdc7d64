// Per-protocol sets of port ranges: the value a connection between two peers carries.
import { PROTOCOLS, type Protocol } from "../data.js";
import { compareStrings } from "../text.js";

/** The protocols in the order connection sets print them (alphabetical, as roxctl prints them). */
const PRINT_ORDER: readonly Protocol[] = [...PROTOCOLS].sort(compareStrings);

/** The lowest and highest port a connection can use. */
export const MIN_PORT = 1;
/** The highest port number. */
export const MAX_PORT = 65535;

/** Sorted, disjoint, non-adjacent inclusive port ranges, flattened as `[lo0, hi0, lo1, hi1, …]`. */
export type PortRanges = readonly number[];

/** Allowed ports per protocol; an empty range list means nothing on that protocol. */
export interface ConnectionSet {
  /** Allowed SCTP ports. */
  readonly SCTP: PortRanges;
  /** Allowed TCP ports. */
  readonly TCP: PortRanges;
  /** Allowed UDP ports. */
  readonly UDP: PortRanges;
}

const FULL: PortRanges = Object.freeze([MIN_PORT, MAX_PORT]);
const NONE: PortRanges = Object.freeze([]);

/** The set allowing nothing. */
export const NO_CONNECTIONS: ConnectionSet = Object.freeze({ SCTP: NONE, TCP: NONE, UDP: NONE });
/** The set allowing every port of every protocol. */
export const ALL_CONNECTIONS: ConnectionSet = Object.freeze({ SCTP: FULL, TCP: FULL, UDP: FULL });

/** Normalizes arbitrary `[lo, hi]` pairs (clamped to 1–65535) into sorted, merged ranges. */
export function normalizeRanges(pairs: readonly (readonly [number, number])[]): PortRanges {
  const sorted = pairs
    .map(([lo, hi]) => [Math.max(lo, MIN_PORT), Math.min(hi, MAX_PORT)] as const)
    .filter(([lo, hi]) => lo <= hi)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [lo, hi] of sorted) {
    const last = out.length - 1;
    if (last > 0 && lo <= (out[last] as number) + 1) out[last] = Math.max(out[last] as number, hi);
    else out.push(lo, hi);
  }
  return out;
}

/** Builds a set from per-protocol `[lo, hi]` pairs. */
export function connectionSet(parts: Partial<Record<Protocol, readonly (readonly [number, number])[]>>): ConnectionSet {
  return {
    SCTP: normalizeRanges(parts.SCTP ?? []),
    TCP: normalizeRanges(parts.TCP ?? []),
    UDP: normalizeRanges(parts.UDP ?? []),
  };
}

/** The set allowing exactly ports `lo`–`hi` (default: just `lo`) of one protocol. */
export function portSet(protocol: Protocol, lo: number, hi: number = lo): ConnectionSet {
  return connectionSet({ [protocol]: [[lo, hi]] });
}

/** The set allowing every port of one protocol. */
export function protocolSet(protocol: Protocol): ConnectionSet {
  return { ...NO_CONNECTIONS, [protocol]: FULL };
}

function mergeRanges(a: PortRanges, b: PortRanges): PortRanges {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const pairs: [number, number][] = [];
  for (let i = 0; i < a.length; i += 2) pairs.push([a[i] as number, a[i + 1] as number]);
  for (let i = 0; i < b.length; i += 2) pairs.push([b[i] as number, b[i + 1] as number]);
  return normalizeRanges(pairs);
}

function intersectRanges(a: PortRanges, b: PortRanges): PortRanges {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i] as number, b[j] as number);
    const hi = Math.min(a[i + 1] as number, b[j + 1] as number);
    if (lo <= hi) out.push(lo, hi);
    if ((a[i + 1] as number) < (b[j + 1] as number)) i += 2;
    else j += 2;
  }
  return out;
}

function subtractRanges(a: PortRanges, b: PortRanges): PortRanges {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let lo = a[i] as number;
    const hi = a[i + 1] as number;
    while (j < b.length && (b[j + 1] as number) < lo) j += 2;
    let k = j;
    while (k < b.length && (b[k] as number) <= hi && lo <= hi) {
      if ((b[k] as number) > lo) out.push(lo, (b[k] as number) - 1);
      lo = Math.max(lo, (b[k + 1] as number) + 1);
      k += 2;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return out;
}

function sameRanges(a: PortRanges, b: PortRanges): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Everything allowed by `a` or `b`. */
export function union(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (a === b || isEmpty(b)) return a;
  if (isEmpty(a)) return b;
  return { SCTP: mergeRanges(a.SCTP, b.SCTP), TCP: mergeRanges(a.TCP, b.TCP), UDP: mergeRanges(a.UDP, b.UDP) };
}

/** Everything allowed by both `a` and `b`. */
export function intersect(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (a === b || isAll(b)) return a;
  if (isAll(a)) return b;
  return {
    SCTP: intersectRanges(a.SCTP, b.SCTP),
    TCP: intersectRanges(a.TCP, b.TCP),
    UDP: intersectRanges(a.UDP, b.UDP),
  };
}

/** Everything allowed by `a` but not by `b`. */
export function subtract(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  return { SCTP: subtractRanges(a.SCTP, b.SCTP), TCP: subtractRanges(a.TCP, b.TCP), UDP: subtractRanges(a.UDP, b.UDP) };
}

/** True when nothing is allowed. */
export function isEmpty(c: ConnectionSet): boolean {
  return c.SCTP.length === 0 && c.TCP.length === 0 && c.UDP.length === 0;
}

/** True when every port of every protocol is allowed. */
export function isAll(c: ConnectionSet): boolean {
  return PROTOCOLS.every((p) => sameRanges(c[p], FULL));
}

/** True when both sets allow exactly the same connections. */
export function equals(a: ConnectionSet, b: ConnectionSet): boolean {
  return PROTOCOLS.every((p) => sameRanges(a[p], b[p]));
}

/** True when `port` of `protocol` is allowed. */
export function allowsPort(c: ConnectionSet, protocol: Protocol, port: number): boolean {
  const r = c[protocol];
  for (let i = 0; i < r.length; i += 2) if ((r[i] as number) <= port && port <= (r[i + 1] as number)) return true;
  return false;
}

/** True when every connection of `inner` is also allowed by `outer`. */
export function isSubset(inner: ConnectionSet, outer: ConnectionSet): boolean {
  return isEmpty(subtract(inner, outer));
}

function formatRanges(r: PortRanges): string {
  const parts: string[] = [];
  for (let i = 0; i < r.length; i += 2) {
    const lo = r[i] as number;
    const hi = r[i + 1] as number;
    parts.push(lo === hi ? `${lo}` : `${lo}-${hi}`);
  }
  return parts.join(",");
}

/** Formats as `All Connections`, `No Connections`, or `SCTP 7070,TCP 8080-8081` (a whole protocol shows `1-65535`). */
export function formatConnectionSet(c: ConnectionSet): string {
  if (isAll(c)) return "All Connections";
  if (isEmpty(c)) return "No Connections";
  return PRINT_ORDER.filter((p) => c[p].length > 0)
    .map((p) => `${p} ${formatRanges(c[p])}`)
    .join(",");
}
