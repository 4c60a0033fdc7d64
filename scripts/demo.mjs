// `npm run demo`: the bundled example through the built `netpol` binary — the policies its spec generates,
// then who can reach whom under them.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const spec = join("examples", "cli", "shop.netpol.yaml");

function netpol(...args) {
  console.log(`\n$ netpol ${args.join(" ")}\n`);
  const r = spawnSync(process.execPath, [join(root, "packages", "cli", "dist", "netpol.mjs"), ...args], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

netpol("generate", spec);
netpol("map", spec);
