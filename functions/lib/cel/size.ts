// Size bounds for the cost estimate: lengths of strings and bytes, element counts of lists and
// entry counts of maps, nested. The device's bounds come from the DRA limits.
import { DEVICE_LIMITS } from './device-data';

export interface Size {
  /** Upper bound on length (strings, bytes), element count (lists) or entry count (maps). */
  readonly len: number;
  readonly elem?: Size | undefined;
  readonly key?: Size | undefined;
  readonly fields?: Readonly<Record<string, Size>>;
}

export const SCALAR: Size = { len: 1 };
const MAX_DEPTH = 6;

export function uniform(n: number, depth = 0): Size {
  if (depth >= MAX_DEPTH) return { len: n };
  const inner = () => uniform(n, depth + 1);
  return {
    len: n,
    get elem() {
      return inner();
    },
    get key() {
      return inner();
    },
  };
}

const L = DEVICE_LIMITS;
const ATTRIBUTE_VALUE: Size = { len: L.maxValueLength };
const DOMAIN: Size = { len: L.maxDomainLength };
const ID: Size = { len: L.maxIdLength };
export const DEVICE_SIZE: Size = {
  len: 3,
  fields: {
    driver: { len: L.maxDomainLength },
    attributes: { len: L.maxEntries, key: DOMAIN, elem: { len: L.maxEntries, key: ID, elem: ATTRIBUTE_VALUE } },
    capacity: { len: L.maxEntries, key: DOMAIN, elem: { len: L.maxEntries, key: ID, elem: SCALAR } },
  },
};

export function maxSize(a: Size | undefined, b: Size | undefined, depth = 0): Size | undefined {
  if (!a || !b) return a ?? b;
  if (depth >= MAX_DEPTH) return { len: Math.max(a.len, b.len) };
  return {
    len: Math.max(a.len, b.len),
    elem: maxSize(a.elem, b.elem, depth + 1),
    key: maxSize(a.key, b.key, depth + 1),
  };
}

/** Total atomic size: len × volume(elem), bounded in depth. */
export function volume(s: Size | undefined, depth = 0): number {
  if (!s) return 1;
  if (depth >= MAX_DEPTH) return s.len;
  return Math.max(1, s.len) * Math.max(volume(s.elem, depth + 1), volume(s.key, depth + 1));
}

export function literalSize(value: unknown): Size {
  if (typeof value === 'string') return { len: value.length };
  if (value instanceof Uint8Array) return { len: value.length };
  return SCALAR;
}
