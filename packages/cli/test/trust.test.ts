// Issue "Nothing silent, nothing wider", case by case, through the built binary: every bad input is one error per
// problem (`FILE:LINE:COL: what — expected X. Hint.`, exit 2, no stack trace, no file written or changed), every doubt
// a warning beside a result (exit 0), and nothing is ever an internal error (exit 3). Positions are computed from the
// fixture text. File writing, stdout, devices, signals and the size cap are in io.test.ts.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BIN, hasStackTrace, netpol, type Run, tempDir } from "./helpers.js";

const HEAD = "apiVersion: netpol.dev/v1alpha1\nkind: NetworkPolicySpec\n";

/** Writes `files` into a fresh directory and runs `netpol …args` there. */
function run(args: readonly string[], files: Readonly<Record<string, string>>): Run {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return netpol(args, { cwd: dir });
}

/** Like `run`, for large inputs: a generous bound of 60 s on the subprocess (a sanity bound, not a timing). */
function runLarge(args: readonly string[], files: Readonly<Record<string, string>>): Run {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NETPOL_DEBUG: "" },
  });
  expect(r.signal, "the run did not finish within 60 s").toBe(null);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `file:line:col` of the first `needle` in `text` at or after the first `after` (1-based, as editors count). */
function at(file: string, text: string, needle: string, after = ""): string {
  const from = text.indexOf(after);
  const i = from < 0 ? -1 : text.indexOf(needle, from);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} is not in the fixture`);
  const before = text.slice(0, i);
  return `${file}:${before.split("\n").length}:${i - before.lastIndexOf("\n")}`;
}

/** `file:line:1` of the first line of document `n` (0-based) of a text of `---`-separated documents. */
function docAt(file: string, text: string, n: number): string {
  const lines = text.split("\n");
  let seen = 0;
  for (let i = 0; i < lines.length && n > 0; i++) if (lines[i] === "---" && ++seen === n) return `${file}:${i + 2}:1`;
  if (n === 0) return `${file}:1:1`;
  throw new Error(`no document ${n}`);
}

const isWarning = (line: string) => /^\S*: warning: /.test(line);

/** Exit 2, no stack trace, nothing on stdout: the error lines (warnings printed beside them left out). */
function errorLines(r: Run): string[] {
  expect(hasStackTrace(r.stderr), r.stderr).toBe(false);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  return r.stderr
    .trimEnd()
    .split("\n")
    .filter((l) => !isWarning(l));
}

/** Exit 0, no stack trace, only warnings on stderr: the warning lines. */
function warningLines(r: Run): string[] {
  expect(hasStackTrace(r.stderr), r.stderr).toBe(false);
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stderr === "" ? [] : r.stderr.trimEnd().split("\n");
  expect(lines.filter((l) => !isWarning(l))).toEqual([]);
  return lines;
}

/** The map's lines between workloads (connections with external ranges left out). */
const inner = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .filter((l) => l !== "" && !l.includes("[External]"));

const pod = (name: string, labels: string, containers = "[{ name: c }]") =>
  `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name}, namespace: shop, labels: ${labels} }\nspec: { containers: ${containers} }\n`;
const PODS = `${pod("a", "{ app: a }", "[{ name: c, ports: [{ containerPort: 80 }] }]")}---\n${pod("b", "{ app: b }")}`;
const deployment = (name: string, app: string, ports = "") =>
  [
    "apiVersion: apps/v1",
    "kind: Deployment",
    `metadata: { name: ${name}, namespace: shop }`,
    "spec:",
    `  selector: { matchLabels: { app: ${app} } }`,
    "  template:",
    `    metadata: { labels: { app: ${app} } }`,
    `    spec: { containers: [{ name: c${ports} }] }`,
    "",
  ].join("\n");
const policy = (name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: ${name}, namespace: shop }\n${spec}`;

describe("bullet: names: [] selects no namespace", () => {
  const NAMES_EMPTY =
    "names: [] selects no namespace — expected a list of namespace names. Omit names (to select namespaces by labels alone), or list the namespaces";
  it.each([
    ["alone", "{ namespaces: { names: [] } }"],
    ["with labels", "{ namespaces: { names: [], labels: { team: a } } }"],
    ["inside pods.namespaces", "{ pods: { labels: { app: x }, namespaces: { names: [] } } }"],
  ])("%s is an error at the names value, for generate and map", (_, peer) => {
    const spec = `${HEAD}policies:\n  - name: p\n    namespace: shop\n    ingress:\n      rules:\n        - peer: ${peer}\n`;
    const line = `${at("spec.yaml", spec, "[]", "names:")}: ${NAMES_EMPTY}`;
    expect(errorLines(run(["generate", "spec.yaml"], { "spec.yaml": spec }))).toEqual([line]);
    expect(errorLines(run(["map", "spec.yaml"], { "spec.yaml": spec }))).toEqual([line]);
  });
});

