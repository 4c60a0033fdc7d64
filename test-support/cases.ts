// The semantics cases of packages/core/testdata/<case>/, as every suite reads them: the model (a spec document, parsed
// with the `yaml` package, never with the CLI's reader), the expected manifests, map and warnings. What a case folder
// holds: packages/core/testdata/README.md.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";

/** The folder of the cases. */
export const CASES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "packages", "core", "testdata");

/** Labels, as the spec writes them. */
export type CaseLabels = Record<string, string>;

/** `{ tcp: 6379 }`, `{ udp: dns }`, `{ tcp: 8000-8080 }`, `{ sctp: all }` (one protocol key). */
export type CasePort = Partial<Record<"tcp" | "udp" | "sctp", number | string>>;

/** A workload's container port: `{ tcp: 6379, name: redis }`. */
export type CaseContainerPort = Partial<Record<"tcp" | "udp" | "sctp", number>> & { name?: string };

/** Namespaces by names and/or labels. */
export interface CaseNamespaces {
  names?: string[];
  labels?: CaseLabels;
}

/** Pods by labels, optionally in other namespaces. */
export interface CasePods {
  labels?: CaseLabels;
  namespaces?: CaseNamespaces;
}

/** A peer: a workload's name, pods, namespaces, or an IP block (`any` for every address). */
export type CasePeer =
  | string
  | { pods: CasePods }
  | { namespaces: CaseNamespaces }
  | { ipv4: string; except?: string[] }
  | { ipv6: string; except?: string[] };

/** One rule. */
export interface CaseRule {
  peer?: CasePeer;
  peers?: CasePeer[];
  ports?: CasePort[];
}

/** One direction of a policy. */
export interface CaseTraffic {
  default?: "deny" | "allow";
  rules?: CaseRule[];
}

/** One policy. */
export interface CasePolicy {
  name: string;
  namespace?: string;
  selector?: string | { pods: CasePods };
  ingress?: CaseTraffic;
  egress?: CaseTraffic;
}

/** One workload. */
export interface CaseWorkload {
  kind: "Pod" | "Deployment" | "StatefulSet";
  namespace?: string;
  labels: CaseLabels;
  ports?: CaseContainerPort[];
}

/** One connection: `from` or `to` is a workload's name (the subject), the other end a peer. */
export interface CaseConnection {
  from: CasePeer;
  to: CasePeer;
  ports?: CasePort[];
  isolation?: "pod" | "peer";
}

/** One expectation of `expect:` (checked by `netpol check`, and by each front end's `expectConnectivity`). */
export interface CaseExpectation {
  from: string;
  to: string;
  allow?: string | (string | CasePort)[];
  deny?: string | (string | CasePort)[];
}

/** The model of a case: the subset of the spec format the cases use (each driver rejects anything else). */
export interface CaseSpec {
  namespaces?: Record<string, { labels?: CaseLabels }>;
  workloads?: Record<string, CaseWorkload>;
  policies?: CasePolicy[];
  connections?: CaseConnection[];
  expect?: CaseExpectation[];
}

/** One case folder, read. */
export interface Case {
  /** The folder's name, e.g. `06-ingress-rule`. */
  readonly name: string;
  /** The folder. */
  readonly dir: string;
  /** The model's file: `input.netpol.yaml`, or the file `case.json` names (`{ "input": "../…" }`). */
  readonly input: string;
  /** The model, parsed with the `yaml` package. */
  readonly spec: CaseSpec;
  /** `expected.k8s.yaml`, as text: what `netpol generate` prints. */
  readonly expectedYaml: string;
  /** `expected.k8s.yaml`, parsed: one object per NetworkPolicy. */
  readonly expectedManifests: Record<string, unknown>[];
  /** `expected.map.txt`: what `netpol map` prints (empty when no workload pair exists). */
  readonly expectedMap: string;
  /** `expected.warnings.txt`, as text ("" when the case has no warnings). */
  readonly expectedWarnings: string;
}

/** The names of every case folder, sorted. */
export function caseNames(): string[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** The model's file of a case folder. */
export function caseInput(dir: string): string {
  const config = join(dir, "case.json");
  if (!existsSync(config)) return join(dir, "input.netpol.yaml");
  return resolve(dir, (JSON.parse(readFileSync(config, "utf8")) as { input: string }).input);
}

/** Reads one case folder. */
export function readCase(name: string): Case {
  const dir = join(CASES_DIR, name);
  const input = caseInput(dir);
  const text = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8") : "");
  const spec = parse(readFileSync(input, "utf8")) as CaseSpec & { apiVersion?: string; kind?: string };
  const { apiVersion, kind, ...model } = spec;
  if (apiVersion !== "netpol.dev/v1alpha1" || kind !== "NetworkPolicySpec")
    throw new Error(`${input}: not a netpol spec (apiVersion ${apiVersion}, kind ${kind})`);
  const expectedYaml = text("expected.k8s.yaml");
  return {
    name,
    dir,
    input,
    spec: model,
    expectedYaml,
    expectedManifests: parseAllDocuments(expectedYaml).map((d) => d.toJS() as Record<string, unknown>),
    expectedMap: text("expected.map.txt"),
    expectedWarnings: text("expected.warnings.txt"),
  };
}

/** Every case, read. */
export function readCases(): Case[] {
  return caseNames().map(readCase);
}

/**
 * The warnings of `expected.warnings.txt` without their positions (`input.netpol.yaml:28:19: `), sorted: what every
 * front end can compare, whatever it knows of positions in the spec file.
 */
export function warningTexts(text: string): string[] {
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.replace(/^[^:]*:\d+:\d+: /, ""))
    .sort();
}

