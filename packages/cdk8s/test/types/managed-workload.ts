// Seed "Managed Workload".

import { NetworkPolicy } from "@netpol/cdk8s";
import * as k from "cdk8s";
import * as kplus from "cdk8s-plus-29";

export const app = new k.App();
export const chart = new k.Chart(app, "Chart");
const web = new kplus.Deployment(chart, "Web", {
  containers: [{ image: "web" }],
});
new NetworkPolicy(chart, "Policy", { selector: web });