describe("bullet: a peer whose selectors are all null selects nothing", () => {
  it("is an error for import and map alike", () => {
    const text = `${PODS}---\n${policy("db", "spec:\n  podSelector: {}\n  ingress:\n    - from: [{ podSelector: null }]\n")}`;
    const line = `${at("np.yaml", text, "{ podSelector: null }")}: NetworkPolicy shop/db: spec.ingress[0].from[0]: an empty peer selects nothing — expected podSelector, namespaceSelector or ipBlock`;
    expect(errorLines(run(["import", "np.yaml"], { "np.yaml": text }))).toEqual([line]);
    expect(errorLines(run(["map", "np.yaml"], { "np.yaml": text }))).toEqual([line]);
  });
});

describe("bullet: duplicate keys in a manifest", () => {
  it("are an error at the second key, for map and import", () => {
    const text = policy("db", "spec:\n  podSelector: {}\n  ingress: []\n  ingress: [{}]\n");
    const line = `${at("np.yaml", text, "ingress", "ingress: [{}]")}: duplicate key "ingress" (first at line 6). Remove one: Kubernetes keeps the last or refuses the object`;
    expect(text.split("\n")[5]).toBe("  ingress: []"); // line 6
    expect(errorLines(run(["map", "np.yaml"], { "np.yaml": text }))).toEqual([line]);
    expect(errorLines(run(["import", "np.yaml"], { "np.yaml": text }))).toEqual([line]);
  });
});

describe("bullet: misspelled and unknown fields in manifests", () => {
  it.each([
    [
      "a top-level sepc:",
      policy("db", "sepc:\n  podSelector: {}\n"),
      ["sepc", ""],
      'NetworkPolicy shop/db: sepc: unknown key "sepc" — expected one of "apiVersion", "kind", "metadata", "spec" or "status". Did you mean "spec"?',
    ],
    [
      "namepsace: in metadata",
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: db, namepsace: shop }\nspec: { podSelector: {} }\n",
      ["namepsace", ""],
      /^NetworkPolicy db: metadata\.namepsace: unknown key "namepsace" — expected one of "name", "namespace", .*\. Did you mean "namespace"\?$/,
    ],
    [
      "an unknown key in a matchExpressions entry",
      policy(
        "db",
        "spec:\n  podSelector:\n    matchExpressions:\n      - { key: app, operator: In, values: [a], vaules: [b] }\n",
      ),
      ["vaules", ""],
      'NetworkPolicy shop/db: spec.podSelector.matchExpressions[0].vaules: unknown key "vaules" — expected one of "key", "operator" or "values". Did you mean "values"?',
    ],
    [
      "kind: Networkpolicy",
      "apiVersion: networking.k8s.io/v1\nkind: Networkpolicy\nmetadata: { name: db, namespace: shop }\n",
      ["Networkpolicy", ""],
      'Networkpolicy shop/db: kind: unknown kind "Networkpolicy" — expected a Kubernetes kind. Did you mean "NetworkPolicy"?',
    ],
    [
      "apiVersion: networking.k8s/v1",
      "apiVersion: networking.k8s/v1\nkind: NetworkPolicy\nmetadata: { name: db, namespace: shop }\n",
      ["networking.k8s/v1", ""],
      'NetworkPolicy shop/db: apiVersion: NetworkPolicy with unsupported apiVersion "networking.k8s/v1" — expected "networking.k8s.io/v1"',
    ],
    [
      "a NetworkPolicyList whose items is not a list",
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicyList\nitems: 3\n",
      ["3", "items:"],
      "items: found the number 3 — expected a list of objects",
    ],
  ] as const)("%s is an error at the field, for map and import", (_, text, [needle, after], message) => {
    const place = at("in.yaml", text, needle, after);
    for (const command of ["map", "import"]) {
      const lines = errorLines(run([command, "in.yaml"], { "in.yaml": text }));
      expect(lines).toHaveLength(1);
      expect(lines[0]?.startsWith(`${place}: `), lines[0]).toBe(true);
      if (typeof message === "string") expect(lines[0]?.slice(place.length + 2)).toBe(message);
      else expect(lines[0]?.slice(place.length + 2)).toMatch(message);
    }
  });

  it("a spec document with a misspelled apiVersion is an error for map too, not a skipped object and an empty map", () => {
    const spec = "apiVersion: netpol.dev/v1alpah1\nkind: NetworkPolicySpec\npolicies:\n  - name: p\n";
    const line = `${at("spec.yaml", spec, "netpol.dev/v1alpah1")}: found the string "netpol.dev/v1alpah1" — expected "netpol.dev/v1alpha1"`;
    expect(errorLines(run(["generate", "spec.yaml"], { "spec.yaml": spec }))).toEqual([line]);
    expect(errorLines(run(["map", "spec.yaml"], { "spec.yaml": spec }))).toEqual([line]);
  });

  it("reads the items of a nested List, and names each kind it skips once, with the count and the first place", () => {
    const text = [
      "apiVersion: v1",
      "kind: List",
      "items:",
      "  - apiVersion: v1",
      "    kind: List",
      "    items:",
      ...[PODS.split("---\n")[0], PODS.split("---\n")[1]].map(
        (p) => `      - ${(p ?? "").trimEnd().replace(/\n/g, "\n        ")}`,
      ),
      "  - { apiVersion: v1, kind: ConfigMap, metadata: { name: cm1 } }",
      "  - { apiVersion: v1, kind: Secret, metadata: { name: svc } }",
      "  - { apiVersion: v1, kind: ConfigMap, metadata: { name: cm2 } }",
      "",
    ].join("\n");
    const r = run(["map", "list.yaml"], { "list.yaml": text });
    expect(inner(r.stdout)).toEqual([
      "shop/a[Pod] => shop/b[Pod] : All Connections",
      "shop/b[Pod] => shop/a[Pod] : All Connections",
    ]);
    expect(warningLines(r)).toEqual([
      `${at("list.yaml", text, "{ apiVersion: v1, kind: ConfigMap")}: warning: skipped 2 "ConfigMap" objects, a kind netpol does not analyse (the first is here)`,
      `${at("list.yaml", text, "{ apiVersion: v1, kind: Secret")}: warning: skipped a "Secret" object, a kind netpol does not analyse`,
    ]);
  });
});

