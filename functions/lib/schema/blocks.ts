// A discriminator that names which one of several optional blocks applies (an InferenceCluster's
// `source`, an InferenceClass's `provider`): the blocks, the "<value> needs <field>" rules and the
// "at most one block" rule, CEL and TypeScript alike, are generated from one list, so adding an
// entry to the list is the whole change.
import { z } from 'zod';
import type { Rule } from './rules';

export interface BlockEntry {
  /** The discriminator's value, e.g. GKE. */
  readonly value: string;
  /** The block it needs, e.g. gke. */
  readonly field: string;
}

/** The rules of a discriminator `by` over `entries`; `what` names a block in messages. */
export function blockRules(by: string, what: string, entries: readonly BlockEntry[]): Rule<Readonly<Record<string, unknown>>>[] {
  return [
    ...entries.map(({ value, field }) => ({
      rule: `self.${by} != '${value}' || has(self.${field})`,
      message: `${by} ${value} needs ${field}`,
      fieldPath: `.${field}`,
      check: (o: Readonly<Record<string, unknown>>) => o[by] !== value || o[field] !== undefined || [field],
    })),
    {
      rule: `${entries.map(({ field }) => `(has(self.${field}) ? 1 : 0)`).join(' + ')} <= 1`,
      message: `set only the ${what} of the chosen ${by}`,
      check: (o) => entries.filter(({ field }) => o[field] !== undefined).length <= 1 || [],
    },
  ];
}

type Blocks<L extends readonly { readonly field: string }[], K extends keyof L[number]> = {
  [E in L[number] as E['field']]: E[K] extends z.ZodType ? z.ZodOptional<E[K]> : never;
};

/** The optional blocks of `list` (each entry's schema under `kind`), keyed by their field. */
export function optionalBlocks<const L extends readonly { readonly field: string }[], K extends keyof L[number]>(list: L, kind: K): Blocks<L, K> {
  return Object.fromEntries(list.map((entry: L[number]) => [entry.field, (entry[kind] as z.ZodType).optional()])) as Blocks<L, K>;
}

/** `A, B or C`: the values of an enum, for descriptions. */
export const orList = (values: readonly string[]): string => (values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`);
