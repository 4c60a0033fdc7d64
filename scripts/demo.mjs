// `npm run demo`: generates the NetworkPolicy YAML of the bundled CLI example through the built `netpol` binary.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const spec = join("examples", "cli", "shop.netpol.yaml");
console.log(`$ netpol generate ${spec}\n`);
const r = spawnSync(process.execPath, [join(root, "packages", "cli", "dist", "netpol.mjs"), "generate", spec], {
  cwd: root,
  stdio: "inherit",
});
process.exit(r.status ?? 1);