describe("bullet: a spec workload of a kind that is no workload kind", () => {
  const KINDS =
    '"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob" or "Pod"';
  it.each([
    ["Deploymnet", '. Did you mean "Deployment"?'],
    ["Service", ""],
  ])("kind: %s is an error listing the kinds", (kind, hint) => {
    const spec = `${HEAD}workloads:\n  web:\n    kind: ${kind}\n    namespace: shop\n    labels: { app: web }\n`;
    const line = `${at("spec.yaml", spec, kind)}: found the string "${kind}" — expected ${KINDS}${hint}`;
    expect(errorLines(run(["generate", "spec.yaml"], { "spec.yaml": spec }))).toEqual([line]);
    expect(errorLines(run(["map", "spec.yaml"], { "spec.yaml": spec }))).toEqual([line]);
  });
});

describe("bullet: two objects of one kind, namespace and name in map input", () => {
  it("are an error naming both positions, for NetworkPolicies and for Deployments", () => {
    const text = [
      policy("db", "spec: { podSelector: {} }\n"),
      policy("db", "spec: { podSelector: {}, policyTypes: [Egress] }\n"),
      deployment("web", "web"),
      deployment("web", "web2"),
    ].join("---\n");
    const first = (n: number) => docAt("in.yaml", text, n);
    expect(errorLines(run(["map", "in.yaml"], { "in.yaml": text }))).toEqual([
      `${first(1)}: NetworkPolicy shop/db: this object appears twice (first at ${first(0)}). Applied together, one would replace the other: remove or rename one`,
      `${first(3)}: Deployment shop/web: this object appears twice (first at ${first(2)}). Applied together, one would replace the other: remove or rename one`,
    ]);
  });
});

