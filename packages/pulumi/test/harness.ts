// Test harness: Pulumi's mock runtime, the inputs of every registered resource, and outputs awaited with a timeout.
import * as pulumi from "@pulumi/pulumi";

/** A resource the program registered, as the engine would have received it. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  // biome-ignore lint/suspicious/noExplicitAny: engine inputs are untyped JSON
  readonly inputs: any;
  readonly provider: string | undefined;
}

/** The NetworkPolicy Kubernetes type token. */
export const K8S_NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/**
 * Installs Pulumi's mocks and returns the list every registration is recorded in. `unknownInPreview` lists
 * resource types whose outputs the mock leaves unset, which a preview reports as unknown.
 */
export function installMocks(options: { preview?: boolean; unknownInPreview?: readonly string[] } = {}): Registered[] {
  const registered: Registered[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider });
        const unknown = options.preview && options.unknownInPreview?.includes(args.type);
        return { id: options.preview ? undefined : `${args.name}-id`, state: unknown ? {} : args.inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    options.preview ?? false,
  );
  return registered;
}

/** The value of an Output, or undefined when it is unknown; fails after `ms` instead of hanging. */
export async function settle<T>(output: pulumi.Output<T>, ms = 5000): Promise<T | undefined> {
  const known = new Promise<T | undefined>((resolve) => {
    // biome-ignore lint/suspicious/noExplicitAny: the promise() accessor is internal but stable
    const o = output as any;
    Promise.all([o.promise(), o.isKnown]).then(([value, isKnown]) => resolve(isKnown ? value : undefined));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`output did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([known, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until the given resources are registered (their URNs known), then returns the NetworkPolicy inputs by name. */
export async function policies(
  registered: readonly Registered[],
  resources: readonly pulumi.Resource[],
  // biome-ignore lint/suspicious/noExplicitAny: engine inputs are untyped JSON
): Promise<Record<string, any>> {
  await Promise.all(resources.map((r) => settle(r.urn)));
  return Object.fromEntries(registered.filter((r) => r.type === K8S_NETWORK_POLICY).map((r) => [r.name, r.inputs]));
}

/** Whether an Output's value is known (false during a preview when an input is unknown). */
export function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
  return (output as unknown as { isKnown: Promise<boolean> }).isKnown;
}
