// The Kubernetes kinds netpol analyses, their API versions, and the shapes of the fields it reads (facts of the
// Kubernetes API; a test checks the field lists against the published schemas).
import {
  any,
  boolean,
  integer,
  intOrString,
  list,
  looseObject,
  map,
  object,
  type Shape,
  string,
  unread,
} from "./shapes.js";

const labelSelectorRequirement = object({ key: string, operator: string, values: list(string) });
/** `LabelSelector`. */
export const labelSelector = object({ matchLabels: map(string), matchExpressions: list(labelSelectorRequirement) });

const ownerReference = object({
  apiVersion: string,
  kind: string,
  name: string,
  uid: string,
  controller: boolean,
  blockOwnerDeletion: boolean,
});

/** `ObjectMeta`. */
export const objectMeta = object({
  name: string,
  namespace: string,
  labels: map(string),
  annotations: map(string),
  ownerReferences: list(ownerReference),
  ...unread(
    "creationTimestamp",
    "deletionGracePeriodSeconds",
    "deletionTimestamp",
    "finalizers",
    "generateName",
    "generation",
    "managedFields",
    "resourceVersion",
    "selfLink",
    "uid",
    // Removed in Kubernetes 1.24, still in older dumps.
    "clusterName",
  ),
});

const containerPort = object({
  containerPort: integer,
  name: string,
  protocol: string,
  hostPort: integer,
  hostIP: string,
});

const container = looseObject({
  name: string,
  ports: list(containerPort),
  ...unread(
    "args",
    "command",
    "env",
    "envFrom",
    "image",
    "imagePullPolicy",
    "lifecycle",
    "livenessProbe",
    "readinessProbe",
    "resizePolicy",
    "resources",
    "restartPolicy",
    "securityContext",
    "startupProbe",
    "stdin",
    "stdinOnce",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "tty",
    "volumeDevices",
    "volumeMounts",
    "workingDir",
  ),
});

/** `PodSpec`: netpol reads the containers' ports and whether the pod shares its node's network. */
export const podSpec = looseObject({
  containers: list(container),
  initContainers: list(container),
  hostNetwork: boolean,
  ...unread(
    "activeDeadlineSeconds",
    "affinity",
    "automountServiceAccountToken",
    "dnsConfig",
    "dnsPolicy",
    "enableServiceLinks",
    "ephemeralContainers",
    "hostAliases",
    "hostIPC",
    "hostPID",
    "hostUsers",
    "hostname",
    "imagePullSecrets",
    "nodeName",
    "nodeSelector",
    "os",
    "overhead",
    "preemptionPolicy",
    "priority",
    "priorityClassName",
    "readinessGates",
    "resourceClaims",
    "resources",
    "restartPolicy",
    "runtimeClassName",
    "schedulerName",
    "schedulingGates",
    "securityContext",
    "serviceAccount",
    "serviceAccountName",
    "setHostnameAsFQDN",
    "shareProcessNamespace",
    "subdomain",
    "terminationGracePeriodSeconds",
    "tolerations",
    "topologySpreadConstraints",
    "volumes",
  ),
});

/** `PodTemplateSpec`. */
const podTemplate = object({ metadata: objectMeta, spec: podSpec });

const deploymentSpec = looseObject({
  selector: labelSelector,
  template: podTemplate,
  ...unread("minReadySeconds", "paused", "progressDeadlineSeconds", "replicas", "revisionHistoryLimit", "strategy"),
});
const statefulSetSpec = looseObject({
  selector: labelSelector,
  template: podTemplate,
  ...unread(
    "minReadySeconds",
    "ordinals",
    "persistentVolumeClaimRetentionPolicy",
    "podManagementPolicy",
    "replicas",
    "revisionHistoryLimit",
    "serviceName",
    "updateStrategy",
    "volumeClaimTemplates",
  ),
});
const daemonSetSpec = looseObject({
  selector: labelSelector,
  template: podTemplate,
  ...unread("minReadySeconds", "revisionHistoryLimit", "updateStrategy"),
});
const replicaSetSpec = looseObject({
  selector: labelSelector,
  template: podTemplate,
  ...unread("minReadySeconds", "replicas"),
});
// A ReplicationController's selector is a plain label map.
const replicationControllerSpec = looseObject({
  selector: map(string),
  template: podTemplate,
  ...unread("minReadySeconds", "replicas"),
});
const jobSpec = looseObject({
  selector: labelSelector,
  template: podTemplate,
  ...unread(
    "activeDeadlineSeconds",
    "backoffLimit",
    "backoffLimitPerIndex",
    "completionMode",
    "completions",
    "managedBy",
    "manualSelector",
    "maxFailedIndexes",
    "parallelism",
    "podFailurePolicy",
    "podReplacementPolicy",
    "successPolicy",
    "suspend",
    "ttlSecondsAfterFinished",
  ),
});
const cronJobSpec = looseObject({
  jobTemplate: object({ metadata: objectMeta, spec: jobSpec }),
  ...unread(
    "concurrencyPolicy",
    "failedJobsHistoryLimit",
    "schedule",
    "startingDeadlineSeconds",
    "successfulJobsHistoryLimit",
    "suspend",
    "timeZone",
  ),
});

