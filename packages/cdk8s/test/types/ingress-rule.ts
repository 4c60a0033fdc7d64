// Seed "Ingress Rule", with its misprints fixed: `rule:` is `rules:`, and `redis.addIngressRule` is
// `dbPolicy.addIngressRule` (there is no `redis` in the example).

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
// create a policy with an ingress rule at instantiation
const dbPolicy = new NetworkPolicy(chart, "Policy", {
  selector: db,
  ingress: { rules: [{ peer: web, ports: [NetworkPolicyPort.tcp(6379)] }] },
});
// add an ingress rule post instantiation
dbPolicy.addIngressRule(cache, [NetworkPolicyPort.tcp(6379)]);

// The seed's misprint does not compile (and is rejected at run time in plain JavaScript).
export const misprint = () =>
  new NetworkPolicy(chart, "Misprint", {
    selector: db,
    // @ts-expect-error `rule` is not an option: it is `rules`
    ingress: { rule: [{ peer: web, ports: [NetworkPolicyPort.tcp(6379)] }] },
  });