describe("bullet: cluster-wide policies in map input", () => {
  const cluster = (kind: string, version: string, name: string, spec: string) =>
    `apiVersion: policy.networking.k8s.io/${version}\nkind: ${kind}\nmetadata: { name: ${name} }\nspec:\n${spec}`;
  const toB =
    "    - { name: to-b, action: Deny, to: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: b } } } }] }\n";

  it("are evaluated: an Admin Deny stops what no NetworkPolicy could allow back; --explain names the rule", () => {
    const text = [
      PODS,
      cluster(
        "AdminNetworkPolicy",
        "v1alpha1",
        "anp",
        `  priority: 1\n  subject: { namespaces: {} }\n  egress:\n${toB}`,
      ),
      policy("b", "spec:\n  podSelector: { matchLabels: { app: b } }\n  ingress: [{}]\n"),
    ].join("---\n");
    const r = run(["map", "in.yaml"], { "in.yaml": text });
    expect(inner(r.stdout)).toEqual(["shop/b[Pod] => shop/a[Pod] : All Connections"]);
    expect(warningLines(r)).toEqual([]);
    const explained = run(["map", "in.yaml", "--explain"], { "in.yaml": text });
    expect(explained.stdout).toContain("\t\t\tAdminNetworkPolicy 'anp' denies connections by Egress rule to-b\n");
  });

  it("a Baseline Deny applies only where no NetworkPolicy selects the pods", () => {
    const text = [
      PODS,
      cluster(
        "ClusterNetworkPolicy",
        "v1alpha2",
        "baseline",
        `  tier: Baseline\n  priority: 1\n  subject: { namespaces: {} }\n  egress:\n${toB}`,
      ),
      cluster(
        "BaselineAdminNetworkPolicy",
        "v1alpha1",
        "default",
        "  subject: { namespaces: {} }\n  ingress:\n    - { action: Deny, from: [{ namespaces: {} }] }\n",
      ),
      policy("a", "spec:\n  podSelector: { matchLabels: { app: a } }\n  ingress: [{}]\n"),
    ].join("---\n");
    const r = run(["map", "in.yaml"], { "in.yaml": text });
    // a's NetworkPolicy admits everyone, so the Baseline ingress Deny does not apply to a; a → b meets both Denies.
    expect(inner(r.stdout)).toEqual(["shop/b[Pod] => shop/a[Pod] : All Connections"]);
    // Pod peers match pods only: external sources reach b.
    expect(r.stdout).toContain("0.0.0.0-255.255.255.255[External] => shop/b[Pod] : All Connections");
  });
});

describe("bullet: YAML 1.1 scalars, as Kubernetes reads them", () => {
  it("reads port: 010 as port 8 (the map says TCP 8), and yes/on labels as written, each with a warning at the scalar", () => {
    const text = [
      pod("a", "{ app: a, on: yes }", "[{ name: c, ports: [{ containerPort: 8 }] }]"),
      pod("b", "{ app: b }"),
      policy("a", "spec:\n  podSelector: { matchLabels: { app: a } }\n  ingress:\n    - ports: [{ port: 010 }]\n"),
    ].join("---\n");
    const r = run(["map", "in.yaml"], { "in.yaml": text });
    expect(inner(r.stdout)).toEqual([
      "shop/a[Pod] => shop/b[Pod] : All Connections",
      "shop/b[Pod] => shop/a[Pod] : TCP 8",
    ]);
    expect(warningLines(r)).toEqual([
      `${at("in.yaml", text, "on: yes")}: warning: on reads as true in YAML 1.1, as Kubernetes reads it ("on" in YAML 1.2). Quote it to mean the text, or write true`,
      `${at("in.yaml", text, "yes")}: warning: yes reads as true in YAML 1.1, as Kubernetes reads it ("yes" in YAML 1.2). Quote it to mean the text, or write true`,
      `${at("in.yaml", text, "010")}: warning: 010 reads as 8 in YAML 1.1, as Kubernetes reads it (10 in YAML 1.2). Quote it to mean the text, or write 8`,
    ]);
  });
});

