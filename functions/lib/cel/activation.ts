// The `device` variable of a selector, built once per device and reused for every selector.
//
// device.driver                      string
// device.attributes[domain][name]    string | int (bigint) | bool | Semver
// device.capacity[domain][name]      Quantity
//
// Like Kubernetes, looking up an unknown domain yields an empty map (so `.name` on it is a
// "no such key" error, i.e. a non-match), while `"x.com" in device.attributes` stays false.
// Device data that Kubernetes would reject (see deviceDataErrors) makes every selector a
// non-match, just as a DRA driver publishing it would fail evaluation.
import { Quantity, parseQuantity } from '../k8s/quantity';
import { Semver, parseSemver } from '../k8s/semver';
import { type ClassDevice, deviceDataErrors, splitQualifiedName } from './device-data';

export type AttributeValue = string | bigint | boolean | Semver;
type DomainMap<V> = Record<string, Record<string, V>>;

/** The runtime value of `device` (registered with cel-js as the Device type). */
export class DeviceValue {
  constructor(
    readonly driver: string,
    readonly attributes: DomainMap<AttributeValue>,
    readonly capacity: DomainMap<Quantity>,
  ) {}
}

export interface DeviceActivation {
  /** Why no selector can match this device (invalid device data), if so. */
  readonly error: string | undefined;
  /** @internal the evaluation context: `{device}` */
  readonly context: { readonly device: DeviceValue } | undefined;
}

const EMPTY: Readonly<Record<string, never>> = Object.freeze(Object.create(null));
const defaulting = new WeakSet<object>();

/**
 * `map[key]` for a domain map of a device: an unknown domain reads as an empty map. Returns
 * undefined when `map` is not such a map or the key is not a string (normal CEL indexing applies).
 */
export function lookupDomain(map: unknown, key: unknown): object | undefined {
  if (typeof key !== 'string' || typeof map !== 'object' || map === null || !defaulting.has(map)) return undefined;
  return Object.hasOwn(map, key) ? (map as Record<string, object>)[key] : EMPTY;
}

function domainMap<V>(): DomainMap<V> {
  const m = Object.create(null) as DomainMap<V>;
  defaulting.add(m);
  return m;
}

function put<V>(map: DomainMap<V>, key: string, driver: string, value: V): void {
  const [domain, id] = splitQualifiedName(key, driver);
  (map[domain] ??= Object.create(null) as Record<string, V>)[id] = value;
}

function attributeValue(a: NonNullable<ClassDevice['attributes']>[string]): AttributeValue {
  if (a.string !== undefined) return a.string;
  if (a.int !== undefined) return BigInt(a.int);
  if (a.bool !== undefined) return a.bool;
  return parseSemver(a.version!)!;
}

export function buildDeviceActivation(device: ClassDevice): DeviceActivation {
  if (typeof device !== 'object' || device === null) return { error: 'invalid device data: not an object', context: undefined };
  const errors = deviceDataErrors(device);
  if (errors.length) return { error: `invalid device data: ${errors.join('; ')}`, context: undefined };
  const driver = device.driver ?? '';
  const attributes = domainMap<AttributeValue>();
  const capacity = domainMap<Quantity>();
  for (const [key, a] of Object.entries(device.attributes ?? {})) put(attributes, key, driver, attributeValue(a));
  for (const [key, c] of Object.entries(device.capacity ?? {})) put(capacity, key, driver, parseQuantity(c.value)!);
  return { error: undefined, context: { device: new DeviceValue(driver, attributes, capacity) } };
}
