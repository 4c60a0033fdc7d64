// The built package works when imported from ESM and required from CommonJS, with Pulumi kept external.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const pkg = fileURLToPath(new URL("..", import.meta.url));
const root = fileURLToPath(new URL("../../..", import.meta.url));
const dist = (file: string) => `${pkg}dist/${file}`;

/** Builds the package (and core) when dist is missing or older than a source file. */
function ensureBuilt(): void {
  const built = [
    dist("index.cjs"),
    dist("index.mjs"),
    `${root}packages/core/dist/index.mjs`,
    `${root}packages/core/dist/index.cjs`,
  ];
  const newest = Math.max(...readdirSync(`${pkg}src`).map((f) => statSync(`${pkg}src/${f}`).mtimeMs));
  if (built.every((f) => existsSync(f) && statSync(f).mtimeMs >= newest)) return;
  execFileSync(`${root}node_modules/.bin/turbo`, ["run", "build", "--filter=@netpol/pulumi..."], {
    cwd: root,
    stdio: "pipe",
    timeout: 120_000,
  });
}

// The program each module system runs: mocks first, then the package, one policy, its registered inputs printed.
const program = (load: string) => `
const pulumi = ${load.replace("PKG", "@pulumi/pulumi")};
const seen = [];
pulumi.runtime.setMocks({
  newResource: (a) => { seen.push(a); return { id: a.name + "-id", state: a.inputs }; },
  call: (a) => a.inputs,
});
Promise.resolve(${load.replace("PKG", "DIST")}).then(async (np) => {
  const policy = new np.NetworkPolicy("dist-policy", {
    selector: np.Pods.select({ labels: { app: "web" } }),
    ingress: { default: np.NetworkPolicyTrafficDefault.ALLOW },
  });
  policy.addEgressRule(np.Namespaces.select({ names: ["data"] }), [np.NetworkPolicyPort.tcp(5432)]);
  await new Promise((r) => policy.policy.urn.apply(r));
  const child = seen.find((s) => s.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy");
  console.log(JSON.stringify({ inputs: child.inputs, component: seen.some((s) => s.type === "netpol:index:NetworkPolicy") }));
});
`;

function run(args: string[], script: string) {
  const spawn = () => spawnSync(process.execPath, [...args, script], { cwd: pkg, encoding: "utf8", timeout: 30_000 });
  let result = spawn();
  // Others may be rebuilding core in this checkout (its build starts by emptying dist): build and try once more.
  if (/ERR_MODULE_NOT_FOUND|Cannot find module/.test(result.stderr)) {
    ensureBuilt();
    result = spawn();
  }
  expect(result.stderr).not.toMatch(/Error/);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout.trim().split("\n").pop() ?? "null");
}

const expected = {
  inputs: {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "dist-policy" },
    spec: {
      podSelector: { matchLabels: { app: "web" } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{}],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "data" } }, podSelector: {} }],
          ports: [{ protocol: "TCP", port: 5432 }],
        },
      ],
    },
  },
  component: true,
};

describe("the built package", () => {
  beforeAll(() => ensureBuilt(), 150_000);

  it("keeps the Pulumi SDKs external (they are peers) in both formats", () => {
    for (const file of ["index.cjs", "index.mjs"]) {
      const code = readFileSync(dist(file), "utf8");
      expect(code).toMatch(/["']@pulumi\/pulumi["']/);
      expect(code).toMatch(/["']@pulumi\/kubernetes["']/);
      expect(code).not.toMatch(/class OutputImpl|function registerResource\(/);
    }
  });

  it("works when imported from ESM", () => {
    const script = program('await import("PKG")').replace('"DIST"', JSON.stringify(dist("index.mjs")));
    expect(run(["--input-type=module", "-e"], script)).toEqual(expected);
  }, 40_000);

  it("works when required from CommonJS", () => {
    const script = program('require("PKG")').replace('"DIST"', JSON.stringify(dist("index.cjs")));
    expect(run(["--input-type=commonjs", "-e"], script)).toEqual(expected);
  }, 40_000);
});