describe("bullet: ports that exist nowhere", () => {
  it("a named port no selected workload defines is a warning naming the port and the workloads", () => {
    const text = [
      deployment("web", "web", ", ports: [{ containerPort: 80, name: http }]"),
      policy("web", "spec:\n  podSelector: { matchLabels: { app: web } }\n  ingress:\n    - ports: [{ port: htpp }]\n"),
    ].join("---\n");
    const r = run(["map", "in.yaml"], { "in.yaml": text });
    expect(inner(r.stdout)).toEqual([]);
    expect(warningLines(r)).toEqual([
      `${at("in.yaml", text, "htpp")}: warning: NetworkPolicy shop/web: spec.ingress[0].ports[0].port: named port TCP htpp of policy shop/web is defined by no shop/web[Deployment], so it allows nothing there. Check the name against the containers' ports`,
    ]);
  });

  it("a connection port the destination does not listen on is one warning (not one per policy), naming its ports", () => {
    const spec = `${HEAD}workloads:
  web: { kind: Deployment, namespace: shop, labels: { app: web } }
  redis: { kind: StatefulSet, namespace: shop, labels: { app: redis }, ports: [{ tcp: 6378 }] }
connections:
  - from: web
    to: redis
    ports: [{ tcp: 6379 }]
`;
    const mapped = run(["map", "spec.yaml"], { "spec.yaml": spec });
    expect(inner(mapped.stdout)).toContain("shop/web[Deployment] => shop/redis[StatefulSet] : TCP 6379");
    const warnings = warningLines(mapped);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /: warning: .*port TCP 6379 is not a container port of shop\/redis\[StatefulSet\] \(their ports: TCP 6378\)\. /,
    );
    expect(warnings[0]?.startsWith(`${at("spec.yaml", spec, "from: web")}: `)).toBe(true);
    const generated = run(["generate", "spec.yaml"], { "spec.yaml": spec });
    expect(warningLines(generated)).toEqual([
      `${at("spec.yaml", spec, "{ tcp: 6379 }")}: warning: port TCP 6379 is not a container port of redis (its ports: TCP 6378). Allow the port the pods listen on, or declare it in their containers' ports`,
    ]);
  });

  it("a policy whose selector matches no workload is a warning", () => {
    const text = `${PODS}---\n${policy("none", "spec:\n  podSelector: { matchLabels: { app: nothing } }\n")}`;
    const r = run(["map", "in.yaml"], { "in.yaml": text });
    expect(inner(r.stdout)).toHaveLength(2);
    expect(warningLines(r)).toEqual([
      `${at("in.yaml", text, "{ matchLabels: { app: nothing } }")}: warning: NetworkPolicy shop/none: spec.podSelector: this policy selects no workload or pod of the input. Check its podSelector and namespace against the workloads' labels`,
    ]);
  });
});

describe("bullet: a policy named use_common", () => {
  it("is mapped, with a warning that the API server would refuse the name", () => {
    const text = `${PODS}---\n${policy("use_common", "spec: { podSelector: { matchLabels: { app: a } }, policyTypes: [Ingress] }\n")}`;
    const r = run(["map", "in.yaml"], { "in.yaml": text });
    expect(inner(r.stdout)).toEqual(["shop/a[Pod] => shop/b[Pod] : All Connections"]);
    expect(warningLines(r)).toEqual([
      `${at("in.yaml", text, "use_common")}: warning: NetworkPolicy shop/use_common: metadata.name: invalid name "use_common" (the API server would refuse the object; it is analysed as written) — expected a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' or '.', starting and ending alphanumeric`,
    ]);
  });
});

describe("bullet: objects without metadata.name", () => {
  it("are an error (a Deployment), for map and import", () => {
    const text = `${PODS}---\n${deployment("web", "web").replace("name: web, ", "")}`;
    const line = `${at("in.yaml", text, "{ namespace: shop }", "kind: Deployment")}: Deployment shop/(unnamed): metadata.name: a Deployment without metadata.name — expected metadata.name. Every object needs a name; objects without one cannot be told apart`;
    expect(errorLines(run(["map", "in.yaml"], { "in.yaml": text }))).toEqual([line]);
    expect(errorLines(run(["import", "in.yaml"], { "in.yaml": text }))).toEqual([line]);
  });
});