const networkPolicyPort = object({ protocol: string, port: intOrString, endPort: integer });
const networkPolicyPeer = object({
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock: object({ cidr: string, except: list(string) }),
});
const networkPolicySpec = object({
  podSelector: labelSelector,
  policyTypes: list(string),
  ingress: list(object({ from: list(networkPolicyPeer), ports: list(networkPolicyPort) })),
  egress: list(object({ to: list(networkPolicyPeer), ports: list(networkPolicyPort) })),
});

// Cluster-wide policies (policy.networking.k8s.io). Every field of the API is read: unknown ones are errors.
const namespacedPod = object({ namespaceSelector: labelSelector, podSelector: labelSelector });
const clusterSubject = object({ namespaces: labelSelector, pods: namespacedPod });
const clusterIngressPeer = object({ namespaces: labelSelector, pods: namespacedPod });
const clusterEgressPeer = object({
  namespaces: labelSelector,
  pods: namespacedPod,
  nodes: labelSelector,
  networks: list(string),
  domainNames: list(string),
});
const destinationPort = object({ number: integer, range: object({ start: integer, end: integer }) });
const clusterProtocol = object({
  tcp: object({ destinationPort }),
  udp: object({ destinationPort }),
  sctp: object({ destinationPort }),
  destinationNamedPort: string,
});
const clusterNetworkPolicySpec = object({
  tier: string,
  priority: integer,
  subject: clusterSubject,
  ingress: list(
    object({ name: string, action: string, from: list(clusterIngressPeer), protocols: list(clusterProtocol) }),
  ),
  egress: list(object({ name: string, action: string, to: list(clusterEgressPeer), protocols: list(clusterProtocol) })),
});
const adminPort = object({
  portNumber: object({ protocol: string, port: integer }),
  portRange: object({ protocol: string, start: integer, end: integer }),
  namedPort: string,
});
const adminRules = {
  ingress: list(object({ name: string, action: string, from: list(clusterIngressPeer), ports: list(adminPort) })),
  egress: list(object({ name: string, action: string, to: list(clusterEgressPeer), ports: list(adminPort) })),
};
// The Baseline policy of v1alpha1 has no priority and no domainNames: both are read, to be refused by name.
const adminNetworkPolicySpec = object({ priority: integer, subject: clusterSubject, ...adminRules });
const baselineAdminNetworkPolicySpec = object({ priority: integer, subject: clusterSubject, ...adminRules });

/** A pod's status: netpol reads its IPs (ipBlocks match pods by IP). */
const podStatus = looseObject({
  podIP: string,
  podIPs: list(object({ ip: string })),
  ...unread(
    "conditions",
    "containerStatuses",
    "ephemeralContainerStatuses",
    "hostIP",
    "hostIPs",
    "initContainerStatuses",
    "message",
    "nominatedNodeName",
    "observedGeneration",
    "phase",
    "qosClass",
    "reason",
    "resize",
    "resourceClaimStatuses",
    "startTime",
  ),
});

/** A node's status: netpol reads its addresses (a ClusterNetworkPolicy's nodes peers match them). */
const nodeStatus = looseObject({ addresses: list(looseObject({ type: string, address: string })) });

/** `ServiceSpec`: netpol reads which pods a Service selects and its ports, to follow Ingress and Route backends. */
const serviceSpec = looseObject({
  selector: map(string),
  ports: list(
    object({
      name: string,
      protocol: string,
      port: integer,
      targetPort: intOrString,
      appProtocol: string,
      nodePort: integer,
    }),
  ),
  ...unread(
    "allocateLoadBalancerNodePorts",
    "clusterIP",
    "clusterIPs",
    "externalIPs",
    "externalName",
    "externalTrafficPolicy",
    "healthCheckNodePort",
    "internalTrafficPolicy",
    "ipFamilies",
    "ipFamilyPolicy",
    "loadBalancerClass",
    "loadBalancerIP",
    "loadBalancerSourceRanges",
    "publishNotReadyAddresses",
    "sessionAffinity",
    "sessionAffinityConfig",
    "trafficDistribution",
    "type",
  ),
});

