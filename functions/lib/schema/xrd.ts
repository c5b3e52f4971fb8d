// Turns the registry into Crossplane manifests: one CompositeResourceDefinition and one Pipeline
// Composition per kind. Used by scripts/gen-xrds.ts (writes apis/ and compositions/), the schema
// tests (drift) and docs tooling.
//
// zod's JSON Schema (OpenAPI 3.0 target, input side so defaults are not `required`) is normalized
// into a Kubernetes structural schema: no $schema, no additionalProperties:false, loose objects
// become x-kubernetes-preserve-unknown-fields, ±MAX_SAFE_INTEGER bounds (from bare `.int()`) go,
// and anything non-structural (unions, $ref, const, not) is an error rather than silently kept.
// The one union Kubernetes allows is int-or-string (x-kubernetes-int-or-string: true): its
// branches' bounds move up to the node (minimum/maximum apply to integers only, pattern/maxLength
// to strings only) and the anyOf becomes the exact `[{type: integer}, {type: string}]` the
// structural-schema rules accept.
import { z } from 'zod';
import { API_VERSION, KINDS, type KindEntry } from './registry';

export type JsonSchema = { [k: string]: unknown };

const FORBIDDEN = ['anyOf', 'oneOf', 'allOf', 'not', '$ref', '$defs', 'definitions', 'const', 'nullable', 'propertyNames', 'patternProperties'];

const INT_OR_STRING_BRANCHES = [{ type: 'integer' }, { type: 'string' }];

/** An int-or-string node: its two branches' bounds on the node itself, the anyOf as Kubernetes spells it. */
function intOrString(node: JsonSchema, path: string): JsonSchema {
  const { anyOf, type, ...rest } = node;
  if (type !== undefined) throw new Error(`${path}: an x-kubernetes-int-or-string node has no type`);
  const branches = Array.isArray(anyOf) ? (anyOf as JsonSchema[]).map((b) => toStructural(b, path)) : [];
  const types = branches.map((b) => b.type).sort();
  if (types.length !== 2 || types[0] !== 'integer' || types[1] !== 'string') {
    throw new Error(`${path}: x-kubernetes-int-or-string needs anyOf of exactly one integer and one string branch`);
  }
  const hoisted: JsonSchema = {};
  for (const b of branches) {
    for (const [k, v] of Object.entries(b)) {
      if (k === 'type') continue;
      if (k in rest || k in hoisted) throw new Error(`${path}: "${k}" is set twice in an int-or-string node`);
      hoisted[k] = v;
    }
  }
  return { ...toStructural(rest, path), ...hoisted, anyOf: INT_OR_STRING_BRANCHES.map((b) => ({ ...b })) };
}

/** Normalizes one zod-generated schema node (recursively) into a structural schema node. */
export function toStructural(node: JsonSchema, path = ''): JsonSchema {
  if (node['x-kubernetes-int-or-string'] === true && 'anyOf' in node) return intOrString(node, path);
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$schema' || k === 'id') continue;
    if (FORBIDDEN.includes(k)) throw new Error(`${path || '<root>'}: "${k}" is not allowed in a Kubernetes structural schema`);
    if ((k === 'minimum' || k === 'maximum') && typeof v === 'number' && Math.abs(v) === Number.MAX_SAFE_INTEGER) continue;
    if (k === 'additionalProperties') {
      if (v === false) continue;
      if (v === true || (typeof v === 'object' && v !== null && Object.keys(v).length === 0)) {
        out['x-kubernetes-preserve-unknown-fields'] = true;
        continue;
      }
      out[k] = toStructural(v as JsonSchema, `${path}{*}`);
      continue;
    }
    if (k === 'properties') {
      const props: JsonSchema = {};
      for (const [pk, pv] of Object.entries(v as JsonSchema)) props[pk] = toStructural(pv as JsonSchema, `${path}.${pk}`);
      out[k] = props;
      continue;
    }
    if (k === 'items') {
      if (Array.isArray(v)) throw new Error(`${path}: tuple items are not structural`);
      out[k] = toStructural(v as JsonSchema, `${path}[*]`);
      continue;
    }
    out[k] = v;
  }
  if (!('type' in out) && !out['x-kubernetes-preserve-unknown-fields'] && !out['x-kubernetes-int-or-string']) {
    throw new Error(`${path || '<root>'}: every structural schema node needs a type`);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties) {
    throw new Error(`${path}: properties and additionalProperties are mutually exclusive in structural schemas`);
  }
  return out;
}

/** The structural OpenAPI schema of one zod schema. */
export function structuralSchema(schema: z.ZodType): JsonSchema {
  return toStructural(z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }));
}

/** The XRD's openAPIV3Schema for one kind: {spec, status}. */
export function openApiSchema(entry: KindEntry): JsonSchema {
  const spec = structuralSchema(entry.spec);
  const status = structuralSchema(entry.status);
  const specHasRequired = Array.isArray(spec.required) && spec.required.length > 0;
  // A spec made only of defaults (e.g. InferenceGateway) is defaulted as a whole, so
  // `spec: {}` or no spec at all both get the documented defaults.
  if (!specHasRequired && !('default' in spec)) spec.default = {};
  return {
    type: 'object',
    description: entry.description,
    properties: { spec, status },
    ...(specHasRequired ? { required: ['spec'] } : {}),
  };
}

export const compositionName = (entry: KindEntry) => `${entry.plural}.${entry.group}`;

/** The CompositeResourceDefinition (apiextensions.crossplane.io/v2) for one kind. */
export function buildXrd(entry: KindEntry): JsonSchema {
  const version: JsonSchema = {
    name: entry.version,
    served: true,
    referenceable: true,
    additionalPrinterColumns: entry.printerColumns.map((c) => ({ ...c })),
    ...(entry.scale ? { subresources: { scale: { ...entry.scale } } } : {}),
    schema: { openAPIV3Schema: openApiSchema(entry) },
  };
  return {
    apiVersion: 'apiextensions.crossplane.io/v2',
    kind: 'CompositeResourceDefinition',
    metadata: { name: `${entry.plural}.${entry.group}` },
    spec: {
      group: entry.group,
      names: {
        kind: entry.kind,
        listKind: `${entry.kind}List`,
        plural: entry.plural,
        singular: entry.singular,
        shortNames: [...entry.shortNames],
        categories: [...entry.categories],
      },
      scope: entry.scope,
      defaultCompositionRef: { name: compositionName(entry) },
      versions: [version],
    },
  };
}

/** The Pipeline Composition for one kind: a single step calling the kind's function. */
export function buildComposition(entry: KindEntry): JsonSchema {
  return {
    apiVersion: 'apiextensions.crossplane.io/v1',
    kind: 'Composition',
    metadata: {
      name: compositionName(entry),
      labels: { 'modelplane.ai/kind': entry.kind },
    },
    spec: {
      compositeTypeRef: { apiVersion: API_VERSION, kind: entry.kind },
      mode: 'Pipeline',
      pipeline: [{ step: 'fn', functionRef: { name: entry.functionName } }],
    },
  };
}

export interface GeneratedFile {
  path: string;
  object: JsonSchema;
}

/** Every generated file, relative to the repository root, in a stable order. */
export function generatedFiles(kinds: readonly KindEntry[] = KINDS): GeneratedFile[] {
  return kinds.flatMap((k) => [
    { path: `apis/${k.plural}/definition.yaml`, object: buildXrd(k) },
    { path: `compositions/${k.plural}.yaml`, object: buildComposition(k) },
  ]);
}

export const GENERATED_HEADER = '# Generated by scripts/gen-xrds.ts from functions/lib/schema. Do not edit by hand.\n';