describe("bullet: pods owned by a Node (static pods)", () => {
  it("are each a peer of their own", () => {
    const staticPod = (name: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: kube-system\n  labels: { tier: control-plane }\n  ownerReferences: [{ apiVersion: v1, kind: Node, name: n1, uid: u1, controller: true }]\nspec: { containers: [{ name: c }] }\n`;
    const r = run(["map", "in.yaml"], { "in.yaml": `${staticPod("etcd-n1")}---\n${staticPod("apiserver-n1")}` });
    expect(warningLines(r)).toEqual([]);
    expect(inner(r.stdout)).toEqual([
      "kube-system/apiserver-n1[Pod] => kube-system/etcd-n1[Pod] : All Connections",
      "kube-system/etcd-n1[Pod] => kube-system/apiserver-n1[Pod] : All Connections",
    ]);
  });
});

describe("bullet: import with nothing to import leaves -o FILE as it was", () => {
  const good = `${HEAD}policies:\n  - { name: keep, namespace: shop, ingress: { default: deny } }\n`;
  const NONE =
    "netpol: no NetworkPolicy found in the input, so there is nothing to import — expected manifests with NetworkPolicy objects. Check the command that produced the input";
  it.each([
    ["an empty stdin", ["import", "-", "-o", "spec.yaml"], {}, ""],
    ["stdin of comments only", ["import", "-", "-o", "spec.yaml"], {}, "# kubectl failed\n"],
    ["a file without NetworkPolicy", ["import", "in.yaml", "-o", "spec.yaml"], { "in.yaml": PODS }, undefined],
  ] as const)("%s: exit 2, the file unchanged byte for byte", (_, args, files, input) => {
    const dir = tempDir();
    for (const [name, text] of Object.entries({ ...files, "spec.yaml": good })) writeFileSync(join(dir, name), text);
    const r = netpol(args, { cwd: dir, ...(input === undefined ? {} : { input }) });
    expect(errorLines(r)).toEqual([NONE]);
    expect(readFileSync(join(dir, "spec.yaml"), "utf8")).toBe(good);
  });
});

describe("bullet: a YAML alias bomb", () => {
  it("is refused quickly with the yaml-limit message", () => {
    let text = `a: &a ["${"lol".repeat(20)}", "${"lol".repeat(20)}"]\n`;
    for (let i = 1; i < 12; i++) {
      const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]\n`;
    }
    text = text.padEnd(1000, "#");
    expect(text.length).toBeLessThanOrEqual(1024);
    // Only that it completes (runLarge bounds the run at 60 s), with the limit's message.
    const lines = errorLines(runLarge(["map", "bomb.yaml"], { "bomb.yaml": text }));
    expect(lines).toEqual([
      expect.stringMatching(
        /^bomb\.yaml:\d+:\d+: more than 100 aliases in one document\. Write the repeated parts out/,
      ),
    ]);
  });
});

describe("bullet: NetworkPolicies with absent, null or odd parts", () => {
  const cases: [string, string, { map?: string[]; error?: (text: string) => string }][] = [
    // The zero spec: every pod of the namespace, isolated for ingress, so nothing between a and b.
    ["without spec", "", { map: [] }],
    [
      "with ingress: [null] (allows all)",
      "spec: { podSelector: { matchLabels: { app: a } }, ingress: [null] }\n",
      { map: ["shop/a[Pod] => shop/b[Pod] : All Connections", "shop/b[Pod] => shop/a[Pod] : All Connections"] },
    ],
    [
      "with ports: [null] (every TCP port)",
      "spec: { podSelector: { matchLabels: { app: a } }, ingress: [{ ports: [null] }] }\n",
      { map: ["shop/a[Pod] => shop/b[Pod] : All Connections", "shop/b[Pod] => shop/a[Pod] : TCP 1-65535"] },
    ],
    [
      "with from: [null]",
      "spec: { podSelector: {}, ingress: [{ from: [null] }] }\n",
      {
        error: (t) =>
          `${at("in.yaml", t, "null")}: NetworkPolicy shop/p: spec.ingress[0].from[0]: an empty peer selects nothing — expected podSelector, namespaceSelector or ipBlock`,
      },
    ],
    [
      "with ingress that is no list",
      "spec: { podSelector: {}, ingress: { from: [] } }\n",
      {
        error: (t) =>
          `${at("in.yaml", t, "{ from: [] }")}: NetworkPolicy shop/p: spec.ingress: found a map — expected a list`,
      },
    ],
    [
      "with ports that is no list",
      "spec: { podSelector: {}, ingress: [{ ports: 80 }] }\n",
      {
        error: (t) =>
          `${at("in.yaml", t, "80", "ports: 80")}: NetworkPolicy shop/p: spec.ingress[0].ports: found the number 80 — expected a list`,
      },
    ],
    [
      "with an ipBlock without cidr",
      "spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { except: [10.1.0.0/16] } }] }] }\n",
      {
        error: (t) =>
          `${at("in.yaml", t, "{ except")}: NetworkPolicy shop/p: spec.ingress[0].from[0].ipBlock: missing key "cidr" — expected cidr: a CIDR such as 10.0.0.0/8`,
      },
    ],
    [
      "with cidr: 10",
      "spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 10 } }] }] }\n",
      {
        error: (t) =>
          `${at("in.yaml", t, "10", "cidr:")}: NetworkPolicy shop/p: spec.ingress[0].from[0].ipBlock.cidr: invalid CIDR "10" — expected a CIDR such as 10.0.0.0/8 or 2001:db8::/32. Write an address and a prefix length within range (0–32 for IPv4, 0–128 for IPv6)`,
      },
    ],
  ];
  it.each(cases)("%s: the right analysis or one error, never exit 3", (_, spec, expected) => {
    const text = `${PODS}---\n${policy("p", spec)}`;
    const r = run(["map", "in.yaml"], { "in.yaml": text });
    if (expected.map) {
      expect(warningLines(r)).toEqual([]);
      expect(inner(r.stdout)).toEqual(expected.map);
    } else expect(errorLines(r)).toEqual([expected.error?.(text)]);
  });
});

