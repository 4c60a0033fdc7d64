// Services, Ingresses and OpenShift Routes in manifests: which pods a Service sends to and on which ports, and which
// Services (and ports) an Ingress or Route sends traffic to. Facts of the Kubernetes and OpenShift APIs.
import type { Labels, Protocol } from "../data.js";
import type { DiagnosticBag, DiagnosticPath } from "../errors.js";
import { isRecord } from "../input.js";
import { isIanaServiceName, isPortNumber, isProtocol } from "../ports.js";
import { checkLabelMap } from "./metadata.js";

type Rec = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Rec => (isRecord(v) ? v : {});
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** One port of a Service: what clients ask for (`port`, `name`) and where it goes on the pods (`targetPort`). */
export interface ServicePort {
  /** The port's name, if any. */
  readonly name?: string;
  /** The port clients use. */
  readonly port: number;
  /** The pods' port, by number or container port name; absent means `port`. */
  readonly targetPort?: number | string;
  /** The protocol, TCP when absent. */
  readonly protocol: Protocol;
}

/** A Service as the ingress analysis reads it. */
export interface ServiceModel {
  /** Its namespace. */
  readonly namespace: string;
  /** Its name. */
  readonly name: string;
  /** Labels of the pods it selects in its namespace; undefined when it has no selector (it selects no pods). */
  readonly selector: Labels | undefined;
  /** Its ports. */
  readonly ports: readonly ServicePort[];
}

/** The Service port an Ingress backend or a Route asks for: by number, by name, or (undefined) all of them. */
export type BackendPort = number | string | undefined;

/** A Service that an Ingress or Route sends traffic to, in its own namespace. */
export interface IngressBackend {
  /** The Service's name. */
  readonly service: string;
  /** The Service port it uses. */
  readonly port: BackendPort;
  /** Where the backend is written in its object. */
  readonly path: DiagnosticPath;
}

/** An Ingress or a Route: what makes the ingress controller send traffic into the cluster. */
export interface IngressModel {
  /** `Ingress` or `Route`. */
  readonly kind: "Ingress" | "Route";
  /** Its namespace. */
  readonly namespace: string;
  /** Its name. */
  readonly name: string;
  /** The Services it sends to, in the order written. */
  readonly backends: readonly IngressBackend[];
  /** Paths of backends that are not Services (another resource, a Route target of another kind): ignored. */
  readonly ignored: readonly DiagnosticPath[];
}

/** Checks what netpol reads of a Service spec (read by its shape already): its selector and ports. */
export function checkServiceSpec(spec: unknown, path: DiagnosticPath, bag: DiagnosticBag): void {
  checkLabelMap(rec(spec).selector, [...path, "selector"], bag);
  list(rec(spec).ports).forEach((p, i) => {
    const at = [...path, "ports", i];
    const { port, targetPort, protocol } = rec(p);
    if (port === undefined) bag.error("missing-key", at, { key: "port", expected: "a port number from 1 to 65535" });
    else if (!isPortNumber(port)) bag.error("port-range", [...at, "port"], { port });
    if (typeof targetPort === "number" && !isPortNumber(targetPort))
      bag.error("port-range", [...at, "targetPort"], { port: targetPort });
    if (typeof targetPort === "string" && !isIanaServiceName(targetPort))
      bag.error("port-name", [...at, "targetPort"], { port: targetPort });
    if (protocol !== undefined && !isProtocol(protocol)) bag.error("protocol", [...at, "protocol"], { protocol });
  });
}

/** A Service read by its shape and checked. */
export function serviceModelOf(namespace: string, name: string, value: Rec): ServiceModel {
  const spec = rec(value.spec);
  const ports = list(spec.ports).flatMap((p): ServicePort[] => {
    const { name: portName, port, targetPort, protocol } = rec(p);
    if (typeof port !== "number") return [];
    return [
      {
        ...(typeof portName === "string" && portName !== "" ? { name: portName } : {}),
        port,
        // 0 and "" are Go's zero values: no targetPort, so `port` is meant.
        ...((typeof targetPort === "number" && targetPort !== 0) ||
        (typeof targetPort === "string" && targetPort !== "")
          ? { targetPort: targetPort as number | string }
          : {}),
        protocol: (typeof protocol === "string" ? protocol : "TCP") as Protocol,
      },
    ];
  });
  const selector = isRecord(spec.selector) ? (spec.selector as Labels) : undefined;
  return { namespace, name, selector, ports };
}

/** The port of an Ingress backend: its number, else its name; neither (or 0 and "") means every Service port. */
function ingressPort(port: unknown): BackendPort {
  const { number, name } = rec(port);
  if (typeof name === "string" && name !== "") return name;
  return typeof number === "number" && number !== 0 ? number : undefined;
}

/** An Ingress or Route read by its shape: its Service backends, and the paths of those that are not Services. */
export function ingressModelOf(kind: "Ingress" | "Route", namespace: string, name: string, value: Rec): IngressModel {
  const spec = rec(value.spec);
  const backends: IngressBackend[] = [];
  const ignored: DiagnosticPath[] = [];
  if (kind === "Ingress") {
    const add = (backend: unknown, path: DiagnosticPath) => {
      const service = rec(backend).service;
      if (isRecord(service))
        backends.push({
          service: String(service.name ?? ""),
          port: ingressPort(service.port),
          path: [...path, "service"],
        });
      else ignored.push(path);
    };
    if (spec.defaultBackend !== undefined) add(spec.defaultBackend, ["spec", "defaultBackend"]);
    list(spec.rules).forEach((rule, i) => {
      list(rec(rec(rule).http).paths).forEach((p, j) => {
        add(rec(p).backend, ["spec", "rules", i, "http", "paths", j, "backend"]);
      });
    });
  } else {
    // One target port for every backend of a Route: a number, a name, or none (every Service port).
    const target = rec(spec.port).targetPort;
    const port: BackendPort = target === 0 || target === "" ? undefined : (target as BackendPort);
    const add = (ref: unknown, path: DiagnosticPath) => {
      const { kind: targetKind, name: service } = rec(ref);
      // Only Services are Route targets netpol follows; an empty kind means Service.
      if (targetKind !== undefined && targetKind !== "" && targetKind !== "Service") ignored.push([...path, "kind"]);
      else backends.push({ service: typeof service === "string" ? service : "", port, path });
    };
    add(spec.to, ["spec", "to"]);
    list(spec.alternateBackends).forEach((b, i) => {
      add(b, ["spec", "alternateBackends", i]);
    });
  }
  return { kind, namespace, name, backends, ignored };
}
