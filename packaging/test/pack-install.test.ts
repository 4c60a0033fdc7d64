// The packages as a user gets them: each is packed with `pnpm pack` (what `changeset publish` publishes), the
// tarballs are checked (real versions for workspace dependencies, only the files users need, a licence and a
// README, every entry point present), then installed with plain `npm` into fresh projects outside the repository
// — a plain ESM program, a CommonJS program, a cdk8s app and a Pulumi program under the mock runtime — which are
// type-checked against the installed declarations, compiled and run.
//
// npm installs from its cache when it can (`--offline`) and from the registry otherwise. When neither works (no
// network and a cold cache) the install tests are skipped with that reason; any other install failure fails.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { allowTo, toYaml, Workload } from "@netpol/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";

const root = fileURLToPath(new URL("../..", import.meta.url));
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const pinnedPnpm = String(readJson(join(root, "package.json")).packageManager).split("@")[1];
const pnpm = join(root, ".tools", `pnpm-${pinnedPnpm}`, "node_modules", ".bin", "pnpm");
const tsc = join(root, "node_modules", ".bin", "tsc");

const PACKAGES = ["core", "cdk8s", "pulumi", "cli"] as const;
type Name = (typeof PACKAGES)[number];
const manifestOf = (name: Name) => readJson(join(root, "packages", name, "package.json"));
/** The version the workspace tests with, for the projects' third-party dependencies. */
const devVersion = (name: Name, dep: string) => `${dep}@${manifestOf(name).devDependencies[dep]}`;
const typesNode = `@types/node@${readJson(join(root, "package.json")).devDependencies["@types/node"]}`;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end (never throws). The lower-case npm_* and pnpm_* variables that an outer `npm test` or
 * `pnpm run` sets for its scripts are dropped (they describe the workspace); a user's NPM_CONFIG_* stay.
 */
function run(cmd: string, args: string[], cwd: string): Promise<Ran> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm|pnpm)_/.test(k)));
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...env, NO_UPDATE_NOTIFIER: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", (e) => resolve({ code: -1, stdout, stderr: `${stderr}${e.message}` }));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const show = (r: Ran) => `exit ${r.code}\n${r.stdout}\n${r.stderr}`.slice(-4000);