describe("bullet: null and unresolved parts of a spec", () => {
  it("selector: null and a null workload are errors at their place", () => {
    const spec = `${HEAD}policies:\n  - selector: null\nworkloads:\n  web: null\n`;
    for (const command of ["generate", "map"])
      expect(errorLines(run([command, "spec.yaml"], { "spec.yaml": spec }))).toEqual([
        `${at("spec.yaml", spec, "null")}: found empty — expected a selector: a workload name, { pods: … } or { namespaces: … }`,
        `${at("spec.yaml", spec, "null", "web:")}: found empty — expected a workload { kind, namespace?, labels, ports?, isolate? }`,
      ]);
  });

  it("an unresolved alias *nope is an error at the alias", () => {
    const spec = `${HEAD}policies:\n  - name: x\n    ingress: { rules: [{ peer: *nope }] }\n`;
    for (const command of ["generate", "map"])
      expect(errorLines(run([command, "spec.yaml"], { "spec.yaml": spec }))).toEqual([
        `${at("spec.yaml", spec, "*nope")}: unknown alias *nope: no anchor &nope before it`,
      ]);
  });
});

describe("bullet: messages echo values cut to about 80 characters", () => {
  const long = "a".repeat(100_000);
  it.each([
    [
      "a spec label",
      "spec.yaml",
      `${HEAD}policies:\n  - selector: { pods: { labels: { app: "${long}!" } } }\n`,
      "generate",
      '"a',
    ],
    [
      "a policy's matchLabels",
      "in.yaml",
      policy("p", `spec: { podSelector: { matchLabels: { app: ${long} } } }\n`),
      "map",
      "aa",
    ],
  ])("a label value of 100,000 characters in %s gives one short error line", (_, file, text, command, needle) => {
    const lines = errorLines(run([command, file], { [file]: text }));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(`${at(file, text, needle)}: `), lines[0]).toBe(true);
    expect(lines[0]).toMatch(/invalid label value "a{60,80}… \(10000\d characters\) — expected/);
    expect(lines[0]?.length).toBeLessThan(400);
  });
});

describe("bullet: messages echo values cut (manifests of workloads, pods and namespaces)", () => {
  it("a Pod's label value of 100,000 characters is one short warning: the API server would refuse the pod", () => {
    const long = "a".repeat(100_000);
    const text = pod("a", `{ app: ${long} }`);
    const lines = warningLines(run(["map", "pod.yaml"], { "pod.yaml": text }));
    expect(lines).toHaveLength(1);
    expect(
      lines[0]?.startsWith(`${at("pod.yaml", text, long.slice(0, 10))}: warning: Pod shop/a: metadata.labels.app: `),
    ).toBe(true);
    expect(lines[0]).toMatch(
      /invalid label value "a{60,80}… \(100000 characters\) \(the API server would refuse the object/,
    );
    expect(lines[0]?.length).toBeLessThan(400);
  });

  it("invalid names and labels of workloads and namespaces are said, not silently analysed", () => {
    const text = [
      deployment("Web_1", "web").replace("namespace: shop", "namespace: Shop"),
      "apiVersion: v1\nkind: Namespace\nmetadata: { name: Bad_NS, labels: { a: b c } }\n",
    ].join("---\n");
    const r = run(["map", "in.yaml"], { "in.yaml": text });
    expect(inner(r.stdout)).toEqual([]);
    const refuse = "(the API server would refuse the object; it is analysed as written)";
    expect(warningLines(r).map((l) => l.replace(/ — expected .*$/, ""))).toEqual([
      `${at("in.yaml", text, "Web_1")}: warning: Deployment Shop/Web_1: metadata.name: invalid name "Web_1" ${refuse}`,
      `${at("in.yaml", text, "Shop")}: warning: Deployment Shop/Web_1: metadata.namespace: invalid namespace name "Shop" ${refuse}`,
      `${at("in.yaml", text, "Bad_NS")}: warning: Namespace Bad_NS: metadata.name: invalid namespace name "Bad_NS" ${refuse}`,
      `${at("in.yaml", text, "b c")}: warning: Namespace Bad_NS: metadata.labels.a: invalid label value "b c" ${refuse}`,
    ]);
  });
});

