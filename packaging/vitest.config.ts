import { defineProject, mergeConfig } from "vitest/config";
import { shared } from "../vitest.shared.js";

// Packs every package and installs the tarballs with npm into fresh projects: minutes, not seconds.
export default mergeConfig(
  shared,
  defineProject({ test: { name: "packaging", testTimeout: 300_000, hookTimeout: 180_000 } }),
);
