// Bad input: every problem reported at once as FILE:LINE:COL, exit code 2, no stack trace, nothing written.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caseSpec, EXAMPLES, hasStackTrace, netpol, type Run, tempDir } from "./helpers.js";

const HEAD = "apiVersion: netpol.dev/v1alpha1\nkind: NetworkPolicySpec\n";

/** Writes `text` as `name` in a fresh directory and runs `netpol generate` on it from there. */
function generate(text: string, name = "spec.yaml", extra: string[] = []): Run {
  const dir = tempDir();
  writeFileSync(join(dir, name), text);
  return netpol(["generate", name, ...extra], { cwd: dir });
}

function expectInputError(r: Run): string[] {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(hasStackTrace(r.stderr)).toBe(false);
  return r.stderr.trimEnd().split("\n");
}

describe("spec errors", () => {
  it("reports malformed YAML with its position", () => {
    const lines = expectInputError(generate(`${HEAD}policies: [\n  - name: x\n`));
    expect(lines[0]).toMatch(/^spec\.yaml:4:3: malformed YAML: .+$/);
  });

  it("reports a misspelled `rule:` at its key, with the keys it should be", () => {
    const lines = expectInputError(generate(`${HEAD}policies:\n  - name: db\n    ingress:\n      rule: []\n`));
    expect(lines).toEqual([
      'spec.yaml:6:7: unknown key "rule" — expected one of "default" or "rules". Did you mean "rules"?',
    ]);
  });

  it("reports a policy's own problems even when one of its rules is broken too", () => {
    const spec = `${HEAD}policies:
  - name: Bad_Name
    namespace: Shop
    ingress: { rules: [{ peer: { ipv4: 10.0.0.0/33 }, ports: [{ tcp: 70000 }] }] }
`;
    const lines = expectInputError(generate(spec));
    expect(lines.map((l) => l.replace(/ — .*$/, ""))).toEqual([
      'spec.yaml:4:11: invalid name "Bad_Name"',
      'spec.yaml:5:16: invalid namespace name "Shop"',
      'spec.yaml:6:40: invalid CIDR "10.0.0.0/33"',
      "spec.yaml:6:70: port 70000 is out of range",
    ]);
  });

  it("reports every problem of a file, in order, not just the first", () => {
    const spec = `${HEAD}workloads:
  web:
    kind: Deployment
    namespace: shop
    labels: { app: web }
    ports: [{ tcp: 70000 }]
policies:
  - name: web
    selector: web
    egress:
      default: denyy
      rules:
        - peer: { ipv4: 10.0.0.1/33 }
          ports: [{ tcp: 0 }, { tpc: 80 }, { udp: 100-50 }]
        - peer: wbe
        - peer: { pod: { labels: { a: b } } }
  - name: Bad_Name
connections:
  - from: { ipv4: 1.2.3.4/32 }
    to: { pods: all }
  - from: web
    to: web
    isolation: both
`;
    const lines = expectInputError(generate(spec));
    expect(lines).toEqual([
      "spec.yaml:8:20: port 70000 is out of range — expected an integer from 1 to 65535, or a named port",
      'spec.yaml:13:16: found the string "denyy" — expected "deny" or "allow". Did you mean "deny"?',
      'spec.yaml:15:25: invalid CIDR "10.0.0.1/33" — expected an IPv4 CIDR such as 10.0.0.0/8. Write an address and a prefix length within range (0–32 for IPv4, 0–128 for IPv6)',
      "spec.yaml:16:26: port 0 is out of range — expected an integer from 1 to 65535, or a named port. To allow every port of a protocol, write { tcp: all } (or udp, sctp)",
      'spec.yaml:16:33: unknown key "tpc" — expected a port: { tcp: 6379 }, { udp: 53 }, { tcp: http }, { tcp: 8000-8080 } or { tcp: all }. Did you mean "tcp"?',
      "spec.yaml:16:51: endPort 50 is not a valid end of a range starting at 100 — expected an integer from 100 to 65535",
      'spec.yaml:17:17: unknown workload "wbe" — expected one of the workloads: "web". Did you mean "web"?',
      'spec.yaml:18:19: unknown key "pod" — expected a peer: a workload name, { pods: … }, { namespaces: … }, { ipv4: … } or { ipv6: … }. Did you mean "pods"?',
      expect.stringMatching(/^spec\.yaml:19:11: invalid name "Bad_Name" — expected a DNS-1123 subdomain/),
      "spec.yaml:21:5: neither end of the connection is a workload — expected a workload name in from or to. Use a policy with rules for connections between selected pods or addresses",
      'spec.yaml:25:16: found the string "both" — expected "pod" or "peer"',
    ]);
  });

  it.each([
    ["tcp: 0", "{ tcp: 0 }", /:6:26: port 0 is out of range/],
    ["tcp: 65536", "{ tcp: 65536 }", /:6:26: port 65536 is out of range/],
    ["a range ending past 65535", "{ udp: 65000-70000 }", /:6:26: endPort 70000 is not a valid end/],
    ["a bad named port", "{ sctp: Not_A_Name }", /:6:27: invalid named port "Not_A_Name"/],
    ["a decimal", "{ tcp: 80.5 }", /:6:26: found the decimal 80\.5 — expected a port number/],
    ["a list", "{ tcp: [80] }", /:6:26: found a list — expected a port number/],
  ])("rejects a port: %s", (_, port, message) => {
    const lines = expectInputError(
      generate(`${HEAD}policies:\n  - ingress:\n      rules:\n        - ports: [${port}]\n`),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it.each([
    ["an address out of range", "{ ipv4: 999.1.1.1/8 }", /invalid CIDR "999\.1\.1\.1\/8"/],
    ["a prefix too long", "{ ipv4: 10.0.0.0/99 }", /invalid CIDR "10\.0\.0\.0\/99"/],
    ["no prefix", "{ ipv4: 10.0.0.1 }", /invalid CIDR "10\.0\.0\.1"/],
    [
      "an IPv6 range as ipv4",
      "{ ipv4: 2001:db8::/32 }",
      /CIDR "2001:db8::\/32" is ipv6 — expected an ipv4 CIDR\. Write it as \{ ipv6: 2001:db8::\/32 \}$/,
    ],
    [
      "except outside cidr",
      "{ ipv4: 10.0.0.0/8, except: [11.0.0.0/16] }",
      /except "11\.0\.0\.0\/16" is not strictly inside "10\.0\.0\.0\/8"/,
    ],
    ["any with except", "{ ipv6: any, except: [fd00::/8] }", /"ipv6: any" takes no except/],
  ])("rejects a CIDR: %s", (_, peer, message) => {
    const lines = expectInputError(generate(`${HEAD}policies:\n  - egress:\n      rules:\n        - peer: ${peer}\n`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^spec\.yaml:6:\d+: /);
    expect(lines[0]).toMatch(message);
  });

  it("reports label problems at the label", () => {
    const lines = expectInputError(
      generate(
        `${HEAD}policies:\n  - selector: { pods: { labels: { app: "bad value!" } } }\n  - selector: { pods: { labels: { version: 1 } } }\n`,
      ),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^spec\.yaml:4:40: invalid label value "bad value!"/),
      'spec.yaml:5:44: found the number 1 — expected a string (quote numbers and booleans: "1", "true")',
    ]);
  });

  it("reports positions in JSON specs", () => {
    const json =
      '{\n  "apiVersion": "netpol.dev/v1alpha1",\n  "kind": "NetworkPolicySpec",\n  "policies": [{ "ingress": { "rule": [] } }]\n}\n';
    const lines = expectInputError(generate(json, "spec.json"));
    expect(lines[0]).toMatch(/^spec\.json:4:31: unknown key "rule"/);
  });

  it("rejects a document of another kind, and an empty file", () => {
    expect(expectInputError(generate("apiVersion: v1\nkind: ConfigMap\n"))).toEqual([
      'spec.yaml:1:13: found the string "v1" — expected "netpol.dev/v1alpha1"',
      'spec.yaml:2:7: found the string "ConfigMap" — expected "NetworkPolicySpec"',
    ]);
    expect(expectInputError(generate(""))[0]).toMatch(/^spec\.yaml:1:1: the file holds no spec document/);
  });

  it("rejects a policy placed in a namespace its selector contradicts", () => {
    const lines = expectInputError(
      generate(
        `${HEAD}workloads:\n  web: { kind: Pod, namespace: a, labels: { app: web } }\npolicies:\n  - namespace: b\n    selector: web\n`,
      ),
    );
    expect(lines[0]).toMatch(/^spec\.yaml:6:16: namespace "b" contradicts the selector/);
  });

  it("reports a file that does not exist, and keeps reading the others", () => {
    const lines = expectInputError(netpol(["generate", "missing.yaml", join(EXAMPLES, "bad-on-purpose.yaml")]));
    expect(lines).toEqual([
      "missing.yaml: cannot read: no such file — expected a readable YAML or JSON file",
      expect.stringMatching(/bad-on-purpose\.yaml: cannot read: no such file/),
    ]);
  });
});

describe("output safety", () => {
  const bad = `${HEAD}policies:\n  - ingress: { rule: [] }\n`;

  it("leaves an existing -o file untouched, and no temporary file behind", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), bad);
    writeFileSync(join(dir, "out.yaml"), "keep me\n");
    const r = netpol(["generate", "spec.yaml", "-o", "out.yaml"], { cwd: dir });
    expectInputError(r);
    expect(readFileSync(join(dir, "out.yaml"), "utf8")).toBe("keep me\n");
    expect(readdirSync(dir).sort()).toEqual(["out.yaml", "spec.yaml"]);
  });

  it("does not create the -o file or directory on error", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "spec.yaml"), bad);
    expectInputError(netpol(["generate", "spec.yaml", "-o", "new.yaml"], { cwd: dir }));
    expectInputError(netpol(["generate", "spec.yaml", "-o", "out/"], { cwd: dir }));
    expect(existsSync(join(dir, "new.yaml"))).toBe(false);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("reports an unwritable -o with exit code 2", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "");
    const spec = caseSpec("09-deny-all-ingress");
    expect(expectInputError(netpol(["generate", spec, "-o", "file/out.yaml"], { cwd: dir }))).toEqual([
      "file/out.yaml: cannot write: a parent path is not a directory",
    ]);
    expect(expectInputError(netpol(["generate", spec, "-o", "no/such/dir/out.yaml"], { cwd: dir }))).toEqual([
      "no/such/dir/out.yaml: cannot write: its directory does not exist",
    ]);
  });

  it("refuses two policies of two spec files with the same name, in every output mode", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), `${HEAD}policies:\n  - { name: same, ingress: { default: deny } }\n`);
    writeFileSync(join(dir, "b.yaml"), `${HEAD}policies:\n  - { name: same, egress: { default: deny } }\n`);
    mkdirSync(join(dir, "out"));
    for (const output of [["-o", "out"], []]) {
      const lines = expectInputError(netpol(["generate", "a.yaml", "b.yaml", ...output], { cwd: dir }));
      expect(lines).toEqual([
        expect.stringMatching(/^b\.yaml:4:5: a second policy named same \(the first comes from line 4 of a\.yaml\)/),
      ]);
    }
    expect(readdirSync(join(dir, "out"))).toEqual([]);
  });
});

