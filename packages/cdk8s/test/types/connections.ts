// Seed "Bi-directional Rule", the short way: `web.connections.allowTo(redis)` is `connections(web).allowTo(redis)`.

import { connections } from "@netpol/cdk8s";
import * as k from "cdk8s";
import * as kplus from "cdk8s-plus-29";

export const app = new k.App();
export const chart = new k.Chart(app, "Chart");
const web = new kplus.Pod(chart, "Web", {
  containers: [{ image: "web" }],
  metadata: { namespace: "n1" },
});
const redis = new kplus.Pod(chart, "Redis", {
  containers: [{ image: "redis", portNumber: 6379 }],
  metadata: { namespace: "n2" },
});
connections(web).allowTo(redis);
// or
connections(redis).allowFrom(web);
