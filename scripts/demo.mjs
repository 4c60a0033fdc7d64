// `npm run demo`: prints the NetworkPolicy YAML of the bundled example.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const r = spawnSync(process.execPath, [join(root, "examples", "core", "demo.mjs")], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
