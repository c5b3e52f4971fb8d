// Manifests are plain objects whose optional fields are either set or absent, never `undefined`:
// `compact` drops undefined members (shallow) and keeps the order the builder wrote, so golden
// files diff cleanly and the protobuf Struct codec never sees an undefined value.

type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] };
type Optional<T> = { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** `T` with every possibly-undefined member made optional and its `undefined` removed. */
export type Compact<T> = Flat<Defined<T> & Optional<T>>;

export function compact<T extends object>(fields: T): Compact<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as Compact<T>;
}

/** The value when the condition holds, else undefined (for a member `compact` then drops). */
export const when = <T>(condition: boolean, value: T): T | undefined => (condition ? value : undefined);

/** A list or map that is empty reads as absent. */
export function nonEmpty<T extends readonly unknown[] | Readonly<Record<string, unknown>>>(value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.length : Object.keys(value).length) > 0 ? value : undefined;
}
