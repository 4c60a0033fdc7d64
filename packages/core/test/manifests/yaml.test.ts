import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/errors.js";
import { DEFAULT_YAML_LIMITS, positionOf, readYaml } from "../../src/manifests/yaml.js";

/** The plain value of a one-document text, failing on any error. */
function plainValue(text: string): unknown {
  const r = readYaml(text, "t.yaml");
  expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(r.documents).toHaveLength(1);
  return r.documents[0]?.value;
}

const codes = (problems: readonly Diagnostic[]) => problems.map((p) => `${p.code}@${p.line}:${p.column}`);

describe("readYaml: scalars as Kubernetes reads them (go-yaml v2 behind sigs.k8s.io/yaml)", () => {
  // Facts from go-yaml v2's resolve.go and its decode tests; Go's strconv.ParseInt(s, 0, 64) after dropping `_`.
  const cases: [string, unknown][] = [
    ...["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map((s): [string, unknown] => [
      s,
      true,
    ]),
    ...["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map((s): [string, unknown] => [
      s,
      false,
    ]),
    ["yEs", "yEs"],
    ["oN", "oN"],
    ["~", null],
    ["null", null],
    ["NULL", null],
    ["010", 8],
    ["05432", 2842],
    ["-010", -8],
    ["0_10", 8],
    ["08", 8], // no octal: go-yaml falls back to a float, 8 all the same
    ["0", 0],
    ["0x1F", 31],
    ["0X1F", 31],
    ["-0x1F", -31],
    ["0b101", 5],
    ["0B101", 5],
    ["-0b101", -5],
    ["0o17", 15], // Go ≥ 1.13 reads 0o, as YAML 1.2 does
    ["1_000", 1000],
    ["+685_230", 685230],
    ["0x_0A_74_AE", 685230],
    ["685_230.15", 685230.15],
    ["1e3", 1000],
    [".5", 0.5],
    [".inf", Number.POSITIVE_INFINITY],
    ["-.Inf", Number.NEGATIVE_INFINITY],
    [".NaN", Number.NaN],
    // go-yaml v2 does not read base 60 ("purposefully unsupported"), unlike yaml's yaml-1.1 schema (90, 685230).
    ["1:30", "1:30"],
    ["190:20:30", "190:20:30"],
    // Timestamps stay strings when decoded into interface{}, unlike yaml's yaml-1.1 schema (a Date).
    ["2001-12-14", "2001-12-14"],
    // Go's ParseFloat fails on overflow and go-yaml keeps the text (yaml reads Infinity).
    ["1e400", "1e400"],
    ["0x10000000000000000", "0x10000000000000000"],
    ["12345678901234567890", Number(12345678901234567890n)], // a uint64
    ["0x", "0x"],
    ["+", "+"],
    ["-x", "-x"],
  ];
  it.each(cases)("reads %s", (source, expected) => {
    expect((plainValue(`v: ${source}\n`) as { v: unknown }).v).toEqual(expected);
  });

  it("reads quoted, block and tagged scalars as written", () => {
    expect(plainValue("a: '010'\nb: \"yes\"\nc: !!str on\nd: |\n  010\n")).toEqual({
      a: "010",
      b: "yes",
      c: "on",
      d: "010\n",
    });
  });

  it("reads !!set and !!omap as the plain collections they are written as, as go-yaml v2 does", () => {
    const r = readYaml("a: !!omap [b: 1]\nc: !!set {d, e}\n", "t.yaml");
    expect(r.documents[0]?.value).toEqual({ a: [{ b: 1 }], c: { d: null, e: null } });
    expect(r.problems.map((p) => [p.severity, p.message])).toEqual([
      ["warning", "questionable YAML: unresolved tag: tag:yaml.org,2002:omap"],
      ["warning", "questionable YAML: unresolved tag: tag:yaml.org,2002:set"],
    ]);
  });

  it("reads keys the same way, then as strings", () => {
    expect(plainValue("010: a\non: b\n1.5: c\n")).toEqual({ "8": "a", true: "b", "1.5": "c" });
  });

  it("merges << keys in document order, as go-yaml v2 does", () => {
    const text = [
      "base: &base {a: 1, b: 1}",
      "other: &other {b: 2, c: 2}",
      "after: {a: 0, <<: *base}", // go-yaml v2 lets a later merge overwrite; the YAML merge spec and yaml keep a: 0
      "before: {<<: *base, a: 0}",
      "list: {<<: [*other, *base]}", // in a list, earlier maps win
      "",
    ].join("\n");
    expect(plainValue(text)).toMatchObject({
      after: { a: 1, b: 1 },
      before: { a: 0, b: 1 },
      list: { a: 1, b: 2, c: 2 },
    });
  });

  it("refuses a merge of anything but maps, as go-yaml v2 does", () => {
    const r = readYaml("a: &s [1]\nb:\n  <<: *s\n---\nc: 1\n", "m.yaml");
    expect(codes(r.problems)).toEqual(["yaml-merge@3:7"]);
    expect(r.documents.map((d) => d.index)).toEqual([1]);
  });
});

