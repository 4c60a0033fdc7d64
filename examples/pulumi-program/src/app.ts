// The example app: two namespaces, four workloads, default-deny everywhere, DNS, and the connections between them.
import {
  connections,
  Namespaces,
  NetworkPolicy,
  NetworkPolicyPort,
  NetworkPolicyTrafficDefault,
  Pods,
} from "@netpol/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** What the app created: its namespaces, workloads and policies. */
export interface App {
  /** The `web` and `data` namespaces. */
  readonly namespaces: k8s.core.v1.Namespace[];
  /** frontend, api, postgres and redis. */
  readonly workloads: Record<
    "frontend" | "api" | "postgres" | "redis",
    k8s.apps.v1.Deployment | k8s.apps.v1.StatefulSet
  >;
  /** Every NetworkPolicy component. */
  readonly policies: NetworkPolicy[];
}

/** kube-dns, where every pod resolves names: allowed on UDP and TCP 53 once egress is denied by default. */
const kubeDns = Pods.select({
  labels: { "k8s-app": "kube-dns" },
  namespaces: Namespaces.select({ names: ["kube-system"] }),
});

/** Creates the app; `opts` (e.g. a provider) go to every resource. */
export function createApp(opts: pulumi.CustomResourceOptions = {}): App {
  const web = new k8s.core.v1.Namespace("web", { metadata: { name: "web" } }, opts);
  const data = new k8s.core.v1.Namespace("data", { metadata: { name: "data" } }, opts);

  const template = (app: string, image: string, port: number, portName: string) => ({
    metadata: { labels: { app } },
    spec: { containers: [{ name: app, image, ports: [{ containerPort: port, name: portName }] }] },
  });
  const deployment = (app: string, namespace: k8s.core.v1.Namespace, image: string, port: number, portName: string) =>
    new k8s.apps.v1.Deployment(
      app,
      {
        metadata: { name: app, namespace: namespace.metadata.name },
        spec: { selector: { matchLabels: { app } }, template: template(app, image, port, portName) },
      },
      opts,
    );

  const frontend = deployment("frontend", web, "nginx:1.27", 8080, "http");
  const api = deployment("api", web, "ghcr.io/example/api:1.0", 8080, "http");
  const redis = deployment("redis", data, "redis:7", 6379, "redis");
  const postgres = new k8s.apps.v1.StatefulSet(
    "postgres",
    {
      metadata: { name: "postgres", namespace: data.metadata.name },
      spec: {
        serviceName: "postgres",
        selector: { matchLabels: { app: "postgres" } },
        template: template("postgres", "postgres:17", 5432, "postgres"),
      },
    },
    opts,
  );

  const policies: NetworkPolicy[] = [];
  for (const [name, namespace] of [
    ["web", web],
    ["data", data],
  ] as const) {
    // Nothing in or out unless a policy below allows it.
    policies.push(
      new NetworkPolicy(
        `${name}-default-deny`,
        {
          metadata: { name: "default-deny", namespace: namespace.metadata.name },
          ingress: { default: NetworkPolicyTrafficDefault.DENY },
          egress: { default: NetworkPolicyTrafficDefault.DENY },
        },
        opts,
      ),
    );
    // Every pod may still resolve names.
    policies.push(
      new NetworkPolicy(
        `${name}-allow-dns`,
        {
          metadata: { name: "allow-dns", namespace: namespace.metadata.name },
          egress: { rules: [{ peer: kubeDns, ports: [NetworkPolicyPort.udp(53), NetworkPolicyPort.tcp(53)] }] },
        },
        opts,
      ),
    );
  }

  // The frontend serves HTTP to anyone (no peer means any peer).
  policies.push(
    new NetworkPolicy(
      "frontend-allow-http",
      { selector: frontend, ingress: { rules: [{ ports: [NetworkPolicyPort.tcp(8080)] }] } },
      opts,
    ),
  );
  // frontend → api → postgres and redis: both sides of each connection, ports from the destination's containers.
  policies.push(...connections(frontend, opts).allowTo(api));
  policies.push(...connections(api, opts).allowTo(postgres));
  policies.push(...connections(api, opts).allowTo(redis));

  return { namespaces: [web, data], workloads: { frontend, api, postgres, redis }, policies };
}
