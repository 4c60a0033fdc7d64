// Seed "Egress Rule".

import { NetworkPolicy, NetworkPolicyPort } from "@netpol/cdk8s";
import * as k from "cdk8s";
import * as kplus from "cdk8s-plus-29";

export const app = new k.App();
export const chart = new k.Chart(app, "Chart");
const web = new kplus.Pod(chart, "Web", {
  containers: [{ image: "web" }],
});
const cache = new kplus.Pod(chart, "Cache", {
  containers: [{ image: "cache", portNumber: 6379 }],
});
const db = new kplus.Pod(chart, "DB", {
  containers: [{ image: "db", portNumber: 6378 }],
});
// create a policy with an egress rule at instantiation
const webPolicy = new NetworkPolicy(chart, "Policy", {
  selector: web,
  egress: { rules: [{ peer: cache, ports: [NetworkPolicyPort.tcp(6379)] }] },
});
// add an egress rule post instantiation
webPolicy.addEgressRule(db, [NetworkPolicyPort.tcp(6378)]);