describe("readYaml: warnings where YAML 1.1 and 1.2 disagree", () => {
  it("warns once per plain scalar that reads otherwise in YAML 1.2, at the scalar", () => {
    const r = readYaml("spec:\n  port: 010\n  enabled: yes\n  big: 1_000\n  on: x\n", "w.yaml");
    expect(r.problems).toEqual([
      {
        severity: "warning",
        code: "yaml-1.1",
        path: [],
        args: { text: "010", yaml11: 8, yaml12: 10 },
        message: "010 reads as 8 in YAML 1.1, as Kubernetes reads it (10 in YAML 1.2)",
        hint: "Quote it to mean the text, or write 8",
        file: "w.yaml",
        line: 2,
        column: 9,
      },
      expect.objectContaining({ message: 'yes reads as true in YAML 1.1, as Kubernetes reads it ("yes" in YAML 1.2)' }),
      expect.objectContaining({ line: 4, column: 8 }),
      expect.objectContaining({ line: 5, column: 3, message: expect.stringMatching(/^on reads as true/) }),
    ]);
    expect(r.documents[0]?.value).toEqual({ spec: { port: 8, enabled: true, big: 1000, true: "x" } });
  });

  it("says nothing where both read the same, or the text is quoted", () => {
    const r = readYaml("a: 10\nb: true\nc: 0x1F\nd: '010'\ne: !!str yes\nf: 0o17\ng: 08\nh: text\ni: ~\n", "q.yaml");
    expect(r.problems).toEqual([]);
  });

  it("warns once for an anchored scalar, however often it is aliased", () => {
    const r = readYaml("a: &p 010\nb: [*p, *p]\n", "a.yaml");
    expect(codes(r.problems)).toEqual(["yaml-1.1@1:7"]);
    expect(r.documents[0]?.value).toEqual({ a: 8, b: [8, 8] });
  });

  it("cuts long echoed values", () => {
    const r = readYaml(`a: 1${"_0".repeat(100)}\n`, "l.yaml");
    expect(r.problems[0]?.message.startsWith(`1${"_0".repeat(39)}…`)).toBe(true);
  });
});

