import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { NetworkPolicy, NetworkPolicyPort, NetworkPolicyTrafficDefault, Pods, toYaml } from "../src/index.js";

describe("toYaml", () => {
  it("prints the exact YAML of a policy", () => {
    const p = new NetworkPolicy({
      name: "web",
      namespace: "shop",
      selector: Pods.select({ labels: { app: "web" } }),
      ingress: { rules: [{ peer: Pods.select({ labels: { app: "lb" } }), ports: [NetworkPolicyPort.tcp(8080)] }] },
    });
    expect(toYaml([p.toManifest()])).toBe(
      [
        "apiVersion: networking.k8s.io/v1",
        "kind: NetworkPolicy",
        "metadata:",
        "  name: web",
        "  namespace: shop",
        "spec:",
        "  podSelector:",
        "    matchLabels:",
        "      app: web",
        "  policyTypes:",
        "    - Ingress",
        "  ingress:",
        "    - from:",
        "        - podSelector:",
        "            matchLabels:",
        "              app: lb",
        "      ports:",
        "        - protocol: TCP",
        "          port: 8080",
        "",
      ].join("\n"),
    );
  });

  it("separates documents with --- and parses back to the same objects", () => {
    const a = new NetworkPolicy({ name: "a" }).toManifest();
    const b = new NetworkPolicy({ name: "b", egress: { default: NetworkPolicyTrafficDefault.ALLOW } }).toManifest();
    const text = toYaml([a, b]);
    expect(text.split("\n").filter((l) => l === "---")).toHaveLength(1);
    expect(parseAllDocuments(text).map((d) => d.toJS())).toEqual([a, b]);
  });

  it("quotes values a YAML 1.1 reader (kubectl) would turn into booleans or numbers", () => {
    const p = new NetworkPolicy({
      name: "p",
      selector: Pods.select({ labels: { enabled: "yes", mode: "on", v: "1.0", n: "080" } }),
    });
    const text = toYaml([p.toManifest()]);
    for (const v of ["yes", "on"]) expect(text).toMatch(new RegExp(`: ["']${v}["']`));
    expect(parse(text, { version: "1.1" }).spec.podSelector.matchLabels).toEqual({
      enabled: "yes",
      mode: "on",
      n: "080",
      v: "1.0",
    });
  });

  it("never wraps long lines", () => {
    const long = "x".repeat(63);
    const p = new NetworkPolicy({ name: "p", annotations: { note: `${long} ${long} ${long}` } });
    expect(toYaml([p.toManifest()])).toContain(`note: ${long} ${long} ${long}\n`);
  });

  it("prints nothing for no policies", () => {
    expect(toYaml([])).toBe("");
  });
});
