import { defineConfig } from "tsdown";

// One self-contained ESM file: every dependency bundled, so `netpol` starts as fast as node does.
export default defineConfig({
  entry: { netpol: "src/netpol.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: false,
  clean: true,
  noExternal: [/.*/],
});