describe("readYaml: duplicate keys", () => {
  const policy = [
    "apiVersion: networking.k8s.io/v1",
    "kind: NetworkPolicy",
    "metadata:",
    "  name: db",
    "spec:",
    "  podSelector: {}",
    "  ingress: []",
    "  policyTypes: [Ingress]",
    "  ingress: [{}]",
    "",
  ].join("\n");

  it("are an error at the second key, naming the first, and drop the document", () => {
    const r = readYaml(policy, "p.yaml");
    expect(r.problems).toEqual([
      {
        severity: "error",
        code: "yaml-duplicate-key",
        path: [],
        args: { key: "ingress", firstLine: 7 },
        message: 'duplicate key "ingress" (first at line 7)',
        hint: "Remove one: Kubernetes keeps the last or refuses the object",
        file: "p.yaml",
        line: 9,
        column: 3,
      },
    ]);
    expect(r.documents).toEqual([]);
  });

  it("are found at any depth, in flow maps, and between keys that read the same", () => {
    const r = readYaml("a:\n  b: [{c: 1, c: 2}]\n1: x\n01: y\nyes: 1\ntrue: 2\n", "d.yaml");
    expect(codes(r.problems.filter((p) => p.severity === "error"))).toEqual([
      "yaml-duplicate-key@2:14",
      "yaml-duplicate-key@4:1",
      "yaml-duplicate-key@6:1",
    ]);
  });

  it("are not merged keys, nor keys of separate maps", () => {
    expect(plainValue("b: &b {x: 1}\nm: {<<: *b, x: 2}\nn: {<<: *b, <<: *b}\no: [{x: 1}, {x: 1}]\n")).toBeDefined();
  });

  it("refuses a map or list as a key, as go-yaml v2 does", () => {
    expect(codes(readYaml("? [a]\n: 1\n", "k.yaml").problems)).toEqual(["yaml-key@1:3"]);
  });

  it("are found in linear time: 40,000 keys in one map (sanity bound only)", () => {
    const text = `${Array.from({ length: 40_000 }, (_, i) => `label${i}: v`).join("\n")}\nlabel7: again\n`;
    const start = performance.now();
    const r = readYaml(text, "big.yaml");
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(codes(r.problems)).toEqual(["yaml-duplicate-key@40001:1"]);
  });
});

describe("readYaml: aliases", () => {
  const laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (const [i, name] of [..."bcdefghi"].entries()) {
    const previous = "abcdefghi"[i] ?? "";
    laughs.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
  }

  it("refuses a billion laughs quickly", () => {
    const start = performance.now();
    const r = readYaml(`${laughs.join("\n")}\n---\nafter: 1\n`, "bomb.yaml");
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: "yaml-limit",
        message: "more than 100 aliases in one document",
        line: 3,
        column: 8,
        hint: "Write the repeated parts out, or raise maxAliases",
      }),
    ]);
    expect(r.documents.map((d) => d.value)).toEqual([{ after: 1 }]);
  });

  it("bounds what few aliases of a large node may copy", () => {
    const text = `big: &big [${Array(2_000).fill("1").join(",")}]\ncopies: [${Array(10).fill("*big").join(", ")}]\n`;
    expect(readYaml(text, "c.yaml").problems).toEqual([
      expect.objectContaining({
        code: "yaml-limit",
        message: "aliases copy more than 10000 nodes, the document's size",
        hint: "Write them out",
      }),
    ]);
  });

  it("copies aliased nodes, bound where the alias stands", () => {
    const r = readYaml("- &x {a: [1]}\n- &y 1\n- [*x, *y]\n- &y 2\n- *y\n", "a.yaml");
    const v = r.documents[0]?.value as [unknown, unknown, [{ a: unknown[] }, unknown], unknown, unknown];
    expect(v).toEqual([{ a: [1] }, 1, [{ a: [1] }, 1], 2, 2]);
    expect(v[2][0]).not.toBe(v[0]);
  });

  it("report an unknown or self-referring alias at its position, and keep reading", () => {
    const r = readYaml("a: *nope\n---\nb: &s [1, *s]\n---\nc: 1\n", "u.yaml");
    expect(r.problems.map((p) => [p.code, p.message, p.line, p.column])).toEqual([
      ["yaml-alias", "unknown alias *nope: no anchor &nope before it", 1, 4],
      ["yaml-alias", "alias *s sits inside its own anchor &s", 3, 11],
    ]);
    expect(r.documents.map((d) => [d.index, d.value])).toEqual([[2, { c: 1 }]]);
  });

  it("honour a smaller maxAliases", () => {
    expect(codes(readYaml("a: &a 1\nb: [*a, *a]\n", "s.yaml", { maxAliases: 1 }).problems)).toEqual(["yaml-limit@2:9"]);
  });
});

