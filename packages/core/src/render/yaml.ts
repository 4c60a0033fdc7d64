// The one YAML serializer: every front end prints policies through it, so their bytes agree.
import { stringify } from "yaml";

/** Serializes manifests as multi-document YAML, one `---`-separated document each, ending in a newline. */
export function toYaml(manifests: readonly object[]): string {
  return manifests
    .map((m) =>
      // YAML 1.1 quoting keeps values like "yes" or "on" strings for kubectl's YAML 1.1 parser.
      stringify(m, {
        version: "1.1",
        lineWidth: 0,
        indentSeq: true,
        aliasDuplicateObjects: false,
        sortMapEntries: false,
      }),
    )
    .join("---\n");
}
