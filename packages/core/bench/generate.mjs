// Synthetic clusters for the benchmark: apps of a few workloads per namespace, default-deny per namespace,
// app-internal allows, DNS egress to kube-system/kube-dns and some ipBlocks. Deterministic for a given size.

const COMPONENTS = ["frontend", "api", "worker", "db"]; // one app = these workloads
const APPS_PER_NAMESPACE = 2;

const doc = (lines) => `---\n${lines.join("\n")}\n`;

function namespace(name, labels) {
  return doc([
    "apiVersion: v1",
    "kind: Namespace",
    "metadata:",
    `  name: ${name}`,
    "  labels:",
    ...Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`),
  ]);
}

function deployment(ns, name, labels, ports) {
  return doc([
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${name}`,
    `  namespace: ${ns}`,
    "spec:",
    "  replicas: 2",
    "  selector:",
    "    matchLabels:",
    ...Object.entries(labels).map(([k, v]) => `      ${k}: ${v}`),
    "  template:",
    "    metadata:",
    "      labels:",
    ...Object.entries(labels).map(([k, v]) => `        ${k}: ${v}`),
    "    spec:",
    "      containers:",
    `      - name: ${name}`,
    `        image: registry.example.com/${name}:1.0.0`,
    "        ports:",
    ...ports.flatMap(([pname, port, proto]) => [
      `        - name: ${pname}`,
      `          containerPort: ${port}`,
      `          protocol: ${proto}`,
    ]),
    "        resources:",
    "          requests: {cpu: 100m, memory: 128Mi}",
  ]);
}

function policy(ns, name, spec) {
  return doc([
    "apiVersion: networking.k8s.io/v1",
    "kind: NetworkPolicy",
    "metadata:",
    `  name: ${name}`,
    `  namespace: ${ns}`,
    "spec:",
    ...spec.map((l) => `  ${l}`),
  ]);
}

/** A v1alpha2 ClusterNetworkPolicy. */
function clusterPolicy(name, tier, priority, spec) {
  return doc([
    "apiVersion: policy.networking.k8s.io/v1alpha2",
    "kind: ClusterNetworkPolicy",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    `  tier: ${tier}`,
    `  priority: ${priority}`,
    ...spec.map((l) => `  ${l}`),
  ]);
}

/**
 * A layer of cluster-wide policies as a platform team writes them: kube-system admits DNS from everyone and nothing
 * else (Admin), one team in 50 may not reach the internet but through a proxy range and is cut off from another team
 * (Admin), the ingress controller's traffic is passed to the namespaces' own policies (Admin), and a Baseline denying
 * cross-namespace ingress and SMTP out wherever no NetworkPolicy decides.
 */
function clusterLayer() {
  return [
    clusterPolicy("kube-system-dns-only", "Admin", 10, [
      "subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}",
      "ingress:",
      "- name: dns",
      "  action: Accept",
      "  from: [{namespaces: {}}]",
      "  protocols: [{udp: {destinationPort: {number: 53}}}, {tcp: {destinationPort: {number: 53}}}]",
      "- name: nothing-else",
      "  action: Deny",
      "  from: [{namespaces: {}}]",
    ]),
    clusterPolicy("restricted-teams", "Admin", 20, [
      "subject: {namespaces: {matchLabels: {team: t0}}}",
      "ingress:",
      "- name: not-from-t1",
      "  action: Deny",
      "  from: [{namespaces: {matchLabels: {team: t1}}}]",
      "egress:",
      "- name: proxy",
      "  action: Accept",
      "  to: [{networks: [192.0.2.0/24]}]",
      "  protocols: [{tcp: {destinationPort: {number: 3128}}}]",
      "- name: no-internet",
      "  action: Deny",
      "  to: [{networks: [0.0.0.0/0]}]",
    ]),
    clusterPolicy("ingress-controller-to-teams", "Admin", 30, [
      "subject: {namespaces: {}}",
      "ingress:",
      "- name: from-controller",
      "  action: Pass",
      "  from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]",
    ]),
    clusterPolicy("default", "Baseline", 100, [
      "subject: {namespaces: {}}",
      "ingress:",
      "- name: no-cross-namespace",
      "  action: Deny",
      "  from: [{namespaces: {}}]",
      "egress:",
      "- name: no-smtp",
      "  action: Deny",
      "  to: [{networks: [0.0.0.0/0]}]",
      "  protocols: [{tcp: {destinationPort: {number: 25}}}]",
    ]),
  ];
}

