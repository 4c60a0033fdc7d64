// Values that are either here now or arrive through a Pulumi Output, combined without copying class instances.
import * as pulumi from "@pulumi/pulumi";

/** A value known now, or one a Pulumi Output will deliver. */
export type Lazy<T> = T | pulumi.Output<T>;

/** True when `value` is a Pulumi Output (works across SDK copies). */
export function isOutput(value: unknown): value is pulumi.Output<unknown> {
  return pulumi.Output.isInstance(value);
}

/**
 * Applies `f` now, or once the Output resolves. Unlike `pulumi.all`, the value reaches `f` as is: class
 * instances keep their prototype. An unknown Output (preview) stays unknown and `f` never runs.
 */
export function map<T, U>(value: Lazy<T>, f: (t: T) => Lazy<U>): Lazy<U> {
  if (!isOutput(value)) return f(value as T);
  return (value as pulumi.Output<T>).apply((t) => f(t) as U) as unknown as pulumi.Output<U>;
}

/** All values, now when every one is known now, otherwise as one Output. */
export function collect<T>(values: readonly Lazy<T>[]): Lazy<T[]> {
  if (!values.some(isOutput)) return values as T[];
  return values.reduce<Lazy<T[]>>((acc, v) => map(acc, (list) => map(v, (item) => [...list, item])), []);
}

/** An Output of `value`, without the deep copy `pulumi.output` makes of class instances. */
export function toOutput<T>(value: Lazy<T>): pulumi.Output<T> {
  if (isOutput(value)) return value as pulumi.Output<T>;
  return pulumi.output(() => value).apply((f) => f() as T) as unknown as pulumi.Output<T>;
}

/** An Output of what a promise delivers, again without copying it. */
export function fromPromise<T>(promise: Promise<T>): pulumi.Output<T> {
  return pulumi.output(promise.then((v) => () => v)).apply((f) => f() as T) as unknown as pulumi.Output<T>;
}
