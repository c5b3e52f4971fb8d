// Shared helpers for the schema tests: loading examples and generated XRDs, structural-schema
// semantics for ajv, API-server style defaulting, and evaluation of x-kubernetes-validations with
// @marcbachmann/cel-js.
//
// What cel-js evaluates here: every rule the XRDs carry (has, size, all, exists, exists_one,
// startsWith, ternaries, `in` over list literals). Transition rules (`oldSelf`) are evaluated as an
// update that changes nothing (oldSelf == self), which is what a create or a no-op update sees.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from '@marcbachmann/cel-js';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export type Obj = Record<string, unknown>;
export type Schema = Record<string, unknown>;

export function readYamlDocs(file: string): Obj[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as Obj | null)
    .filter((d): d is Obj => d !== null);
}

export interface Example {
  file: string;
  doc: Obj;
  kind: string;
  name: string;
}

export function loadExamples(): Example[] {
  const dir = join(ROOT, 'examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) =>
      readYamlDocs(join(dir, f)).map((doc) => ({
        file: f,
        doc,
        kind: String(doc.kind),
        name: String((doc.metadata as Obj | undefined)?.name),
      })),
    );
}

/** Committed XRDs by kind. */
export function loadXrds(): Map<string, Obj> {
  const dir = join(ROOT, 'apis');
  const out = new Map<string, Obj>();
  for (const d of readdirSync(dir).sort()) {
    for (const doc of readYamlDocs(join(dir, d, 'definition.yaml'))) {
      const kind = ((doc.spec as Obj).names as Obj).kind as string;
      out.set(kind, doc);
    }
  }
  return out;
}

export function xrdVersion(xrd: Obj): Obj {
  return ((xrd.spec as Obj).versions as Obj[])[0]!;
}

/** The XRD's openAPIV3Schema, wrapped so a whole object (apiVersion/kind/metadata) validates. */
export function objectSchema(xrd: Obj): Schema {
  const s = structuredClone((xrdVersion(xrd).schema as Obj).openAPIV3Schema as Schema);
  s.properties = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    ...(s.properties as Schema),
  };
  return s;
}

/**
 * Structural-schema semantics for ajv: objects with `properties` reject unknown fields (kubectl's
 * default strict field validation), unless x-kubernetes-preserve-unknown-fields is set.
 */
export function toAjvSchema(node: Schema): Schema {
  const out: Schema = { ...node };
  if (out.properties) {
    const props: Schema = {};
    for (const [k, v] of Object.entries(out.properties as Schema)) props[k] = toAjvSchema(v as Schema);
    out.properties = props;
    if (!out['x-kubernetes-preserve-unknown-fields'] && out.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (out.additionalProperties && typeof out.additionalProperties === 'object') out.additionalProperties = toAjvSchema(out.additionalProperties as Schema);
  if (out.items) out.items = toAjvSchema(out.items as Schema);
  return out;
}

export function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  // x-kubernetes-int-or-string comes with the anyOf [integer, string] that ajv checks.
  ajv.addVocabulary(['x-kubernetes-validations', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-list-map-keys', 'x-kubernetes-int-or-string']);
  // Lists keyed by name: the API server rejects duplicate keys.
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-type',
    type: 'array',
    validate: (listType: string, data: unknown[], parent?: Schema) => {
      if (listType !== 'map') return true;
      const keys = (parent?.['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [];
      const seen = new Set(data.map((item) => JSON.stringify(keys.map((k) => (item as Obj)[k]))));
      return seen.size === data.length;
    },
  });
  return ajv;
}

export function compileXrd(ajv: Ajv, xrd: Obj): ValidateFunction {
  return ajv.compile(toAjvSchema(objectSchema(xrd)));
}

/** API-server defaulting: absent properties with a default get it, then nested defaults apply. */
export function applyDefaults(schema: Schema, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = schema.items as Schema | undefined;
    return items ? value.map((v) => applyDefaults(items, v)) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const obj = { ...(value as Obj) };
  const props = schema.properties as Record<string, Schema> | undefined;
  if (props) {
    for (const [k, ps] of Object.entries(props)) {
      if (obj[k] === undefined && ps.default !== undefined) obj[k] = structuredClone(ps.default);
      if (obj[k] !== undefined) obj[k] = applyDefaults(ps, obj[k]);
    }
  }
  const add = schema.additionalProperties;
  if (add && typeof add === 'object') {
    for (const k of Object.keys(obj)) obj[k] = applyDefaults(add as Schema, obj[k]);
  }
  return obj;
}

/** JSON to CEL values: integers (per schema) become bigint, as CEL ints are. */
export function toCel(schema: Schema | undefined, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => toCel(schema?.items as Schema | undefined, v));
  if (value !== null && typeof value === 'object') {
    const props = schema?.properties as Record<string, Schema> | undefined;
    const add = schema?.additionalProperties as Schema | undefined;
    const out: Obj = {};
    for (const [k, v] of Object.entries(value as Obj)) out[k] = toCel(props?.[k] ?? (typeof add === 'object' ? add : undefined), v);
    return out;
  }
  if (typeof value === 'number' && (schema?.type === 'integer' || (schema === undefined && Number.isInteger(value)))) return BigInt(value);
  return value;
}

export interface RuleFailure {
  path: string;
  rule: string;
  message: string;
  error?: string;
}

/** Evaluates every x-kubernetes-validations rule against `value` (already defaulted). */
export function evaluateRules(schema: Schema, value: unknown, path = ''): RuleFailure[] {
  if (value === undefined) return [];
  const failures: RuleFailure[] = [];
  const rules = (schema['x-kubernetes-validations'] as { rule: string; message: string }[] | undefined) ?? [];
  if (rules.length > 0) {
    const self = toCel(schema, value);
    for (const r of rules) {
      try {
        const ok = evaluate(r.rule, { self, oldSelf: self });
        if (ok !== true) failures.push({ path, rule: r.rule, message: r.message });
      } catch (err) {
        failures.push({ path, rule: r.rule, message: r.message, error: (err as Error).message });
      }
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((v, i) => failures.push(...evaluateRules(schema.items as Schema, v, `${path}[${i}]`)));
  } else if (value !== null && typeof value === 'object') {
    const props = schema.properties as Record<string, Schema> | undefined;
    const add = schema.additionalProperties;
    for (const [k, v] of Object.entries(value as Obj)) {
      const child = props?.[k] ?? (add && typeof add === 'object' ? (add as Schema) : undefined);
      if (child) failures.push(...evaluateRules(child, v, path ? `${path}.${k}` : k));
    }
  }
  return failures;
}

/** Every rule in a schema tree, with the collections it iterates. */
export function collectRuleNodes(schema: Schema, path = ''): { path: string; node: Schema }[] {
  const out: { path: string; node: Schema }[] = [];
  if (schema['x-kubernetes-validations']) out.push({ path, node: schema });
  const props = schema.properties as Record<string, Schema> | undefined;
  for (const [k, v] of Object.entries(props ?? {})) out.push(...collectRuleNodes(v, `${path}.${k}`));
  if (schema.items) out.push(...collectRuleNodes(schema.items as Schema, `${path}[*]`));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    out.push(...collectRuleNodes(schema.additionalProperties as Schema, `${path}{*}`));
  }
  return out;
}
