// Shared vitest settings: tests import workspace packages from source, so they never test a stale build.
import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";

const src = (name: string, entry = "index.ts") =>
  fileURLToPath(new URL(`./packages/${name}/src/${entry}`, import.meta.url));

export const shared: ViteUserConfig = {
  resolve: {
    alias: [
      { find: /^@netpol\/core$/, replacement: src("core") },
      { find: /^@netpol\/core\/analysis$/, replacement: src("core", "analysis.ts") },
      { find: /^@netpol\/core\/manifests$/, replacement: src("core", "manifests/index.ts") },
      { find: /^@netpol\/cdk8s$/, replacement: src("cdk8s") },
      { find: /^@netpol\/pulumi$/, replacement: src("pulumi") },
    ],
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
};
