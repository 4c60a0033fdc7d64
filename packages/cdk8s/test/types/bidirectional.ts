// Seed "Bi-directional Rule", explicit policies (the seed's `redis.addIngressRule` is `redisPolicy.addIngressRule`).

import { NetworkPolicy, NetworkPolicyPort } from "@netpol/cdk8s";
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
const webPolicy = new NetworkPolicy(chart, "WebPolicy", {
  selector: web,
  // must be created in the 'web' namespace so it can select it.
  metadata: { namespace: web.metadata.namespace },
});
const redisPolicy = new NetworkPolicy(chart, "RedisPolicy", {
  selector: redis,
  // must be created in the 'redis' namespace so it can select it.
  metadata: { namespace: redis.metadata.namespace },
});
// allow the 'web' pod to initiate a connection to the 'redis' pod on port 6379
webPolicy.addEgressRule(redis, [NetworkPolicyPort.tcp(6379)]);
// allow the 'redis' pod to accept a connection from the 'web' pod on port 6379
redisPolicy.addIngressRule(web, [NetworkPolicyPort.tcp(6379)]);
