// Writes the shop's manifests to dist/*.k8s.yaml.
import { fileURLToPath } from "node:url";
import { buildApp } from "./app.js";

const { app } = buildApp(fileURLToPath(new URL("../dist", import.meta.url)));
app.synth();
console.log(`wrote ${app.outdir}`);
