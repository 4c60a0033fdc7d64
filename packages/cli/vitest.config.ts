import { defineProject, mergeConfig } from "vitest/config";
import { shared } from "../../vitest.shared.js";

// The tests run the built binary; globalSetup builds it when dist is missing.
export default mergeConfig(shared, defineProject({ test: { name: "cli", globalSetup: ["./test/global-setup.ts"] } }));