/** `IngressBackend`: a Service (by name, and port by number or name) or another resource. */
const ingressBackend = object({
  service: object({ name: string, port: object({ name: string, number: integer }) }),
  resource: object({ apiGroup: string, kind: string, name: string }),
});
const ingressSpec = object({
  defaultBackend: ingressBackend,
  rules: list(
    object({
      host: string,
      http: object({ paths: list(object({ path: string, pathType: string, backend: ingressBackend })) }),
    }),
  ),
  ...unread("ingressClassName", "tls"),
});

/** `RouteTargetReference` of an OpenShift Route. */
const routeTarget = object({ kind: string, name: string, weight: integer });
const routeSpec = object({
  to: routeTarget,
  alternateBackends: list(routeTarget),
  port: object({ targetPort: intOrString }),
  ...unread("host", "httpHeaders", "path", "subdomain", "tls", "wildcardPolicy"),
});

/** The whole object: type meta, metadata, and a spec of `spec`; status is not read (but a pod's). */
function kubeObject(spec: Shape, status: Shape = any): Shape {
  return object({ apiVersion: string, kind: string, metadata: objectMeta, spec, status });
}

/** What netpol does with an object of a kind. */
export type Category =
  | "namespace"
  | "node"
  | "pod"
  | "workload"
  | "network-policy"
  | "cluster-policy"
  | "service"
  | "ingress";

/** A kind netpol reads: what it is to netpol, its API versions, and its shape. */
export interface KindInfo {
  readonly category: Category;
  /** The API versions it may have; the first is current. */
  readonly apiVersions: readonly string[];
  readonly shape: Shape;
}

const APPS = ["apps/v1", "apps/v1beta2", "apps/v1beta1", "extensions/v1beta1"];

/** Every kind netpol reads, by kind. */
export const KINDS: Readonly<Record<string, KindInfo>> = {
  Namespace: { category: "namespace", apiVersions: ["v1"], shape: kubeObject(object(unread("finalizers"))) },
  Node: { category: "node", apiVersions: ["v1"], shape: kubeObject(any, nodeStatus) },
  Pod: { category: "pod", apiVersions: ["v1"], shape: kubeObject(podSpec, podStatus) },
  Deployment: { category: "workload", apiVersions: APPS, shape: kubeObject(deploymentSpec) },
  StatefulSet: { category: "workload", apiVersions: APPS.slice(0, 3), shape: kubeObject(statefulSetSpec) },
  DaemonSet: {
    category: "workload",
    apiVersions: [APPS[0] as string, "apps/v1beta2", "extensions/v1beta1"],
    shape: kubeObject(daemonSetSpec),
  },
  ReplicaSet: {
    category: "workload",
    apiVersions: [APPS[0] as string, "apps/v1beta2", "extensions/v1beta1"],
    shape: kubeObject(replicaSetSpec),
  },
  ReplicationController: { category: "workload", apiVersions: ["v1"], shape: kubeObject(replicationControllerSpec) },
  Job: { category: "workload", apiVersions: ["batch/v1"], shape: kubeObject(jobSpec) },
  CronJob: { category: "workload", apiVersions: ["batch/v1", "batch/v1beta1"], shape: kubeObject(cronJobSpec) },
  NetworkPolicy: {
    category: "network-policy",
    apiVersions: ["networking.k8s.io/v1"],
    shape: kubeObject(networkPolicySpec),
  },
  // What the ingress controller may reach: Ingress and Route backends, through the Services they name.
  Service: { category: "service", apiVersions: ["v1"], shape: kubeObject(serviceSpec) },
  Ingress: { category: "ingress", apiVersions: ["networking.k8s.io/v1"], shape: kubeObject(ingressSpec) },
  Route: { category: "ingress", apiVersions: ["route.openshift.io/v1"], shape: kubeObject(routeSpec) },
  // Cluster-wide policies, read strictly.
  AdminNetworkPolicy: {
    category: "cluster-policy",
    apiVersions: ["policy.networking.k8s.io/v1alpha1"],
    shape: kubeObject(adminNetworkPolicySpec),
  },
  BaselineAdminNetworkPolicy: {
    category: "cluster-policy",
    apiVersions: ["policy.networking.k8s.io/v1alpha1"],
    shape: kubeObject(baselineAdminNetworkPolicySpec),
  },
  ClusterNetworkPolicy: {
    category: "cluster-policy",
    apiVersions: ["policy.networking.k8s.io/v1alpha2"],
    shape: kubeObject(clusterNetworkPolicySpec),
  },
};

/** The kinds netpol reads, in a stable order (for suggestions). */
export const KNOWN_KINDS: readonly string[] = Object.keys(KINDS);
