import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig } from "tsdown";

interface Bundled {
  name: string;
  version: string;
  license: string;
  text: string | undefined;
}

// The nearest package.json above a bundled module that names a package: the package the module belongs to.
function packageOf(file: string): { dir: string; name: string; version: string; license: string } | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>;
    if (typeof pkg.name !== "string" || typeof pkg.version !== "string") continue;
    return { dir, name: pkg.name, version: pkg.version, license: String(pkg.license ?? "UNKNOWN") };
  }
  return undefined;
}

// The bundle carries code of other packages, so dist/ carries their licences: one file listing every package a
// module of the bundle came from, with its licence text.
function bundledLicenses() {
  return {
    name: "netpol-bundled-licenses",
    generateBundle(
      this: { emitFile(file: { type: "asset"; fileName: string; source: string }): string },
      _options: unknown,
      bundle: Record<string, { type: string; moduleIds?: string[] }>,
    ) {
      const found = new Map<string, Bundled>();
      for (const output of Object.values(bundle)) {
        for (const id of output.moduleIds ?? []) {
          if (id.startsWith("\0")) continue;
          const pkg = packageOf(id.split("?")[0] ?? id);
          if (!pkg || pkg.name === "@netpol/cli" || found.has(`${pkg.name}@${pkg.version}`)) continue;
          const licenseFile = readdirSync(pkg.dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
          found.set(`${pkg.name}@${pkg.version}`, {
            name: pkg.name,
            version: pkg.version,
            license: pkg.license,
            text: licenseFile ? readFileSync(join(pkg.dir, licenseFile), "utf8").trim() : undefined,
          });
        }
      }
      const entries = [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
      if (entries.length === 0) throw new Error("no bundled package found: the licence list would be empty");
      const sections = entries.map(
        (p) => `## ${p.name} ${p.version} (${p.license})\n\n${p.text ?? `Licensed under ${p.license}.`}\n`,
      );
      this.emitFile({
        type: "asset",
        fileName: "THIRD-PARTY-LICENSES.md",
        source: `# Packages bundled into dist/netpol.mjs\n\n${sections.join("\n")}`,
      });
    },
  };
}

// `netpol report` inlines the graph layout library into each page: `import source from "netpol:graph-library"` is
// dagre's minified browser build as a string, with its licence notice in place of the pointer to a file the page
// does not have. The module keeps the file's path, so the licence list above names the package.
function graphLibrary() {
  const dir = dirname(createRequire(import.meta.url).resolve("@dagrejs/dagre/package.json"));
  const file = join(dir, "dist", "dagre.min.js");
  const id = `${file}?netpol-graph-library`;
  return {
    name: "netpol-graph-library",
    resolveId: (source: string) => (source === "netpol:graph-library" ? id : null),
    load(loaded: string) {
      if (loaded !== id) return null;
      const legal = readFileSync(`${file}.LEGAL.txt`, "utf8").trim();
      const code = readFileSync(file, "utf8").replace(
        /\/\*! For license information please see [^*]*\*\//,
        () => legal,
      );
      if (code.includes("please see")) throw new Error("dagre's licence pointer changed: update tsdown.config.ts");
      return `export default ${JSON.stringify(code)};`;
    },
  };
}

// One self-contained ESM file: every dependency bundled, so `netpol` starts as fast as node does.
export default defineConfig({
  entry: { netpol: "src/netpol.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: false,
  clean: true,
  noExternal: [/.*/],
  plugins: [graphLibrary(), bundledLicenses()],
});
