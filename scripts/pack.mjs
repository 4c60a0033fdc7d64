// `npm run pack [-- DIR]`: sets up (builds), then packs every publishable package with the pinned pnpm into DIR
// (default tarballs/). pnpm writes the real versions of workspace dependencies into each tarball, as
// `changeset publish` does, so the tarballs install with plain npm anywhere.
import { readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { setup } from "./setup.mjs";
import { pnpmBin, quiet, root } from "./tools.mjs";

const PACKAGES = ["core", "cdk8s", "pulumi", "cli"];
// npm runs scripts in the root; INIT_CWD is where `npm run pack -- DIR` was typed, which DIR is relative to.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by npm for this root script, not an input of a turbo task
const dest = process.argv[2] ? resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]) : join(root, "tarballs");

setup({ report: false });
for (const name of PACKAGES) {
  const dir = join(root, "packages", name);
  const out = quiet(pnpmBin, ["pack", "--json", "--pack-destination", dest], `pnpm pack (packages/${name})`, dir);
  const { filename } = JSON.parse(out.slice(out.indexOf("{")));
  const version = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
  const kb = (statSync(filename).size / 1024).toFixed(1);
  const shown = relative(root, filename);
  console.log(`${shown.startsWith("..") ? filename : shown}  (${version}, ${kb} KiB)`);
}
