// Random mutations of valid manifests and spec files, through the built binary: whatever the input, netpol answers
// with exit 0 or 2 (never 3, never a crash), prints no stack trace, leaves an -o file byte for byte as it was when it
// fails, and an import that succeeds means what its input meant (import → generate → map gives the original's map).
// Seeded (NETPOL_FUZZ_SEED, NETPOL_FUZZ_RUNS to explore further); subprocesses run 4 at a time.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { hasStackTrace, inBatches, netpolAsync, type Run, tempDir } from "./helpers.js";

const SEED = Number(process.env.NETPOL_FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.NETPOL_FUZZ_RUNS ?? 40);
/** A sample takes about a second of wall time at worst (up to 4 runs of the binary); more runs, more time. */
const TIMEOUT = Math.max(300_000, RUNS * 2_000);

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: small valid inputs, in block style so that line mutations hit every part.

const MANIFESTS = [
  `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: web
`,
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          ports:
            - containerPort: 8080
              name: http
`,
  `apiVersion: v1
kind: Pod
metadata:
  name: db-0
  namespace: shop
  labels:
    app: db
spec:
  containers:
    - name: db
      ports:
        - containerPort: 5432
          protocol: TCP
`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: db
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
        - namespaceSelector:
            matchLabels:
              team: web
          podSelector:
            matchExpressions:
              - key: app
                operator: In
                values:
                  - web
                  - api
      ports:
        - protocol: TCP
          port: 5432
        - port: http
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/8
            except:
              - 10.1.0.0/16
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 8000
          endPort: 8080
`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
    - {}
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: db
        - ipBlock:
            cidr: 2001:db8::/32
      ports:
        - port: 5432
`,
];

const SPEC = `apiVersion: netpol.dev/v1alpha1
kind: NetworkPolicySpec
namespaces:
  shop:
    labels:
      team: web
workloads:
  web:
    kind: Deployment
    namespace: shop
    labels:
      app: web
    ports:
      - tcp: 8080
        name: http
  db:
    kind: StatefulSet
    namespace: shop
    labels:
      app: db
    ports:
      - tcp: 5432
    isolate: true
policies:
  - name: db-ingress
    selector: db
    ingress:
      default: deny
      rules:
        - peer: web
          ports:
            - tcp: 5432
        - peers:
            - pods:
                labels:
                  app: api
                namespaces:
                  names:
                    - shop
            - ipv4: 10.0.0.0/8
              except:
                - 10.1.0.0/16
          ports:
            - tcp: 8000-8080
            - udp: all
  - name: web-egress
    namespace: shop
    selector:
      pods:
        labels:
          app: web
    egress:
      rules:
        - peer:
            namespaces:
              labels:
                team: web
connections:
  - from: web
    to: db
    ports:
      - tcp: 5432
  - from: web
    to:
      ipv6: 2001:db8::/32
`;

// ---------------------------------------------------------------------------------------------------------------
// Mutations: of the text, and of the value.

/** Scalars a mutation writes in place of another (as YAML text). */
const SCALARS = [
  "null",
  "~",
  "[]",
  "{}",
  '"yes"',
  "yes",
  "on",
  "010",
  "0",
  "-1",
  "65536",
  "1.5",
  '""',
  "x".repeat(200),
];
/** Values of the wrong type (as JSON values). */
const VALUES: unknown[] = [
  null,
  0,
  80,
  -1,
  1.5,
  "",
  "x",
  "yes",
  "010",
  true,
  [],
  {},
  [null],
  { a: "b" },
  "y".repeat(300),
];

/** A change of the text at line (or character) `at`; `from` picks the line copied, `value` the scalar, `by` the indent. */
interface TextMutation {
  readonly kind: "delete-line" | "duplicate-line" | "swap-chars" | "copy-scalar" | "replace-scalar" | "indent";
  readonly at: number;
  readonly from: number;
  readonly value: string;
  readonly by: number;
}

/** A change of one value of one document: dropped, set to null, or set to `value`. */
interface ValueMutation {
  readonly kind: "drop-key" | "set-null" | "wrong-type";
  /** Which document. */
  readonly doc: number;
  /** How deep in it: 1 is a top-level field (spec, metadata), and shallow fields are the likelier. */
  readonly depth: number;
  readonly at: number;
  readonly value: unknown;
}

const at = fc.nat({ max: 100_000 });
const textMutation: fc.Arbitrary<TextMutation> = fc.record({
  kind: fc.constantFrom(
    "delete-line" as const,
    "duplicate-line" as const,
    "swap-chars" as const,
    // Another line's value: often still valid (app: db for app: web, a port for a port), so imports succeed too.
    "copy-scalar" as const,
    "replace-scalar" as const,
    "indent" as const,
  ),
  at,
  from: at,
  value: fc.constantFrom(...SCALARS),
  by: fc.constantFrom(-2, -1, 1, 2),
});
const valueMutation: fc.Arbitrary<ValueMutation> = fc.record({
  kind: fc.constantFrom("drop-key" as const, "set-null" as const, "wrong-type" as const),
  doc: at,
  depth: fc.oneof(
    { arbitrary: fc.constant(1), weight: 8 },
    { arbitrary: fc.constant(2), weight: 4 },
    { arbitrary: fc.constant(3), weight: 2 },
    { arbitrary: fc.integer({ min: 4, max: 12 }), weight: 2 },
  ),
  at,
  value: fc.constantFrom(...VALUES),
});

/** Lines that hold a `key: value` scalar after the colon, for replace-scalar. */
const SCALAR_LINE = /^(\s*(?:- )?[^:#\s][^:#]*:\s+)([^\s{[|>&*#][^#]*?)\s*$/;

function mutateText(text: string, m: TextMutation): string {
  const lines = text.split("\n");
  const i = m.at % Math.max(1, lines.length - 1);
  const line = lines[i] ?? "";
  switch (m.kind) {
    case "delete-line":
      lines.splice(i, 1);
      break;
    case "duplicate-line":
      lines.splice(i, 0, line);
      break;
    case "swap-chars": {
      const j = m.at % Math.max(1, text.length - 1);
      return text.slice(0, j) + text.charAt(j + 1) + text.charAt(j) + text.slice(j + 2);
    }
    case "replace-scalar":
    case "copy-scalar": {
      // The scalar of the first line from i on that has one.
      const scalars = lines.flatMap((l, n) => {
        const match = SCALAR_LINE.exec(l);
        return match ? [{ n, key: match[1] as string, value: match[2] as string }] : [];
      });
      const target = scalars.find((x) => x.n >= i) ?? scalars[0];
      const value = m.kind === "copy-scalar" ? scalars[m.from % Math.max(1, scalars.length)]?.value : m.value;
      if (target && value !== undefined) lines[target.n] = `${target.key}${value}`;
      break;
    }
    case "indent":
      lines[i] = m.by > 0 ? " ".repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), "");
      break;
  }
  return lines.join("\n");
}

type Path = readonly (string | number)[];

/** Every path into a plain value (the root excluded), depth first. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return [];
}

function mutateValue(docs: readonly unknown[], m: ValueMutation): unknown[] {
  const copy = structuredClone([...docs]);
  const doc = m.doc % Math.max(1, copy.length);
  // A path at the chosen depth in the document (the deepest there is, if it is shallower).
  const all = paths(copy[doc]);
  const depth = Math.min(m.depth, Math.max(0, ...all.map((p) => p.length)));
  const group = all.filter((p) => p.length === depth);
  const inner = group[m.at % Math.max(1, group.length)];
  if (inner === undefined) return copy;
  const path = [doc, ...inner];
  let parent = copy as unknown as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (m.kind === "drop-key") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = m.kind === "set-null" ? null : structuredClone(m.value);
  return copy;
}

/** YAML documents as plain values (fixtures are plain YAML: 1.1 and 1.2 read them alike). */
const values = (text: string): unknown[] => parseAllDocuments(text).map((d) => d.toJS());

/** A fixture's text after 1 or 2 mutations: of its text, or of its values (then written as JSON documents). */
const mutated = (fixtures: fc.Arbitrary<string>) =>
  fc.oneof(
    fc
      .tuple(fixtures, fc.array(textMutation, { minLength: 1, maxLength: 2 }))
      .map(([text, ms]) => ms.reduce(mutateText, text)),
    fc.tuple(fixtures, fc.array(valueMutation, { minLength: 1, maxLength: 2 })).map(([text, ms]) =>
      ms
        .reduce(mutateValue, values(text))
        .map((v) => JSON.stringify(v))
        .join("\n---\n")
        .concat("\n"),
    ),
  );

const manifestInputs = mutated(fc.subarray(MANIFESTS, { minLength: 1 }).map((docs) => docs.join("---\n")));
const specInputs = mutated(fc.constant(SPEC));

// ---------------------------------------------------------------------------------------------------------------
// Properties.

const KNOWN = "# known bytes: netpol must leave this file alone when it fails\n";

/** Problems of one run: an exit code other than 0 or 2, a stack trace. */
function runProblems(what: string, r: Run): string[] {
  const out: string[] = [];
  if (r.status !== 0 && r.status !== 2) out.push(`${what}: exit ${r.status}\n${r.stderr}`);
  if (hasStackTrace(r.stderr)) out.push(`${what}: stack trace\n${r.stderr}`);
  return out;
}

/** The documents of `text` that are no NetworkPolicy, as written; undefined when a List could hide one. */
function otherDocuments(text: string): string | undefined {
  const out: string[] = [];
  for (const doc of parseAllDocuments(text, { version: "1.1" })) {
    const kind = (doc.toJS() as { kind?: unknown } | null)?.kind;
    if (typeof kind === "string" && kind.endsWith("List")) return undefined;
    if (kind !== "NetworkPolicy" && doc.contents) out.push(text.slice(doc.contents.range[0], doc.contents.range[2]));
  }
  return out.map((d) => `---\n${d}\n`).join("");
}

/** What one sample showed: its problems, and whether it went all the way (a round trip was compared). */
interface Checked {
  readonly problems: string[];
  readonly roundTrip: boolean;
}

async function checkManifests(text: string): Promise<Checked> {
  const dir = tempDir();
  writeFileSync(join(dir, "in.yaml"), text);
  writeFileSync(join(dir, "spec.yaml"), KNOWN);
  const map = await netpolAsync(["map", "in.yaml"], "", dir);
  const imported = await netpolAsync(["import", "in.yaml", "-o", "spec.yaml"], "", dir);
  const problems = [...runProblems("map", map), ...runProblems("import", imported)];
  const spec = readFileSync(join(dir, "spec.yaml"), "utf8");
  if (imported.status !== 0) {
    if (spec !== KNOWN) problems.push(`import failed (exit ${imported.status}) and changed -o spec.yaml`);
    return { problems, roundTrip: false };
  }
  // A successful import means what the input means.
  if (map.status !== 0) problems.push(`import succeeded but map failed:\n${map.stderr}`);
  const others = otherDocuments(text);
  if (others === undefined || problems.length > 0) return { problems, roundTrip: false };
  writeFileSync(join(dir, "others.yaml"), others);
  const generated = await netpolAsync(["generate", "spec.yaml", "-o", "policies.yaml"], "", dir);
  problems.push(...runProblems("generate of the imported spec", generated));
  if (generated.status !== 0)
    return { problems: [...problems, `generate of the imported spec failed:\n${generated.stderr}`], roundTrip: false };
  const again = await netpolAsync(["map", "others.yaml", "policies.yaml"], "", dir);
  problems.push(...runProblems("map of the generated policies", again));
  if (again.status !== 0) problems.push(`map of the generated policies failed:\n${again.stderr}`);
  else if (again.stdout !== map.stdout)
    problems.push(`import → generate → map differs from map:\n--- map\n${map.stdout}--- round trip\n${again.stdout}`);
  return { problems, roundTrip: true };
}

/** True when the text is one document of netpol's kind or API group (map reads anything else as manifests). */
function meantAsSpec(text: string): boolean {
  const docs = parseAllDocuments(text, { version: "1.1" });
  if (docs.length !== 1 || docs[0]?.errors.length) return false;
  const { apiVersion, kind } = (docs[0]?.toJS() ?? {}) as { apiVersion?: unknown; kind?: unknown };
  return kind === "NetworkPolicySpec" || (typeof apiVersion === "string" && apiVersion.startsWith("netpol.dev/"));
}

async function checkSpec(text: string): Promise<Checked> {
  const dir = tempDir();
  writeFileSync(join(dir, "in.yaml"), text);
  writeFileSync(join(dir, "out.yaml"), KNOWN);
  const generated = await netpolAsync(["generate", "in.yaml", "-o", "out.yaml"], "", dir);
  const map = await netpolAsync(["map", "in.yaml"], "", dir);
  const problems = [...runProblems("generate", generated), ...runProblems("map", map)];
  const out = readFileSync(join(dir, "out.yaml"), "utf8");
  if (generated.status !== 0 && out !== KNOWN) problems.push("generate failed and changed -o out.yaml");
  if (generated.status === 0 && out === KNOWN) problems.push("generate succeeded and left -o out.yaml as it was");
  // A document meant as a spec is read by the same reader for both: what one refuses, the other refuses too.
  if (meantAsSpec(text) && generated.status !== map.status)
    problems.push(
      `generate exits ${generated.status} but map ${map.status}:\n${generated.stderr}--- map\n${map.stderr}`,
    );
  if (generated.status !== 0 || out === "" || problems.length > 0) return { problems, roundTrip: false };
  // What generate writes, import takes back to a spec that generates the same bytes.
  const imported = await netpolAsync(["import", "out.yaml", "-o", "again.yaml"], "", dir);
  problems.push(...runProblems("import of the generated policies", imported));
  if (imported.status !== 0)
    return { problems: [...problems, `import of generate's output failed:\n${imported.stderr}`], roundTrip: false };
  const again = await netpolAsync(["generate", "again.yaml"], "", dir);
  problems.push(...runProblems("generate of the imported spec", again));
  if (again.stdout !== out)
    problems.push(`generate → import → generate differs:\n--- first\n${out}--- again\n${again.stdout}${again.stderr}`);
  return { problems, roundTrip: true };
}