describe("policies of one name", () => {
  it("are refused: applied together, one would replace the other (from a policy or a connection)", () => {
    const spec = `${HEAD}workloads:
  web: { kind: Pod, namespace: a, labels: { app: web } }
  redis: { kind: Pod, namespace: a, labels: { app: redis } }
policies:
  - { name: same, namespace: a, ingress: { default: deny } }
  - { name: same, namespace: a, egress: { default: deny } }
  - { name: same, namespace: b, egress: { default: deny } }
connections:
  - { from: web, to: redis, ports: [{ tcp: 1 }] }
  - { from: web, to: redis, ports: [{ tcp: 2 }] }
`;
    expect(expectInputError(generate(spec))).toEqual([
      expect.stringMatching(/^spec\.yaml:8:5: a second policy named a\/same \(the first comes from line 7\)/),
      expect.stringMatching(
        /^spec\.yaml:12:5: a second policy named a\/web-allow-egress-to-redis \(the first comes from line 11\)/,
      ),
      expect.stringMatching(/^spec\.yaml:12:5: a second policy named a\/redis-allow-ingress-from-web/),
    ]);
  });
});

describe("warnings", () => {
  it("go to stderr with their position, and the output is still written", () => {
    const r = generate(
      `${HEAD}policies:\n  - name: wide\n    egress:\n      rules:\n        - peer: { ipv4: 10.0.0.1/8 }\n`,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/cidr: 10\.0\.0\.1\/8/);
    expect(r.stderr).toBe(
      'spec.yaml:7:25: warning: CIDR "10.0.0.1/8" has host bits set; it means the network 10.0.0.0/8. Write the network address to make the intent explicit\n',
    );
  });

  it("say when a policy has neither rules nor defaults", () => {
    const r = generate(`${HEAD}policies:\n  - name: nothing\n`);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      "spec.yaml:4:5: warning: the policy has no rules and no defaults, so Kubernetes treats it as deny-all ingress for the pods it selects. Say so with ingress: { default: deny }, or add rules\n",
    );
  });
});

describe("usage errors exit with 2", () => {
  it.each([
    [["frob"], /unknown command 'frob'/],
    [["generate"], /missing required argument 'spec'/],
    [["generate", "--bogus", "x"], /unknown option '--bogus'/],
    [["import"], /missing required argument 'manifest'/],
    [["schema", "extra"], /too many arguments/],
  ])("netpol %j", (args, message) => {
    const r = netpol(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