describe("readYaml: size, depth and document limits", () => {
  it("refuses text over maxBytes without parsing it", () => {
    const r = readYaml("a: é\n", "s.yaml", { maxBytes: 5 });
    expect(r).toEqual({
      documents: [],
      problems: [
        {
          severity: "error",
          code: "yaml-limit",
          path: [],
          args: { limit: "maxBytes", value: 5, found: 6 },
          message: "more than 5 bytes (6)",
          hint: "Split the file, or raise maxBytes",
          file: "s.yaml",
          line: 1,
          column: 1,
        },
      ],
    });
  });

  it("refuses nesting deeper than maxDepth without overflowing the stack", () => {
    const r = readYaml("[".repeat(100_000), "deep.yaml");
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: "yaml-limit",
        message: `nesting deeper than ${DEFAULT_YAML_LIMITS.maxDepth} levels; the rest of the file is not read`,
        hint: "Flatten it, or raise maxDepth",
        line: 1,
        column: 257,
      }),
    ]);
  });

  it("counts block nesting too, and keeps the documents before", () => {
    const r = readYaml("a: 1\n---\na:\n  b:\n    - - c\n", "d.yaml", { maxDepth: 3 });
    expect(codes(r.problems)).toEqual(["yaml-limit@5:7"]);
    expect(r.documents.map((d) => d.value)).toEqual([{ a: 1 }]);
    expect(readYaml("a:\n  b:\n    - c\n", "d.yaml", { maxDepth: 3 }).problems).toEqual([]);
  });

  it("counts nesting through aliases", () => {
    const r = readYaml("a: &a [[1]]\nb: [[*a]]\n", "d.yaml", { maxDepth: 4 });
    expect(codes(r.problems)).toEqual(["yaml-limit@1:9"]);
  });

  it("stops after maxDocuments", () => {
    const r = readYaml("a: 1\n---\nb: 2\n---\nc: 3\n", "n.yaml", { maxDocuments: 2 });
    expect(r.documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: "yaml-limit",
        message: "more than 2 documents; the rest of the file is not read",
        hint: "Split the file, or raise maxDocuments",
        line: 4,
        column: 1,
      }),
    ]);
  });
});

describe("readYaml: syntax errors and empty documents", () => {
  it("reports every error of every document with its position, and reads the rest", () => {
    const text = "a: 1\n---\nb: [1\n---\n# only a comment\n---\nc: 2\n  d: 3\n---\n---\ne: 5\n";
    const r = readYaml(text, "x.yaml");
    expect(r.documents.map((d) => [d.index, d.value])).toEqual([
      [0, { a: 1 }],
      [5, { e: 5 }],
    ]);
    expect(r.problems.length).toBeGreaterThanOrEqual(2);
    for (const p of r.problems) {
      expect(p).toMatchObject({ severity: "error", code: "yaml-syntax", file: "x.yaml" });
      expect(p.message).toMatch(/^malformed YAML: /);
      expect(p.message).not.toMatch(/\n| at line \d+, column \d+/);
    }
    // yaml notices the unclosed [ at the next ---, and the stray `d: 3` at the value it would nest in.
    expect(new Set(r.problems.map((p) => p.line))).toEqual(new Set([4, 7]));
  });

  it("reads a tab that starts a line inside a flow collection as go-yaml v2 does: white space", () => {
    // From netpol-analyzer's acs-security-demos-added-workloads: a tab before an item of a flow sequence.
    const text =
      'args:\n  [\n    "-jar",\n\t    "-Dlisten=8080",\n    "app.jar",\n  ]\nb: {x: 1,\n\tz: "two\n\tlines"}\n';
    expect(plainValue(text)).toEqual({ args: ["-jar", "-Dlisten=8080", "app.jar"], b: { x: 1, z: "two lines" } });
    expect(plainValue(`\ufeff${text}`)).toEqual(plainValue(text));
    const r = readYaml(`${text}---\nc: [1,\n\t2]\n---\nd: 1\n  e: 2\n`, "t.yaml");
    expect(r.documents.map((d) => d.value)).toEqual([plainValue(text), { c: [1, 2] }]);
    expect(new Set(codes(r.problems))).toEqual(new Set(["yaml-syntax@14:4"]));
  });

  it("still refuses a tab that starts a line outside flow collections, as go-yaml v2 does", () => {
    for (const text of ["a:\n\tb: 1\n", "a: [1]\nb:\n\t- 2\n", "a: |\n  x\n\ty\nb: [1,\n\t2]\n"]) {
      const r = readYaml(text, "t.yaml");
      expect(r.problems.some((p) => p.severity === "error")).toBe(true);
    }
  });

  it("gives nothing for an empty text or one of comments", () => {
    expect(readYaml("", "e.yaml")).toEqual({ documents: [], problems: [] });
    expect(readYaml("# nothing\n---\n", "e.yaml")).toEqual({ documents: [], problems: [] });
  });

  it("never throws, whatever the text", () => {
    const sample = 'a: &x {b: [1, "two", *x]}\n---\n? [c]\n: !!int d\n<<: 010\n"\\u2028": |\n  e\n- f\n{[}\n';
    for (let i = 0; i <= sample.length; i++) {
      expect(() => readYaml(sample.slice(0, i), "f.yaml")).not.toThrow();
      expect(() => readYaml(sample.slice(i), "f.yaml")).not.toThrow();
      expect(() => readYaml(`${sample.slice(0, i)}\u0000\t${sample.slice(i)}`, "f.yaml")).not.toThrow();
    }
  });
});

