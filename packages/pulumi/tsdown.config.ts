import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  platform: "node",
  target: "node20",
  dts: true,
  clean: true,
  // The Pulumi SDKs are peers: the program's own copies must be used (one runtime, one engine connection).
  // @netpol/core is a dependency, kept external so every front end shares one copy of the model.
  deps: { neverBundle: [/^@pulumi\//, "@netpol/core"], onlyBundle: false },
});
