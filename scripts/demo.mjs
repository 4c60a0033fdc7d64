// `npm run demo`: sets up quietly (nothing printed unless a step fails), then runs the bundled example through
// the built `netpol` binary — the policies its spec generates, then who can reach whom under them.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { setup } from "./setup.mjs";
import { root } from "./tools.mjs";

const spec = join("examples", "cli", "shop.netpol.yaml");

setup({ report: false });
let first = true;
function netpol(...args) {
  console.log(`${first ? "" : "\n"}$ netpol ${args.join(" ")}\n`);
  first = false;
  const r = spawnSync(process.execPath, [join(root, "packages", "cli", "dist", "netpol.mjs"), ...args], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

netpol("generate", spec);
netpol("map", spec);
