import { describe, expect, it } from "vitest";
import { LabelExpression, Namespaces, NetpolError, Pods } from "../src/index.js";
import { renderPeer } from "../src/render/peers.js";

const entries = (p: { toNetworkPolicyPeerConfig(): Parameters<typeof renderPeer>[0] }) =>
  renderPeer(p.toNetworkPolicyPeerConfig());

describe("LabelExpression", () => {
  it("builds the four operators", () => {
    expect(LabelExpression.in("tier", ["web", "api"])).toMatchObject({
      key: "tier",
      operator: "In",
      values: ["web", "api"],
    });
    expect(LabelExpression.notIn("tier", ["db"])).toMatchObject({ operator: "NotIn", values: ["db"] });
    expect(LabelExpression.exists("tier")).toMatchObject({ operator: "Exists", values: undefined });
    expect(LabelExpression.doesNotExist("tier")).toMatchObject({ operator: "DoesNotExist" });
  });
  it("rejects In/NotIn without values and bad keys", () => {
    expect(() => LabelExpression.in("tier", [])).toThrow(/needs at least one value/);
    expect(() => LabelExpression.notIn("-tier", ["x"])).toThrow(/invalid label key/);
    expect(() => LabelExpression.in("tier", ["-x"])).toThrow(/invalid label value/);
  });
});

describe("Pods as a peer", () => {
  it("without namespaces: the policy's own namespace", () => {
    expect(entries(Pods.select({ labels: { app: "web" } }))).toEqual([
      { podSelector: { matchLabels: { app: "web" } } },
    ]);
  });
  it("renders expressions sorted, values sorted and de-duplicated", () => {
    const p = Pods.select({
      expressions: [LabelExpression.in("tier", ["web", "api", "web"]), LabelExpression.exists("app")],
    });
    expect(entries(p)).toEqual([
      {
        podSelector: {
          matchExpressions: [
            { key: "app", operator: "Exists" },
            { key: "tier", operator: "In", values: ["api", "web"] },
          ],
        },
      },
    ]);
  });
  it("in namespaces selected by labels: one peer with both selectors (intersection)", () => {
    const p = Pods.select({ labels: { app: "web" }, namespaces: Namespaces.select({ labels: { team: "a" } }) });
    expect(entries(p)).toEqual([
      { namespaceSelector: { matchLabels: { team: "a" } }, podSelector: { matchLabels: { app: "web" } } },
    ]);
  });
  it("Pods.all in every namespace", () => {
    expect(entries(Pods.all({ namespaces: Namespaces.all() }))).toEqual([{ namespaceSelector: {}, podSelector: {} }]);
  });
  it("rejects unknown options", () => {
    expect(() => Pods.select({ label: { a: "b" } } as never)).toThrow(/unknown key "label".*Did you mean "labels"/s);
  });
});

describe("Namespaces as a peer", () => {
  it("by names: one peer per name, selected by the name label, merged with other labels", () => {
    expect(entries(Namespaces.select({ names: ["b", "a"], labels: { env: "prod" } }))).toEqual([
      { namespaceSelector: { matchLabels: { env: "prod", "kubernetes.io/metadata.name": "a" } }, podSelector: {} },
      { namespaceSelector: { matchLabels: { env: "prod", "kubernetes.io/metadata.name": "b" } }, podSelector: {} },
    ]);
  });
  it("all namespaces", () => {
    expect(entries(Namespaces.all())).toEqual([{ namespaceSelector: {}, podSelector: {} }]);
  });
  it("rejects invalid namespace names", () => {
    expect(() => Namespaces.select({ names: ["Not_Valid"] })).toThrow(NetpolError);
  });
});
