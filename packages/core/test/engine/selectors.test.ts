import { describe, expect, it } from "vitest";
import { compileSelector } from "../../src/engine/selectors.js";
import type { LabelSelectorManifest } from "../../src/index.js";
import { selectorKey } from "../../src/render/selector.js";

const matchesSelector = (s: LabelSelectorManifest, labels: Record<string, string>) => compileSelector(s)(labels);

describe("label selectors", () => {
  const labels = { app: "web", tier: "front" };
  it("matches matchLabels and every operator", () => {
    expect(matchesSelector({}, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: "web" } }, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: "db" } }, labels)).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: "app", operator: "In", values: ["web", "db"] }] }, labels)).toBe(
      true,
    );
    expect(matchesSelector({ matchExpressions: [{ key: "app", operator: "NotIn", values: ["web"] }] }, labels)).toBe(
      false,
    );
    expect(matchesSelector({ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] }, labels)).toBe(
      true,
    );
    expect(matchesSelector({ matchExpressions: [{ key: "tier", operator: "Exists" }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] }, labels)).toBe(false);
  });
  it("requires every term (AND)", () => {
    const s = compileSelector({
      matchLabels: { app: "web" },
      matchExpressions: [{ key: "tier", operator: "In", values: ["back"] }],
    });
    expect(s(labels)).toBe(false);
    expect(s({ app: "web", tier: "back" })).toBe(true);
  });
  it("does not match inherited object keys", () => {
    expect(matchesSelector({ matchExpressions: [{ key: "toString", operator: "Exists" }] }, {})).toBe(false);
  });
  it("keys selectors independently of ordering", () => {
    expect(selectorKey({ matchLabels: { a: "1", b: "2" } })).toBe(selectorKey({ matchLabels: { b: "2", a: "1" } }));
  });
});
