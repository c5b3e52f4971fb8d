// Reading an object another function (or a user) wrote, defensively yet typed by its schema.
// `Untrusted<T>` keeps T's field names and forgets their types: the reader checks every value it
// uses, but can only use fields T has, so renaming a field in the schema breaks the reader at
// compile time instead of silently reading nothing.
import { isRecord } from '../k8s/objects';

export type Untrusted<T> = { readonly [K in keyof T]?: unknown };

/** The fields of `value` when it is an object; none otherwise. */
export const untrusted = <T>(value: unknown): Untrusted<T> => (isRecord(value) ? value : {});

/** A list's items, each read untrusted; a non-list reads as empty. */
export const untrustedList = <T>(value: unknown): Untrusted<T>[] => (Array.isArray(value) ? value.map((v) => untrusted<T>(v)) : []);

/** A non-empty string, else undefined. */
export const nonEmptyString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
