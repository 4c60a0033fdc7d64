// Seed "Selected Pods".

import { NetworkPolicy, Pods } from "@netpol/cdk8s";
import * as k from "cdk8s";

export const app = new k.App();
export const chart = new k.Chart(app, "Chart");
const web = Pods.select(chart, "Web", { labels: { app: "web" } });
new NetworkPolicy(chart, "Policy", { selector: web });
