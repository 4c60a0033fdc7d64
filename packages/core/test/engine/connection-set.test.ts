import { describe, expect, it } from "vitest";
import {
  ALL_CONNECTIONS,
  allowsPort,
  connectionSet,
  equals,
  formatConnectionSet,
  intersect,
  isAll,
  isEmpty,
  isSubset,
  NO_CONNECTIONS,
  normalizeRanges,
  portSet,
  protocolSet,
  subtract,
  union,
} from "../../src/engine/connection-set.js";

describe("connection sets", () => {
  it("normalizes, merging overlapping and adjacent ranges and clamping to 1-65535", () => {
    expect(
      normalizeRanges([
        [10, 20],
        [21, 25],
        [5, 12],
        [30, 30],
        [0, 2],
        [65530, 70000],
      ]),
    ).toEqual([1, 2, 5, 25, 30, 30, 65530, 65535]);
  });

  it("formats like the connection lists users know", () => {
    expect(formatConnectionSet(ALL_CONNECTIONS)).toBe("All Connections");
    expect(formatConnectionSet(NO_CONNECTIONS)).toBe("No Connections");
    const c = connectionSet({ TCP: [[8080, 8081]], SCTP: [[7070, 7070]], UDP: [[9090, 9090]] });
    expect(formatConnectionSet(c)).toBe("SCTP 7070,TCP 8080-8081,UDP 9090");
    expect(formatConnectionSet(connectionSet({ TCP: [[10053, 10054]], UDP: [[10053, 10053]] }))).toBe(
      "TCP 10053-10054,UDP 10053",
    );
    expect(formatConnectionSet(protocolSet("TCP"))).toBe("TCP 1-65535");
    expect(
      formatConnectionSet(
        connectionSet({
          TCP: [
            [8080, 8080],
            [9090, 9090],
          ],
        }),
      ),
    ).toBe("TCP 8080,9090");
  });

  it("unions, intersects and subtracts per protocol", () => {
    const a = connectionSet({ TCP: [[1, 100]], UDP: [[53, 53]] });
    const b = connectionSet({ TCP: [[50, 200]], SCTP: [[7, 7]] });
    expect(formatConnectionSet(union(a, b))).toBe("SCTP 7,TCP 1-200,UDP 53");
    expect(formatConnectionSet(intersect(a, b))).toBe("TCP 50-100");
    expect(formatConnectionSet(subtract(a, b))).toBe("TCP 1-49,UDP 53");
    expect(formatConnectionSet(subtract(ALL_CONNECTIONS, portSet("TCP", 80)))).toBe(
      "SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535",
    );
    expect(isEmpty(subtract(a, a))).toBe(true);
    expect(isAll(union(subtract(ALL_CONNECTIONS, a), a))).toBe(true);
  });

  it("answers equality, subset and single-port questions", () => {
    expect(equals(union(portSet("TCP", 1, 10), portSet("TCP", 11, 20)), portSet("TCP", 1, 20))).toBe(true);
    expect(isSubset(portSet("TCP", 5), portSet("TCP", 1, 10))).toBe(true);
    expect(isSubset(portSet("UDP", 5), portSet("TCP", 1, 10))).toBe(false);
    expect(allowsPort(portSet("TCP", 80, 90), "TCP", 85)).toBe(true);
    expect(allowsPort(portSet("TCP", 80, 90), "UDP", 85)).toBe(false);
  });
});
