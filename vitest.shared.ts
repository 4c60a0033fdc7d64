// Shared vitest settings: tests import workspace packages from source, so they never test a stale build.
import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";

const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export const shared: ViteUserConfig = {
  resolve: {
    alias: [
      { find: /^@netpol\/core$/, replacement: src("core") },
      { find: /^@netpol\/cdk8s$/, replacement: src("cdk8s") },
      { find: /^@netpol\/pulumi$/, replacement: src("pulumi") },
    ],
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
};
