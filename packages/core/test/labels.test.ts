import { describe, expect, it } from "vitest";
import { DiagnosticBag } from "../src/errors.js";
import { isDns1123Label, isDns1123Subdomain, NetpolError, Pods } from "../src/index.js";
import { checkLabelKey, checkLabelValue } from "../src/labels.js";

const keyOk = (k: string) => {
  const bag = new DiagnosticBag();
  checkLabelKey(k, ["k"], bag);
  return bag.errorCount === 0;
};
const valueOk = (v: string) => {
  const bag = new DiagnosticBag();
  checkLabelValue(v, ["v"], bag);
  return bag.errorCount === 0;
};

describe("label keys", () => {
  it.each(["app", "app.kubernetes.io/name", "a", "A_b-c.d", "example.com/x", `${"a".repeat(63)}`])("accepts %s", (k) =>
    expect(keyOk(k)).toBe(true),
  );
  it.each([
    "",
    "-app",
    "app-",
    "a/b/c",
    "Example.com/x",
    "/x",
    `${"a".repeat(64)}`,
    "a b",
    `${"a".repeat(254)}/x`,
    "ex_ample.com/x",
  ])("rejects %j", (k) => expect(keyOk(k)).toBe(false));
});

describe("label values", () => {
  it.each(["", "web", "v1.2_3-x", "a".repeat(63)])("accepts %j", (v) => expect(valueOk(v)).toBe(true));
  it.each(["a".repeat(64), "-web", "web-", "we b", "wé"])("rejects %j", (v) => expect(valueOk(v)).toBe(false));

  it("rejects a non-string value with a hint to quote it", () => {
    const bag = new DiagnosticBag();
    checkLabelValue(true, ["labels", "enabled"], bag);
    expect(bag.items[0]).toMatchObject({
      path: ["labels", "enabled"],
      expected: "a string",
      hint: expect.stringMatching(/Quote/),
    });
  });
});

describe("names", () => {
  it("namespaces are DNS-1123 labels", () => {
    expect(isDns1123Label("kube-system")).toBe(true);
    expect(isDns1123Label("Kube")).toBe(false);
    expect(isDns1123Label("a.b")).toBe(false);
    expect(isDns1123Label("a".repeat(64))).toBe(false);
  });
  it("object names are DNS-1123 subdomains", () => {
    expect(isDns1123Subdomain("allow.web-1")).toBe(true);
    expect(isDns1123Subdomain("a..b")).toBe(false);
    expect(isDns1123Subdomain("a".repeat(254))).toBe(false);
  });
});

describe("selectors report every bad label at once, with paths", () => {
  it("collects all problems in one NetpolError", () => {
    try {
      Pods.select({ labels: { "-bad": "ok", good: "-bad" } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NetpolError);
      expect((e as NetpolError).diagnostics.map((d) => d.path)).toEqual([
        ["Pods.select", "labels", "-bad"],
        ["Pods.select", "labels", "good"],
      ]);
    }
  });
});