describe("bullet: large inputs stay linear", () => {
  it("a spec of 40,000 policies, each with one error: 40,000 errors", () => {
    const policies = Array.from({ length: 40_000 }, (_, i) => `  - { name: p${i}, ingress: { default: denyy } }\n`);
    const spec = `${HEAD}policies:\n${policies.join("")}`;
    const lines = errorLines(runLarge(["generate", "spec.yaml"], { "spec.yaml": spec }));
    expect(lines).toHaveLength(40_000);
    expect(lines[39_999]).toBe(
      `${at("spec.yaml", spec, "denyy", "p39999,")}: found the string "denyy" — expected "deny" or "allow". Did you mean "deny"?`,
    );
  }, 90_000);

  it("a workload with 40,000 labels: read, and each invalid one reported", () => {
    const labels = (bad: string) => Array.from({ length: 40_000 }, (_, i) => `      l${i}: v${i}${bad}\n`).join("");
    const spec = (bad: string) =>
      `${HEAD}workloads:\n  web:\n    kind: Deployment\n    namespace: shop\n    labels:\n${labels(bad)}policies:\n  - { selector: web, ingress: { default: deny } }\n`;
    const good = runLarge(["generate", "spec.yaml"], { "spec.yaml": spec("") });
    expect(warningLines(good)).toEqual([]);
    expect(good.stdout.match(/^ {6}l\d+: v\d+$/gm)).toHaveLength(40_000);
    const bad = errorLines(runLarge(["generate", "spec.yaml"], { "spec.yaml": spec("!") }));
    expect(bad).toHaveLength(40_000);
    expect(bad[39_999]).toMatch(new RegExp(`^${at("spec.yaml", spec("!"), "v39999!")}: invalid label value "v39999!"`));
  }, 120_000);
});

describe("bullet: --explain", () => {
  it("lists the policies isolating a pod sorted by name, whatever their order in the input", () => {
    const isolating = (name: string) =>
      policy(name, "spec: { podSelector: { matchLabels: { app: a } }, policyTypes: [Ingress] }\n");
    const text = [PODS, isolating("zeta"), isolating("alpha")].join("---\n");
    const r = run(["map", "in.yaml", "--explain", "--focus-workload", "shop/b"], { "in.yaml": text });
    expect(warningLines(r)).toEqual([]);
    expect(r.stdout).toContain(
      [
        "\t\tIngress (Denied)",
        "\t\t\tNetworkPolicy list:",
        "\t\t\t\t- NetworkPolicy 'shop/alpha' selects shop/a[Pod], but shop/b[Pod] is not allowed by any Ingress rule (no rules defined)",
        "\t\t\t\t- NetworkPolicy 'shop/zeta' selects shop/a[Pod], but shop/b[Pod] is not allowed by any Ingress rule (no rules defined)",
        "",
      ].join("\n"),
    );
  });
});

describe("bullet: generated YAML escapes the line breaks of YAML 1.1", () => {
  it("U+2028 and U+0085 in an annotation come back the same through a YAML 1.1 reader", () => {
    const note = "a\u2028b\u0085c\u2029d";
    // Escaped in the spec, so the fixture is plain ASCII.
    const spec = `${HEAD}policies:\n  - name: p\n    annotations: { note: "a\\u2028b\\u0085c\\u2029d" }\n    ingress: { default: deny }\n`;
    const r = run(["generate", "spec.yaml"], { "spec.yaml": spec });
    expect(warningLines(r)).toEqual([]);
    expect(r.stdout).not.toMatch(/[\u2028\u0085\u2029]/);
    expect(parse(r.stdout, { version: "1.1" })).toMatchObject({ metadata: { annotations: { note } } });
  });
});

// Also covered by errors.test.ts ("an IPv6 range as ipv4"); here with its exact place, through generate and map.
describe("bullet: the CIDR family hint is in spec syntax", () => {
  it("{ ipv4: 2001:db8::/32 } says how to write it as ipv6", () => {
    const spec = `${HEAD}policies:\n  - namespace: shop\n    egress:\n      rules:\n        - peer: { ipv4: 2001:db8::/32 }\n`;
    const line = `${at("spec.yaml", spec, "2001:db8::/32")}: CIDR "2001:db8::/32" is ipv6 — expected an ipv4 CIDR. Write it as { ipv6: 2001:db8::/32 }`;
    expect(errorLines(run(["generate", "spec.yaml"], { "spec.yaml": spec }))).toEqual([line]);
    expect(errorLines(run(["map", "spec.yaml"], { "spec.yaml": spec }))).toEqual([line]);
  });
});
