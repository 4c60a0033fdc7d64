// Pulumi entry point: the example app against the current cluster, or rendered to YAML when renderYamlTo is set.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createApp } from "./app.js";

const renderTo = new pulumi.Config().get("renderYamlTo");
const provider = renderTo ? new k8s.Provider("render-yaml", { renderYamlToDirectory: renderTo }) : undefined;
const app = createApp(provider ? { provider } : {});

/** The NetworkPolicies of the app, as namespace/name. */
export const networkPolicies = app.policies.map(
  (p) => pulumi.interpolate`${p.policy.metadata.namespace}/${p.policy.metadata.name}`,
);
