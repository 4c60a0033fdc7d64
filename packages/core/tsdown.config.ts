import { defineConfig } from "tsdown";

// Three entry points sharing one copy of the model (common chunks): the model, the engine, the manifest reader.
export default defineConfig({
  entry: { index: "src/index.ts", analysis: "src/analysis.ts", manifests: "src/manifests/index.ts" },
  format: ["esm", "cjs"],
  platform: "node",
  target: "node20",
  dts: true,
  clean: true,
});