describe("positionOf", () => {
  const text = [
    "items:", //                             1
    "- metadata:", //                        2
    "    labels:", //                        3
    "      app.kubernetes.io/name: web", //  4
    "    empty:", //                         5
    "  spec:", //                            6
    "    ports:", //                         7
    "    - port: 80", //                     8
    "      010: x", //                       9
    "",
  ].join("\n");
  const doc = () => {
    const d = readYaml(text, "p.yaml").documents[0];
    if (!d) throw new Error("no document");
    return d;
  };

  it("finds keys (dots and all) and indices, 1-based", () => {
    expect(positionOf(doc(), ["items", 0, "metadata", "labels", "app.kubernetes.io/name"])).toEqual({
      line: 4,
      column: 31,
    });
    expect(positionOf(doc(), ["items", 0, "spec", "ports", 0, "port"])).toEqual({ line: 8, column: 13 });
    expect(positionOf(doc(), ["items", 0, "spec", "ports", 0, "port"], { onKey: true })).toEqual({
      line: 8,
      column: 7,
    });
  });

  it("stops at the deepest part that exists", () => {
    expect(positionOf(doc(), ["items", 0, "spec", "ports", 3, "port"])).toEqual({ line: 8, column: 5 });
    expect(positionOf(doc(), ["items", 0, "spec", "nope", "deeper"])).toEqual({ line: 7, column: 5 });
    expect(positionOf(doc(), ["items", 0, "spec", "nope"], { onKey: true })).toEqual({ line: 6, column: 3 });
    expect(positionOf(doc(), ["elsewhere"])).toEqual({ line: 1, column: 1 });
  });

  it("locates an empty value at its key, and keys as the value names them", () => {
    expect(positionOf(doc(), ["items", 0, "metadata", "empty"])).toEqual({ line: 5, column: 5 });
    expect(positionOf(doc(), ["items", 0, "spec", "ports", 0, "8"])).toEqual({ line: 9, column: 12 });
  });
});

describe("readYaml: JSON and Unicode", () => {
  it("reads JSON, with positions", () => {
    const r = readYaml('{\n  "kind": "Pod",\n  "spec": {"ports": [80, 443]}\n}\n', "j.json");
    const d = r.documents[0];
    expect(r.problems).toEqual([]);
    expect(d?.value).toEqual({ kind: "Pod", spec: { ports: [80, 443] } });
    expect(d && positionOf(d, ["spec", "ports", 1])).toEqual({ line: 3, column: 26 });
  });

  it("skips a byte-order mark, columns as editors count them", () => {
    const r = readYaml("\uFEFFa: 010\n", "b.yaml");
    expect(r.documents[0]?.value).toEqual({ a: 8 });
    expect(codes(r.problems)).toEqual(["yaml-1.1@1:4"]);
  });

  it("keeps U+2028 and U+0085 inside quoted strings", () => {
    // go-yaml v2 takes U+0085, U+2028 and U+2029 for line breaks and would fold them into spaces; YAML 1.2 does not.
    expect(plainValue("a: \"x\u2028y\"\nb: 'x\u0085y'\n")).toEqual({ a: "x\u2028y", b: "x\u0085y" });
  });
});
