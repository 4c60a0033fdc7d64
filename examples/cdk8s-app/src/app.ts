// A shop on cdk8s: frontend -> api -> postgres and redis, across the `web` and `data` namespaces.
// Workloads come from cdk8s-plus; every NetworkPolicy comes from @netpol/cdk8s.
import {
  connections,
  Namespaces,
  NetworkPolicy,
  NetworkPolicyPort,
  NetworkPolicyTrafficDefault,
  PodConnectionsIsolation,
  Pods,
} from "@netpol/cdk8s";
import { App, Chart } from "cdk8s";
import * as kplus from "cdk8s-plus-33";

/** The namespaces of the shop. */
export const NAMESPACES = ["web", "data"] as const;

/** The shop's workloads, for tests that speak of them. */
export interface ShopWorkloads {
  readonly frontend: kplus.Deployment;
  readonly api: kplus.Deployment;
  readonly postgres: kplus.StatefulSet;
  readonly redis: kplus.Deployment;
}

/** Builds the app; `outdir` is where `app.synth()` writes `*.k8s.yaml`. */
export function buildApp(outdir?: string): { app: App; chart: Chart; workloads: ShopWorkloads } {
  const app = new App({ ...(outdir ? { outdir } : {}) });
  const chart = new Chart(app, "shop");

  for (const name of NAMESPACES) new kplus.Namespace(chart, `ns-${name}`, { metadata: { name } });

  const frontend = new kplus.Deployment(chart, "frontend", {
    metadata: { name: "frontend", namespace: "web" },
    containers: [{ image: "shop/frontend:1.4", ports: [{ number: 8080, name: "http" }] }],
  });
  const api = new kplus.Deployment(chart, "api", {
    metadata: { name: "api", namespace: "web" },
    containers: [{ image: "shop/api:2.1", ports: [{ number: 9000, name: "http" }] }],
  });
  const postgres = new kplus.StatefulSet(chart, "postgres", {
    metadata: { name: "postgres", namespace: "data" },
    containers: [{ image: "postgres:17", ports: [{ number: 5432, name: "postgres" }] }],
  });
  const redis = new kplus.Deployment(chart, "redis", {
    metadata: { name: "redis", namespace: "data" },
    containers: [{ image: "redis:8", ports: [{ number: 6379, name: "redis" }] }],
  });

  // Default deny, both directions, in each namespace; then DNS to kube-dns (UDP and TCP 53).
  const kubeDns = Pods.select(chart, "kube-dns", {
    labels: { "k8s-app": "kube-dns" },
    namespaces: Namespaces.select(chart, "kube-system", { names: ["kube-system"] }),
  });
  for (const namespace of NAMESPACES) {
    new NetworkPolicy(chart, `deny-all-${namespace}`, {
      metadata: { namespace },
      ingress: { default: NetworkPolicyTrafficDefault.DENY },
      egress: { default: NetworkPolicyTrafficDefault.DENY },
    });
    new NetworkPolicy(chart, `allow-dns-${namespace}`, {
      metadata: { namespace },
      egress: { rules: [{ peer: kubeDns, ports: [NetworkPolicyPort.udp(53), NetworkPolicyPort.tcp(53)] }] },
    });
  }

  // The ingress controller may reach the frontend; the rest is pod to pod, both sides written at once,
  // on the destination's container ports.
  const ingressController = Namespaces.select(chart, "ingress-nginx", { names: ["ingress-nginx"] });
  connections(frontend).allowFrom(ingressController, {
    ports: [NetworkPolicyPort.tcp(8080)],
    // Only the frontend's side: the ingress controller's namespace is not ours to isolate.
    isolation: PodConnectionsIsolation.POD,
  });
  connections(frontend).allowTo(api);
  connections(api).allowTo(postgres);
  connections(api).allowTo(redis);

  return { app, chart, workloads: { frontend, api, postgres, redis } };
}
