// Seed "Default Policies": allow all ingress.

import { NetworkPolicy, NetworkPolicyTrafficDefault } from "@netpol/cdk8s";
import * as k from "cdk8s";

export const app = new k.App();
export const chart = new k.Chart(app, "Chart");
new NetworkPolicy(chart, "Policy", {
  ingress: { default: NetworkPolicyTrafficDefault.ALLOW },
});