/** Throws when `value` has keys other than `known`: a driver must not silently skip what it does not understand. */
export function only(value: object, known: readonly string[], where: string): void {
  const unknown = Object.keys(value).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new Error(`${where}: the case driver does not understand ${unknown.join(", ")}`);
}

/** The namespace and name of a manifest, `namespace/name` (or `name`), to order and match policies by. */
export function objectKey(manifest: unknown): string {
  const m = (manifest as { metadata?: { name?: string; namespace?: string } }).metadata ?? {};
  return `${m.namespace ? `${m.namespace}/` : ""}${m.name ?? ""}`;
}

/** Manifests sorted by `namespace/name` (stable for equal keys). */
export function byKey<T>(manifests: readonly T[]): T[] {
  return [...manifests].sort((a, b) => (objectKey(a) < objectKey(b) ? -1 : objectKey(a) > objectKey(b) ? 1 : 0));
}

/** The protocol of a spec port key. */
export const PROTOCOL = { tcp: "TCP", udp: "UDP", sctp: "SCTP" } as const;

/** The one protocol key and value of a port entry, and the container port's name. */
export function portEntry(port: CasePort | CaseContainerPort): {
  protocol: "TCP" | "UDP" | "SCTP";
  value: number | string;
  name?: string;
} {
  const { name, ...rest } = port as CaseContainerPort;
  const entries = Object.entries(rest) as [keyof typeof PROTOCOL, number | string][];
  const [key, value] = entries[0] ?? [];
  if (entries.length !== 1 || key === undefined || value === undefined || !(key in PROTOCOL))
    throw new Error(`a port needs exactly one of tcp, udp, sctp: ${JSON.stringify(port)}`);
  return { protocol: PROTOCOL[key], value, ...(name !== undefined ? { name } : {}) };
}

/** A case's expectations, each as a verdict and its ports as text (`{ tcp: 5432 }` is `tcp/5432`; `all` stays). */
export function caseExpectations(
  spec: CaseSpec,
): { from: string; to: string; verdict: "allow" | "deny"; ports: string[] }[] {
  return (spec.expect ?? []).map((e) => {
    only(e, ["from", "to", "allow", "deny"], `expect ${e.from} -> ${e.to}`);
    const verdict = e.allow !== undefined ? "allow" : "deny";
    const value = e[verdict] ?? [];
    const ports = (Array.isArray(value) ? value : [value]).map((p) => {
      if (typeof p === "string") return p;
      const { protocol, value: port } = portEntry(p);
      return `${protocol.toLowerCase()}/${port}`;
    });
    return { from: e.from, to: e.to, verdict, ports: ports.includes("all") ? [] : ports };
  });
}

/**
 * The manifest of a workload as a cluster (or a cdk8s chart, or a Pulumi program) holds it: a Pod labelled with the
 * workload's labels, or a Deployment/StatefulSet selecting them by `spec.selector.matchLabels`, with container ports.
 */
export function workloadManifest(
  name: string,
  w: CaseWorkload,
): { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec: Record<string, unknown> } {
  only(w, ["kind", "namespace", "labels", "ports"], `workloads.${name}`);
  const ports = (w.ports ?? []).map((p) => {
    const { protocol, value, name: portName } = portEntry(p);
    return { containerPort: value, protocol, ...(portName !== undefined ? { name: portName } : {}) };
  });
  const podSpec = { containers: [{ name, image: name, ...(ports.length > 0 ? { ports } : {}) }] };
  const metadata = { name, ...(w.namespace !== undefined ? { namespace: w.namespace } : {}) };
  switch (w.kind) {
    case "Pod":
      return { apiVersion: "v1", kind: "Pod", metadata: { ...metadata, labels: w.labels }, spec: podSpec };
    case "Deployment":
    case "StatefulSet":
      return {
        apiVersion: "apps/v1",
        kind: w.kind,
        metadata,
        spec: {
          ...(w.kind === "StatefulSet" ? { serviceName: name } : {}),
          selector: { matchLabels: w.labels },
          template: { metadata: { labels: w.labels }, spec: podSpec },
        },
      };
    default:
      throw new Error(
        `workloads.${name}: the case driver does not understand kind ${String((w as { kind: unknown }).kind)}`,
      );
  }
}
