// Namespace objects, as a model without manifests of its own (a CLI spec) declares them.
import { type Labels, NAMESPACE_NAME_LABEL } from "../data.js";

/** A Namespace object with its labels, including the name label every namespace carries. */
export function namespaceManifest(name: string, labels: Labels = {}): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { ...labels, [NAMESPACE_NAME_LABEL]: name } },
  };
}