async function ok(cmd: string, args: string[], cwd: string): Promise<string> {
  const r = await run(cmd, args, cwd);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}: ${show(r)}`);
  return r.stdout;
}

let work = "";
const tarballs = new Map<Name, string>();
/** Each tarball's package.json and file list. */
const packed = new Map<Name, { manifest: Record<string, unknown>; files: string[] }>();

beforeAll(async () => {
  for (const name of PACKAGES) {
    const dist = join(root, "packages", name, "dist");
    if (!existsSync(dist)) throw new Error(`packages/${name}/dist is missing: build first (npm run build)`);
  }
  if (!existsSync(pnpm)) throw new Error(`the pinned pnpm is missing (${pnpm}): run npm run setup`);
  work = mkdtempSync(join(tmpdir(), "netpol-pack-"));
  for (const name of PACKAGES) {
    const out = await ok(
      pnpm,
      ["pack", "--json", "--pack-destination", join(work, "tarballs")],
      join(root, "packages", name),
    );
    const report = JSON.parse(out) as { filename: string; files: { path: string }[] };
    tarballs.set(name, report.filename);
    const inspect = join(work, "inspect", name);
    mkdirSync(inspect, { recursive: true });
    await ok("tar", ["-xzf", report.filename, "-C", inspect], work);
    packed.set(name, {
      manifest: readJson(join(inspect, "package", "package.json")),
      files: report.files.map((f) => f.path).sort(),
    });
  }
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every path a package.json points users at: exports (all conditions), main, module, types, bin. */
function entryPoints(manifest: Record<string, unknown>): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") found.push(v.replace(/^\.\//, ""));
    else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  for (const key of ["exports", "main", "module", "types", "bin"]) walk(manifest[key]);
  return found;
}

describe("the packed tarballs", () => {
  test.each(PACKAGES)("@netpol/%s: real versions, only what users need, licence, README, entry points", (name) => {
    const { manifest, files } = packed.get(name) ?? expect.unreachable();
    const coreVersion = manifestOf("core").version;
    expect(JSON.stringify(manifest)).not.toContain("workspace:");
    const deps = (manifest.dependencies ?? {}) as Record<string, string>;
    if (name === "cdk8s" || name === "pulumi") expect(deps["@netpol/core"]).toBe(coreVersion);
    // The CLI is one bundle: it installs no dependency at all.
    if (name === "cli") expect(deps).toEqual({});
    expect(manifest.license).toBe("Apache-2.0");
    expect(files).toContain("LICENSE");
    expect(files).toContain("README.md");
    const allowed = name === "cli" ? /^(dist|bin|schema)\// : /^dist\//;
    expect(files.filter((f) => !["package.json", "README.md", "LICENSE"].includes(f) && !allowed.test(f))).toEqual([]);
    const missing = entryPoints(manifest).filter((f) => f !== "package.json" && !files.includes(f));
    expect(missing).toEqual([]);
    if (name === "cli") expect(files).toContain("dist/THIRD-PARTY-LICENSES.md");
    else expect(entryPoints(manifest).filter((f) => /\.d\.[cm]ts$/.test(f)).length).toBeGreaterThanOrEqual(2);
  });
});

/**
 * A fresh project in the temp folder: files written, the given tarballs and registry packages installed with npm.
 * Returns the project's folder, or a reason to skip when npm can reach neither its cache nor the registry.
 */
async function project(
  dir: string,
  files: Record<string, string>,
  packages: Name[],
  registry: string[],
): Promise<{ dir: string } | { skip: string }> {
  const cwd = join(work, dir);
  mkdirSync(cwd, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(cwd, file), text);
  const specs = [...packages.map((p) => tarballs.get(p) ?? expect.unreachable()), ...registry];
  const base = ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"];
  // Offline first: with a cold cache npm fails in several ways (ENOTCACHED, or ERESOLVE on a version it could not
  // look up), so any failure is retried with the registry.
  let r = await run("npm", [...base, "--offline", ...specs], cwd);
  if (r.code !== 0) r = await run("npm", [...base, "--prefer-offline", ...specs], cwd);
  if (r.code !== 0) {
    // A package npm could not fetch can surface as a peer conflict ("Found: cdk8s@undefined"), so whether npm can
    // get the packages at all is asked separately.
    for (const spec of registry) {
      const view = await run("npm", ["view", spec, "version", "--prefer-offline"], cwd);
      const network = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|ENOTCACHED)\b/.exec(
        view.stderr,
      );
      if (network) return { skip: `npm can reach neither its cache nor the registry for ${spec} (${network[1]})` };
    }
    throw new Error(`npm install failed in ${cwd}: ${show(r)}`);
  }
  return { dir: cwd };
}

const tsconfig = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      types: ["node"],
      outDir: "out",
      ...extra,
    },
    include: ["src"],
  });

// One program for ESM and CommonJS: the model, the YAML reader and the engine, each from its own entry point.
const coreProgram = `
const web = Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } });
const db = Workload.of({
  kind: "StatefulSet", name: "db", namespace: "shop", labels: { app: "db" }, ports: [{ number: 5432 }],
});
const yaml = toYaml(allowTo(web, db).map((p) => p.toManifest()));
const read = readManifestText(yaml, "policies.yaml");
const names = read.objects.map((o) => policyFromManifest(o).policy.name);
const pod = (name: string) => ({
  apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "shop", labels: { app: name } },
  spec: { containers: [{ name, image: name, ports: [{ containerPort: 5432 }] }] },
});
const map = analyzeConnectivity({ objects: [pod("web"), pod("db"), pod("other"), ...read.objects] });
let error = "";
try {
  NetworkPolicyPort.tcp(0);
} catch (e) {
  error = e instanceof NetpolError ? \`NetpolError \${e.diagnostics[0]?.code}\` : String(e);
}
const result = {
  yaml, names, error,
  webToDb: map.canReach("shop/web", "shop/db", { port: 5432 }),
  otherToDb: map.canReach("shop/other", "shop/db", { port: 5432 }),
};
process.stdout.write(JSON.stringify(result));
`;
const coreNames = "allowTo, NetpolError, NetworkPolicyPort, toYaml, Workload";
/** What the workspace's own source renders for the program's two workloads. */
const expectedYaml = toYaml(
  allowTo(
    Workload.of({ kind: "Deployment", name: "web", namespace: "shop", labels: { app: "web" } }),
    Workload.of({
      kind: "StatefulSet",
      name: "db",
      namespace: "shop",
      labels: { app: "db" },
      ports: [{ number: 5432 }],
    }),
  ).map((p) => p.toManifest()),
);

describe.concurrent("installed with npm into a fresh project", () => {
  test("a plain ESM program: @netpol/core's three entry points, typed; the netpol binary", async ({ skip }) => {
    const p = await project(
      "esm",
      {
        "package.json": JSON.stringify({ name: "esm-program", private: true, type: "module" }),
        "tsconfig.json": tsconfig(),
        "spec.yaml": readFileSync(join(root, "examples", "cli", "shop.netpol.yaml"), "utf8"),
      },
      ["core", "cli"],
      [typesNode],
    );
    if ("skip" in p) return skip(p.skip);
    mkdirSync(join(p.dir, "src"));
    writeFileSync(
      join(p.dir, "src", "main.mts"),
      `import { ${coreNames} } from "@netpol/core";
import { analyzeConnectivity } from "@netpol/core/analysis";
import { policyFromManifest, readManifestText } from "@netpol/core/manifests";
${coreProgram}`,
    );
    await ok(tsc, ["-p", "."], p.dir);
    const out = JSON.parse(await ok(process.execPath, ["out/main.mjs"], p.dir));
    expect(out).toEqual({
      yaml: expectedYaml,
      names: ["web-allow-egress-to-db", "db-allow-ingress-from-web"],
      error: expect.stringMatching(/^NetpolError \S+$/),
      webToDb: true,
      otherToDb: false,
    });
    expect(out.yaml).toContain("name: db-allow-ingress-from-web");

    // The installed binary writes what the workspace's build writes, and fails as a command should.
    const bin = join(p.dir, "node_modules", ".bin", "netpol");
    const expected = await ok(
      process.execPath,
      [join(root, "packages/cli/dist/netpol.mjs"), "generate", "spec.yaml"],
      p.dir,
    );
    expect(await ok(bin, ["generate", "spec.yaml"], p.dir)).toBe(expected);
    expect(expected).toContain("kind: NetworkPolicy");
    // `netpol report` too: the page, with the graph layout library bundled into the binary, is the same.
    await ok(bin, ["report", "spec.yaml", "-o", "installed.html"], p.dir);
    await ok(
      process.execPath,
      [join(root, "packages/cli/dist/netpol.mjs"), "report", "spec.yaml", "-o", "ws.html"],
      p.dir,
    );
    const page = readFileSync(join(p.dir, "installed.html"), "utf8");
    expect(page).toBe(readFileSync(join(p.dir, "ws.html"), "utf8"));
    expect(page).toContain("var dagre=");
    const missing = await run(bin, ["generate", "no-such.yaml"], p.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no-such.yaml");
    expect(missing.stderr).not.toMatch(/^\s+at /m);
  }, 300_000);

  test("a CommonJS program: the same results through require()", async ({ skip }) => {
    const p = await project(
      "cjs",
      {
        "package.json": JSON.stringify({ name: "cjs-program", private: true, type: "commonjs" }),
        "tsconfig.json": tsconfig(),
      },
      ["core"],
      [typesNode],
    );
    if ("skip" in p) return skip(p.skip);
    mkdirSync(join(p.dir, "src"));
    // Compiled to require() calls: the "require" conditions and their .d.cts declarations.
    writeFileSync(
      join(p.dir, "src", "main.cts"),
      `import { ${coreNames} } from "@netpol/core";
import { analyzeConnectivity } from "@netpol/core/analysis";
import { policyFromManifest, readManifestText } from "@netpol/core/manifests";
${coreProgram}`,
    );
    await ok(tsc, ["-p", "."], p.dir);
    expect(readFileSync(join(p.dir, "out", "main.cjs"), "utf8")).toContain('require("@netpol/core/analysis")');
    const out = JSON.parse(await ok(process.execPath, ["out/main.cjs"], p.dir));
    expect(out).toEqual({
      yaml: expectedYaml,
      names: ["web-allow-egress-to-db", "db-allow-ingress-from-web"],
      error: expect.stringMatching(/^NetpolError \S+$/),
      webToDb: true,
      otherToDb: false,
    });
  }, 300_000);

  test("a cdk8s app (CommonJS, as cdk8s' template compiles): synthesized policies", async ({ skip }) => {
    const p = await project(
      "cdk8s-app",
      {
        "package.json": JSON.stringify({ name: "cdk8s-app", private: true }),
        "tsconfig.json": tsconfig({ skipLibCheck: true }),
      },
      ["core", "cdk8s"],
      [
        devVersion("cdk8s", "cdk8s"),
        devVersion("cdk8s", "cdk8s-plus-33"),
        devVersion("cdk8s", "constructs"),
        typesNode,
      ],
    );
    if ("skip" in p) return skip(p.skip);
    mkdirSync(join(p.dir, "src"));
    writeFileSync(
      join(p.dir, "src", "main.ts"),
      `import { connections, NetworkPolicy, NetworkPolicyTrafficDefault } from "@netpol/cdk8s";
import { App, Chart } from "cdk8s";
import * as kplus from "cdk8s-plus-33";

const app = new App();
const chart = new Chart(app, "shop");
const api = new kplus.Deployment(chart, "api", {
  metadata: { name: "api", namespace: "web" },
  containers: [{ image: "shop/api:2.1", ports: [{ number: 9000 }] }],
});
const db = new kplus.Deployment(chart, "db", {
  metadata: { name: "db", namespace: "data" },
  containers: [{ image: "postgres:17", ports: [{ number: 5432 }] }],
});
new NetworkPolicy(chart, "deny-all", {
  metadata: { namespace: "web" },
  ingress: { default: NetworkPolicyTrafficDefault.DENY },
  egress: { default: NetworkPolicyTrafficDefault.DENY },
});
connections(api).allowTo(db);
process.stdout.write(app.synthYaml());
`,
    );
    await ok(tsc, ["-p", "."], p.dir);
    expect(readFileSync(join(p.dir, "out", "main.js"), "utf8")).toContain('require("@netpol/cdk8s")');
    const docs = parseAllDocuments(await ok(process.execPath, ["out/main.js"], p.dir)).map((d) => d.toJS());
    const policies = docs.filter((d) => d.kind === "NetworkPolicy");
    expect(policies.map((d) => `${d.metadata.namespace}/${d.spec.policyTypes.join("+")}`).sort()).toEqual([
      "data/Ingress",
      "web/Egress",
      "web/Ingress+Egress",
    ]);
    const ingress = policies.find((d) => d.metadata.namespace === "data");
    expect(ingress.spec.ingress[0].ports).toEqual([{ protocol: "TCP", port: 5432 }]);
    // The same package also loads from ESM.
    const esm = await ok(
      process.execPath,
      ["--input-type=module", "-e", 'import("@netpol/cdk8s").then((m) => console.log(typeof m.connections))'],
      p.dir,
    );
    expect(esm.trim()).toBe("function");
  }, 300_000);

  test("a Pulumi program (ESM) under the mock runtime: registered NetworkPolicies", async ({ skip }) => {
    const p = await project(
      "pulumi-program",
      {
        "package.json": JSON.stringify({ name: "pulumi-program", private: true, type: "module" }),
        "tsconfig.json": tsconfig({ skipLibCheck: true }),
      },
      ["core", "pulumi"],
      [devVersion("pulumi", "@pulumi/pulumi"), devVersion("pulumi", "@pulumi/kubernetes"), typesNode],
    );
    if ("skip" in p) return skip(p.skip);
    mkdirSync(join(p.dir, "src"));
    writeFileSync(
      join(p.dir, "src", "main.mts"),
      `import * as pulumi from "@pulumi/pulumi";

const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: \`\${args.name}-id\`, state: args.inputs };
    },
    call: (args) => args.inputs,
  },
  "packaging",
  "test",
);
// Resources are created only once the mocks are in place.
const k8s = await import("@pulumi/kubernetes");
const { NetworkPolicy, NetworkPolicyPort, Pods } = await import("@netpol/pulumi");

const labels = { app: "web" };
const web = new k8s.apps.v1.Deployment("web", {
  metadata: { name: "web", namespace: "shop" },
  spec: {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "shop/web:1" }] } },
  },
});
const policy = new NetworkPolicy("web-policy", {
  selector: web,
  egress: { rules: [{ peer: Pods.select({ labels: { app: "db" } }), ports: [NetworkPolicyPort.tcp(5432)] }] },
});
const settled = <T,>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply((v) => resolve(v)));
await settled(policy.policy.id);
const policies = registered.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy");
process.stdout.write(JSON.stringify(policies.map((r) => r.inputs)));
`,
    );
    await ok(tsc, ["-p", "."], p.dir);
    const [policy, ...rest] = JSON.parse(await ok(process.execPath, ["out/main.mjs"], p.dir));
    expect(rest).toEqual([]);
    expect(policy.metadata).toMatchObject({ name: "web-policy", namespace: "shop" });
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { app: "web" } },
      policyTypes: ["Egress"],
      egress: [{ to: [{ podSelector: { matchLabels: { app: "db" } } }], ports: [{ protocol: "TCP", port: 5432 }] }],
    });
    // The same package also loads through require().
    const cjs = await ok(
      process.execPath,
      ["-e", 'console.log(typeof require("@netpol/pulumi").NetworkPolicy)'],
      p.dir,
    );
    expect(cjs.trim()).toBe("function");
  }, 300_000);
});