/**
 * Runs `check` on `RUNS` seeded samples, 4 subprocess chains at a time; fails listing each input with its problems,
 * or when too few samples went all the way to a round trip (the mutations would then test nothing but refusals).
 */
async function fuzz(inputs: fc.Arbitrary<string>, seed: number, check: (text: string) => Promise<Checked>) {
  const samples = fc.sample(inputs, { seed, numRuns: RUNS });
  const failures: string[] = [];
  let roundTrips = 0;
  await inBatches(
    samples.map((text, i) => ({ text, i })),
    4,
    async ({ text, i }) => {
      const { problems, roundTrip } = await check(text);
      if (roundTrip) roundTrips++;
      if (problems.length > 0)
        failures.push(`sample ${i} (seed ${seed}):\n${problems.join("\n")}\n--- input\n${text.slice(0, 4000)}`);
    },
  );
  expect(failures.join("\n\n=====\n\n")).toBe("");
  expect(roundTrips).toBeGreaterThanOrEqual(Math.ceil(RUNS / 20));
}

describe("fuzzing the binary with mutated inputs", () => {
  it(
    "mutated manifests: map and import -o answer 0 or 2, and a successful import means the same",
    async () => {
      await fuzz(manifestInputs, SEED, checkManifests);
    },
    TIMEOUT,
  );

  it(
    "mutated spec files: generate -o and map answer 0 or 2 alike, a failed generate writes nothing, and import takes back what it writes",
    async () => {
      await fuzz(specInputs, SEED + 1, checkSpec);
    },
    TIMEOUT,
  );
});
