// Device data as an InferenceClass publishes it (api.md, "InferenceClass devices"), and its
// validation against the rules Kubernetes DRA applies to ResourceSlice devices: qualified-name
// keys, one typed value per attribute, semver versions, quantity capacities, bounded sizes.
import { parseQuantity } from '../k8s/quantity';
import { parseSemver } from '../k8s/semver';

export interface ClassDeviceAttribute {
  string?: string | undefined;
  int?: number | undefined;
  bool?: boolean | undefined;
  version?: string | undefined;
}

export interface ClassDeviceCapacity {
  value: string;
}

/** One device of an InferenceClass (structurally the schema's ClassDevice). */
export interface ClassDevice {
  name: string;
  claim?: string | undefined;
  driver?: string | undefined;
  deviceClassName?: string | undefined;
  count?: number | undefined;
  attributes?: Record<string, ClassDeviceAttribute> | undefined;
  capacity?: Record<string, ClassDeviceCapacity> | undefined;
}

/** DRA bounds (k8s.io/api/resource): these also bound the CEL cost estimate. */
export const DEVICE_LIMITS = {
  /** Attributes per device; the same bound applies to capacities. */
  maxEntries: 32,
  /** Identifier part of a qualified name (DeviceMaxIDLength). */
  maxIdLength: 32,
  /** Domain part of a qualified name (DeviceMaxDomainLength) and the driver (DriverNameMaxLength). */
  maxDomainLength: 63,
  /** String and version attribute values (DeviceAttributeMaxValueLength). */
  maxValueLength: 64,
} as const;

const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const C_IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INT64_LIMIT = 2 ** 63;

/** Splits a qualified name at its first `/`; a bare name lives in `defaultDomain`. */
export function splitQualifiedName(key: string, defaultDomain: string): [domain: string, id: string] {
  const slash = key.indexOf('/');
  return slash === -1 ? [defaultDomain, key] : [key.slice(0, slash), key.slice(slash + 1)];
}

function isDomain(s: string): boolean {
  return s.length <= DEVICE_LIMITS.maxDomainLength && DNS_SUBDOMAIN_RE.test(s);
}

function isQualifiedName(key: string): boolean {
  const [domain, id] = splitQualifiedName(key, '');
  if (key.includes('/') && !isDomain(domain)) return false;
  return id.length <= DEVICE_LIMITS.maxIdLength && C_IDENTIFIER_RE.test(id);
}

function fieldPath(path: string, key: string): string {
  return C_IDENTIFIER_RE.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function show(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function keyErrors(map: object, path: string, driver: string | undefined, what: string): string[] {
  const errors: string[] = [];
  const keys = Object.keys(map);
  if (keys.length > DEVICE_LIMITS.maxEntries) {
    errors.push(`${path}: ${keys.length} ${what}, at most ${DEVICE_LIMITS.maxEntries} allowed`);
  }
  const seen = new Map<string, string>();
  for (const key of keys) {
    if (!isQualifiedName(key)) {
      errors.push(`${fieldPath(path, key)}: ${show(key)} is not a qualified name ` + `([DNS subdomain/]C identifier, identifier at most ${DEVICE_LIMITS.maxIdLength} characters)`);
      continue;
    }
    if (!key.includes('/') && !driver) {
      errors.push(`${fieldPath(path, key)}: a key without a domain needs the device's driver`);
      continue;
    }
    const [domain, id] = splitQualifiedName(key, driver ?? '');
    const canonical = `${domain}/${id}`;
    const other = seen.get(canonical);
    if (other !== undefined) errors.push(`${fieldPath(path, key)}: same name as ${show(other)} in the driver's domain`);
    else seen.set(canonical, key);
  }
  return errors;
}

function attributeErrors(value: ClassDeviceAttribute | undefined, path: string): string[] {
  if (value === null || typeof value !== 'object') return [`${path}: must be an object with one of string, int, bool or version`];
  const set = (['string', 'int', 'bool', 'version'] as const).filter((t) => value[t] !== undefined);
  if (set.length !== 1) {
    return [`${path}: exactly one of string, int, bool or version must be set${set.length ? ` (found ${set.join(', ')})` : ''}`];
  }
  const { string: s, int: i, bool: b, version: v } = value;
  const max = DEVICE_LIMITS.maxValueLength;
  if (s !== undefined) {
    if (typeof s !== 'string') return [`${path}.string: ${show(s)} is not a string`];
    if (s.length > max) return [`${path}.string: longer than ${max} characters`];
  }
  if (i !== undefined && (typeof i !== 'number' || !Number.isInteger(i) || Math.abs(i) >= INT64_LIMIT)) {
    return [`${path}.int: ${show(i)} is not a 64-bit integer`];
  }
  if (b !== undefined && typeof b !== 'boolean') return [`${path}.bool: ${show(b)} is not a boolean`];
  if (v !== undefined) {
    if (typeof v !== 'string' || v.length > max || !parseSemver(v)) {
      return [`${path}.version: ${show(v)} is not a semantic version (semver 2.0, e.g. 1.2.3, at most ${max} characters)`];
    }
  }
  return [];
}

/** Problems with a device's data, each naming its field under `path` (e.g. `devices[0]`). */
export function deviceDataErrors(device: ClassDevice, path = 'device'): string[] {
  if (typeof device !== 'object' || device === null) return [`${path}: must be an object`];
  const errors: string[] = [];
  const { driver, attributes, capacity } = device;
  if (driver !== undefined && (typeof driver !== 'string' || !isDomain(driver))) {
    errors.push(`${path}.driver: ${show(driver)} is not a DNS subdomain of at most ${DEVICE_LIMITS.maxDomainLength} characters`);
  }
  const validDriver = typeof driver === 'string' && driver !== '' ? driver : undefined;
  if (attributes !== undefined) {
    if (attributes === null || typeof attributes !== 'object') errors.push(`${path}.attributes: must be a map`);
    else {
      errors.push(...keyErrors(attributes, `${path}.attributes`, validDriver, 'attributes'));
      for (const [key, value] of Object.entries(attributes)) {
        errors.push(...attributeErrors(value, fieldPath(`${path}.attributes`, key)));
      }
    }
  }
  if (capacity !== undefined) {
    if (capacity === null || typeof capacity !== 'object') errors.push(`${path}.capacity: must be a map`);
    else {
      errors.push(...keyErrors(capacity, `${path}.capacity`, validDriver, 'capacities'));
      for (const [key, entry] of Object.entries(capacity)) {
        const value = (entry as ClassDeviceCapacity | undefined)?.value;
        if (typeof value !== 'string' || !parseQuantity(value)) {
          errors.push(`${fieldPath(`${path}.capacity`, key)}.value: ${show(value)} is not a quantity`);
        }
      }
    }
  }
  return errors;
}
