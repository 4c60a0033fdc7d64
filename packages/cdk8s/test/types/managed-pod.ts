// Seed "Managed Pod": the pod comes from cdk8s-plus, the policy from @netpol/cdk8s.

import { NetworkPolicy } from "@netpol/cdk8s";
import * as k from "cdk8s";
import * as kplus from "cdk8s-plus-29";

export const app = new k.App();
export const chart = new k.Chart(app, "Chart");
const web = new kplus.Pod(chart, "Web", {
  containers: [{ image: "web" }],
});
new NetworkPolicy(chart, "Policy", { selector: web });
