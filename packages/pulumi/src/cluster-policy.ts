// The ClusterNetworkPolicy component: a core cluster-wide policy registered as its CRD object, through
// `kubernetes.apiextensions.CustomResource` (ClusterNetworkPolicy v1alpha2, or AdminNetworkPolicy and
// BaselineAdminNetworkPolicy v1alpha1).
import {
  type ClusterNetworkPolicyProps,
  type ClusterPolicyManifest,
  ClusterNetworkPolicy as CorePolicy,
  describeDiagnostic,
  diagnostic,
  NetpolError,
} from "@netpol/core";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** The Pulumi type token of the component. */
export const CLUSTER_NETWORK_POLICY_TYPE = "netpol:index:ClusterNetworkPolicy";

/**
 * Arguments of a ClusterNetworkPolicy: core's props (plain values: a cluster-wide policy names namespaces and pods
 * by labels, which are known before deployment), or a core policy as it is. The name defaults to the component's.
 */
export type ClusterNetworkPolicyArgs =
  | (Omit<ClusterNetworkPolicyProps, "name"> & { readonly name?: string })
  | { readonly policy: CorePolicy };

/** A cluster-wide policy, registered as one cluster-scoped custom resource whose spec is core's rendering. */
export class ClusterNetworkPolicy extends pulumi.ComponentResource {
  /** The registered custom resource. */
  readonly resource: k8s.apiextensions.CustomResource;
  /** The rendered object. */
  readonly manifest: ClusterPolicyManifest;
  /** The core model. */
  readonly policy: CorePolicy;

  /** Checks the policy with core (a NetpolError lists every problem) and registers its object. */
  constructor(name: string, args: ClusterNetworkPolicyArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const policy = modelOf(name, args);
    super(CLUSTER_NETWORK_POLICY_TYPE, name, {}, opts);
    this.policy = policy;
    this.manifest = policy.toManifest();
    for (const w of policy.warnings) pulumi.log.warn(describeDiagnostic(w), this);
    const { apiVersion, kind, metadata, spec } = this.manifest;
    this.resource = new k8s.apiextensions.CustomResource(name, { apiVersion, kind, metadata, spec }, { parent: this });
    this.registerOutputs({ manifest: this.manifest });
  }
}

function modelOf(name: string, args: ClusterNetworkPolicyArgs): CorePolicy {
  if (typeof args !== "object" || args === null)
    throw new NetpolError([diagnostic("type", [], { found: args, expected: "the policy's props, or { policy }" })]);
  if ("policy" in args) {
    if (Object.keys(args).length > 1)
      throw new NetpolError([diagnostic("exclusive-keys", [], { keys: ["policy", "the policy's own props"] })]);
    return args.policy;
  }
  return new CorePolicy({ ...args, name: args.name ?? name } as ClusterNetworkPolicyProps);
}
