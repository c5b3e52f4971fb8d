// Validates composed objects against real upstream schemas: CRDs fetched by scripts/setup-crds.sh
// (openAPIV3Schema, checked with ajv under Kubernetes structural-schema rules).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../../sim/paths';

type Schema = Record<string, any>;
const CRD_DIR = join(ROOT, '.tools', 'crds');

function* yamlFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(entry)) yield path;
  }
}

/** Kubernetes structural schema -> JSON Schema ajv understands. */
export function toJsonSchema(s: Schema): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable' || k === 'format' || k === 'example' || k === 'externalDocs') continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, toJsonSchema(ps as Schema)]));
    else if (k === 'items') out.items = toJsonSchema(v as Schema);
    else if (k === 'additionalProperties') out.additionalProperties = typeof v === 'boolean' ? v : toJsonSchema(v as Schema);
    else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') out[k] = (v as Schema[]).map(toJsonSchema);
    else if (k === 'not') out.not = toJsonSchema(v as Schema);
    else out[k] = v;
  }
  if (s['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (s.type === 'object' && s.properties && !s['x-kubernetes-preserve-unknown-fields'] && s.additionalProperties === undefined) {
    // Structural schemas prune unknown fields; an unknown field in what we compose is a bug.
    out.additionalProperties = false;
  }
  if (s.nullable && out.type) out.type = [out.type, 'null'];
  return out;
}

export interface CrdIndex {
  /** Validation errors for obj, or [] when valid. Throws when no CRD is known for its kind. */
  validate(obj: Schema): string[];
  has(apiVersion: string, kind: string): boolean;
}

export function loadCrds(dir = CRD_DIR): CrdIndex {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const schemas = new Map<string, Schema>();
  const compiled = new Map<string, ValidateFunction>();
  for (const file of yamlFiles(dir)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJSON() as Schema | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions ?? []) {
        const schema = version.schema?.openAPIV3Schema;
        if (schema) schemas.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, schema);
      }
    }
  }
  const key = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;
  return {
    has: (apiVersion, kind) => schemas.has(key(apiVersion, kind)),
    validate(obj) {
      const k = key(obj.apiVersion, obj.kind);
      const schema = schemas.get(k);
      if (!schema) throw new Error(`no CRD loaded for ${k} (is it listed in scripts/crds/*.txt?)`);
      let fn = compiled.get(k);
      if (!fn) {
        const json = toJsonSchema(schema);
        // metadata is validated by the API server, not the CRD schema.
        if (json.properties) json.properties.metadata = { type: 'object' };
        fn = ajv.compile(json);
        compiled.set(k, fn);
      }
      return fn(obj) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    },
  };
}