/** YAML text of a cluster with about `workloads` workloads; with `cnp`, a layer of cluster-wide policies too. */
export function generateCluster(workloads, { cnp = false } = {}) {
  const parts = [
    namespace("kube-system", { "kubernetes.io/metadata.name": "kube-system" }),
    deployment("kube-system", "kube-dns", { "k8s-app": "kube-dns" }, [
      ["dns", 53, "UDP"],
      ["dns-tcp", 53, "TCP"],
    ]),
    namespace("ingress-nginx", { "kubernetes.io/metadata.name": "ingress-nginx" }),
    deployment("ingress-nginx", "controller", { app: "ingress-nginx" }, [["http", 80, "TCP"]]),
    ...(cnp ? clusterLayer() : []),
  ];
  const perNamespace = COMPONENTS.length * APPS_PER_NAMESPACE;
  const namespaces = Math.ceil(workloads / perNamespace);
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    parts.push(namespace(ns, { "kubernetes.io/metadata.name": ns, team: `t${n % 50}` }));
    parts.push(policy(ns, "default-deny", ["podSelector: {}", "policyTypes: [Ingress, Egress]"]));
    parts.push(
      policy(ns, "allow-dns", [
        "podSelector: {}",
        "policyTypes: [Egress]",
        "egress:",
        "- to:",
        "  - namespaceSelector:",
        "      matchLabels: {kubernetes.io/metadata.name: kube-system}",
        "    podSelector:",
        "      matchLabels: {k8s-app: kube-dns}",
        "  ports:",
        "  - {port: 53, protocol: UDP}",
        "  - {port: 53, protocol: TCP}",
      ]),
    );
    for (let a = 0; a < APPS_PER_NAMESPACE; a++) {
      const app = `app${a}`;
      for (const c of COMPONENTS) {
        const ports =
          c === "db"
            ? [["pg", 5432, "TCP"]]
            : [
                ["http", 8080, "TCP"],
                ["metrics", 9090, "TCP"],
              ];
        parts.push(deployment(ns, `${app}-${c}`, { app, component: c }, ports));
      }
      const sel = (c) => `{matchLabels: {app: ${app}, component: ${c}}}`;
      parts.push(
        policy(ns, `${app}-frontend-ingress`, [
          `podSelector: ${sel("frontend")}`,
          "ingress:",
          "- from:",
          "  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}",
          "  ports: [{port: http}]",
        ]),
        policy(ns, `${app}-api-ingress`, [
          `podSelector: ${sel("api")}`,
          "ingress:",
          "- from:",
          `  - podSelector: ${sel("frontend")}`,
          `  - podSelector: ${sel("worker")}`,
          "  ports: [{port: 8080}]",
        ]),
        policy(ns, `${app}-db-ingress`, [
          `podSelector: ${sel("db")}`,
          "ingress:",
          "- from:",
          `  - podSelector: ${sel("api")}`,
          "  ports: [{port: pg}]",
        ]),
        policy(ns, `${app}-egress`, [
          `podSelector: {matchLabels: {app: ${app}}}`,
          "policyTypes: [Egress]",
          "egress:",
          "- to:",
          `  - podSelector: {matchLabels: {app: ${app}}}`,
          ...(n % 10 === 0
            ? ["- to:", "  - ipBlock:", `      cidr: 0.0.0.0/0`, "      except: [10.0.0.0/8]", "  ports: [{port: 443}]"]
            : []),
          ...(n % 25 === 0
            ? ["- to:", "  - ipBlock:", `      cidr: 10.${n % 256}.0.0/16`, "  ports: [{port: 5432}]"]
            : []),
        ]),
      );
    }
  }
  return parts.join("");
}
