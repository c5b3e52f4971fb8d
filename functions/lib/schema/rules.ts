// Validation rules written once, enforced twice.
//
// Every cross-field rule of the API is a `Rule`: a CEL expression the API server evaluates
// (emitted as `x-kubernetes-validations` on the XRD) and a TypeScript predicate over the parsed
// value that zod runs (superRefine), so the functions report the same mistake as a condition that
// names the field. The two halves sit next to each other so they cannot drift silently; the schema
// tests evaluate the CEL half against the examples and a table of invalid variants.
//
// CEL rules must only iterate bounded collections (maxItems / maxProperties / maxLength) or the API
// server rejects the CRD for cost. Rules are written so they hold whether or not the API server's
// defaulting has run (`!has(x) || ...`), because validators such as `crossplane beta validate`
// may evaluate them before defaults are applied.
import { z } from 'zod';

/** Where a failed predicate points, relative to the node the rule is attached to. */
export type IssuePath = readonly (string | number)[];

export interface Rule<T> {
  /** CEL, `self` bound to the value at this schema node. */
  readonly rule: string;
  /** Message shown by the API server and in function conditions. */
  readonly message: string;
  /** Optional JSONPath (relative to self) the API server attaches the error to. */
  readonly fieldPath?: string;
  /**
   * The zod half. Returns true when valid, otherwise the path (relative to the node) of the field
   * to blame; `[]` blames the node itself. The value may be partially invalid: be defensive.
   */
  readonly check: (value: T) => true | IssuePath;
}

export interface XValidation {
  rule: string;
  message: string;
  fieldPath?: string;
}

type Meta = Record<string, unknown>;

function currentMeta(schema: z.ZodType): Meta {
  return schema.meta() ?? {};
}

/** Adds JSON-schema-only keywords (x-kubernetes-*, maxProperties...) while keeping existing meta. */
export function withMeta<S extends z.ZodType>(schema: S, extra: Meta): S {
  return schema.meta({ ...currentMeta(schema), ...extra });
}

/** Attaches rules to a schema: CEL for the XRD, a superRefine for zod. */
export function withRules<S extends z.ZodType>(schema: S, rules: readonly Rule<z.output<S>>[]): S {
  const refined = schema.superRefine((value, ctx) => {
    for (const r of rules) {
      let res: true | IssuePath;
      try {
        res = r.check(value);
      } catch {
        // A predicate tripping over a half-valid value: the structural issue is reported elsewhere.
        continue;
      }
      if (res !== true) ctx.addIssue({ code: 'custom', message: r.message, path: [...res] });
    }
  });
  const prev = currentMeta(schema);
  const existing = (prev['x-kubernetes-validations'] as XValidation[] | undefined) ?? [];
  const added: XValidation[] = rules.map((r) => ({
    rule: r.rule,
    message: r.message,
    ...(r.fieldPath ? { fieldPath: r.fieldPath } : {}),
  }));
  return withMeta(refined, { 'x-kubernetes-validations': [...existing, ...added] });
}

/**
 * A list keyed by `name` (x-kubernetes-list-type: map). The API server rejects duplicate keys on
 * its own; zod checks the same so the functions can report it.
 */
export function listMap<T extends z.ZodType>(item: T, min: number, max: number) {
  const arr = z.array(item).min(min).max(max);
  const checked = arr.superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      const name = (it as { name?: unknown } | null)?.name;
      if (typeof name !== 'string') return;
      if (seen.has(name)) ctx.addIssue({ code: 'custom', message: `duplicate name "${name}"`, path: [i, 'name'] });
      seen.add(name);
    });
  });
  return withMeta(checked, { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] });
}

/**
 * A string map with at most `max` entries. Keys are checked by zod only (structural schemas have no
 * propertyNames); the API server sees `maxProperties`.
 */
export function boundedMap<V extends z.ZodType>(value: V, max: number, key?: { re: RegExp; what: string; maxLength: number }) {
  const rec = z.record(z.string(), value).superRefine((m, ctx) => {
    const keys = Object.keys(m);
    if (keys.length > max) ctx.addIssue({ code: 'custom', message: `at most ${max} entries allowed, got ${keys.length}` });
    if (!key) return;
    for (const k of keys) {
      if (k.length > key.maxLength || !key.re.test(k)) {
        ctx.addIssue({ code: 'custom', message: `key "${k}" is not a valid ${key.what}`, path: [k] });
      }
    }
  });
  return withMeta(rec, { maxProperties: max });
}

/** Formats a zod path in the user's terms: `spec.engines[0].members[1].worker`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

export interface SchemaIssue {
  /** The field in the user's terms, e.g. `spec.engines[0].members[1].worker`. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

/** Parses `input` with `schema`, reporting issues with paths rooted at `root` (e.g. `spec`). */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, root = 'spec'): ParseResult<z.output<S>> {
  const res = schema.safeParse(input);
  if (res.success) return { ok: true, value: res.data };
  return { ok: false, issues: flattenIssues(res.error.issues, root) };
}

function flattenIssues(issues: readonly z.core.$ZodIssue[], root: string): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  for (const issue of issues) {
    // A value of none of a union's types (intOrPercent): the union's own message.
    if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.errors.every((b) => b.length === 1 && b[0]!.code === 'invalid_type')) {
      out.push({ path: formatPath(root, issue.path), message: issue.message });
      continue;
    }
    // Otherwise each failing branch says why.
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      for (const branch of issue.errors)
        out.push(
          ...flattenIssues(
            branch.map((b) => ({ ...b, path: [...issue.path, ...b.path] })),
            root,
          ),
        );
      continue;
    }
    out.push({ path: formatPath(root, issue.path), message: issue.message });
  }
  return out;
}

/** One line per issue: `spec.engines[0].members: an engine is ...`. */
export function formatIssues(issues: readonly SchemaIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
