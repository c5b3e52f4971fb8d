// The XRDs follow the api.md conventions: names, scope, short names, categories, printer columns,
// the scale subresource, structural schemas and bounded CEL.
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../functions/lib/schema/registry';
import { buildXrd, toStructural } from '../../functions/lib/schema/xrd';
import { loadXrds, xrdVersion, type Obj, type Schema } from './support';

const xrds = loadXrds();

const expected = [
  { kind: 'ModelDeployment', scope: 'Namespaced', short: ['md'], columns: ['REPLICAS:.spec.replicas', 'PLACED:.status.replicas.total', 'AVAILABLE:.status.replicas.ready'] },
  { kind: 'ModelReplica', scope: 'Namespaced', short: ['mr'], columns: ['CLUSTER:.spec.clusterName', 'HEALTH:.status.health.state', 'CAUSE:.status.health.cause'] },
  { kind: 'ModelEndpoint', scope: 'Namespaced', short: ['me'], columns: ['URL:.spec.url'] },
  { kind: 'ModelService', scope: 'Namespaced', short: ['ms'], columns: ['ADDRESS:.status.address'] },
  { kind: 'ModelCache', scope: 'Namespaced', short: ['mc'], columns: ['SOURCE:.spec.source', 'CLUSTERS:.status.summary.text'] },
  { kind: 'InferenceClass', scope: 'Cluster', short: ['icl'], columns: ['PROVIDER:.spec.provisioning.provider', 'DESCRIPTION:.spec.description'] },
  { kind: 'InferenceCluster', scope: 'Cluster', short: ['ic'], columns: ['SOURCE:.spec.cluster.source', 'GATEWAY:.status.gateway.address'] },
  { kind: 'InferenceGateway', scope: 'Cluster', short: ['ig'], columns: ['ADDRESS:.status.address'] },
].map((e) => ({ ...e, name: e.kind }));

describe('XRD conventions', () => {
  it('there is one XRD per kind and nothing else', () => {
    expect([...xrds.keys()].sort()).toEqual(expected.map((e) => e.kind).sort());
  });

  it.each(expected)('$name', ({ kind, scope, short, columns }) => {
    const xrd = xrds.get(kind)!;
    const spec = xrd.spec as Obj;
    const names = spec.names as Obj;
    expect(xrd.apiVersion).toBe('apiextensions.crossplane.io/v2');
    expect((xrd.metadata as Obj).name).toBe(`${names.plural}.modelplane.ai`);
    expect(spec.group).toBe('modelplane.ai');
    expect(spec.scope).toBe(scope);
    expect(names.shortNames).toEqual(short);
    expect(names.categories).toEqual(['crossplane', 'modelplane']);
    const versions = spec.versions as Obj[];
    expect(versions).toHaveLength(1);
    const v = versions[0]!;
    expect([v.name, v.served, v.referenceable]).toEqual(['v1alpha1', true, true]);
    expect((v.additionalPrinterColumns as Obj[]).map((c) => `${c.name}:${c.jsonPath}`)).toEqual(columns);
  });

  // Crossplane appends these to every XR's CRD; a second READY column would disagree with its own.
  it.each(expected)('$name: no printer column repeats one Crossplane adds', ({ kind }) => {
    const names = (xrdVersion(xrds.get(kind)!).additionalPrinterColumns as Obj[]).map((c) => String(c.name).toUpperCase());
    expect(names.filter((n) => ['SYNCED', 'READY', 'COMPOSITION', 'AGE'].includes(n))).toEqual([]);
  });

  it('ModelDeployment exposes the scale subresource for kubectl scale, HPA and KEDA', () => {
    const v = xrdVersion(xrds.get('ModelDeployment')!);
    expect(v.subresources).toEqual({
      scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas.total', labelSelectorPath: '.status.labelSelector' },
    });
    const status = ((v.schema as Obj).openAPIV3Schema as Schema).properties as Record<string, Schema>;
    const st = status.status!.properties as Record<string, Schema>;
    expect(st.labelSelector!.type).toBe('string');
    expect(((st.replicas!.properties as Record<string, Schema>).total as Schema).type).toBe('integer');
    for (const k of KINDS.filter((k) => k.kind !== 'ModelDeployment')) expect(xrdVersion(xrds.get(k.kind)!).subresources).toBeUndefined();
  });

  // The API server estimates CEL cost from the bounds of what a rule can iterate and from how many
  // times it can run (the bounds of every list/map above it): both must be bounded.
  it.each(KINDS.map((k) => ({ name: k.kind, kind: k.kind })))('$name: CEL rules only see bounded collections', ({ kind }) => {
    const root = (xrdVersion(xrds.get(kind)!).schema as Obj).openAPIV3Schema as Schema;
    const unbounded = (n: Schema) => (n.type === 'array' && n.maxItems === undefined) || (n.type === 'object' && !!n.additionalProperties && n.maxProperties === undefined);
    const problems: string[] = [];
    const below = (n: Schema, p: string) => {
      if (unbounded(n)) problems.push(`${p} (iterated by a rule)`);
      for (const [k, v] of Object.entries((n.properties as Record<string, Schema>) ?? {})) below(v, `${p}.${k}`);
      if (n.items) below(n.items as Schema, `${p}[*]`);
      if (n.additionalProperties && typeof n.additionalProperties === 'object') below(n.additionalProperties as Schema, `${p}{*}`);
    };
    const walk = (n: Schema, p: string, unboundedAbove: string[]) => {
      if (n['x-kubernetes-validations']) {
        for (const a of unboundedAbove) problems.push(`${a} (above the rule at ${p})`);
        below(n, p);
      }
      const above = unbounded(n) ? [...unboundedAbove, p] : unboundedAbove;
      for (const [k, v] of Object.entries((n.properties as Record<string, Schema>) ?? {})) walk(v, `${p}.${k}`, above);
      if (n.items) walk(n.items as Schema, `${p}[*]`, above);
      if (n.additionalProperties && typeof n.additionalProperties === 'object') walk(n.additionalProperties as Schema, `${p}{*}`, above);
    };
    walk(root, '', []);
    expect([...new Set(problems)]).toEqual([]);
  });

  it('lists keyed by name are list-type map', () => {
    const md = (xrdVersion(xrds.get('ModelDeployment')!).schema as Obj).openAPIV3Schema as Schema;
    const engines = ((md.properties as Record<string, Schema>).spec!.properties as Record<string, Schema>).engines!;
    expect([engines['x-kubernetes-list-type'], engines['x-kubernetes-list-map-keys']]).toEqual(['map', ['name']]);
  });

  it('XRD generation is deterministic', () => {
    for (const k of KINDS) expect(JSON.stringify(buildXrd(k))).toBe(JSON.stringify(buildXrd(k)));
  });
});

describe('structural normalization', () => {
  const cases: { name: string; input: Schema; want: Schema | string }[] = [
    { name: 'drops additionalProperties false and $schema', input: { $schema: 'x', type: 'object', additionalProperties: false }, want: { type: 'object' } },
    {
      name: 'loose object preserves unknown fields',
      input: { type: 'object', properties: {}, additionalProperties: {} },
      want: { type: 'object', properties: {}, 'x-kubernetes-preserve-unknown-fields': true },
    },
    { name: 'drops safe-integer bounds', input: { type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }, want: { type: 'integer' } },
    { name: 'keeps real bounds', input: { type: 'integer', minimum: 0, maximum: 9 }, want: { type: 'integer', minimum: 0, maximum: 9 } },
    { name: 'rejects unions', input: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, want: '"anyOf" is not allowed' },
    {
      name: 'int-or-string: branch bounds on the node, the anyOf as Kubernetes spells it',
      input: {
        default: 1,
        'x-kubernetes-int-or-string': true,
        anyOf: [
          { type: 'string', maxLength: 4, pattern: '^[0-9]+%$' },
          { type: 'integer', minimum: 0, maximum: 9, description: 'x' },
        ],
      },
      want: {
        default: 1,
        'x-kubernetes-int-or-string': true,
        maxLength: 4,
        pattern: '^[0-9]+%$',
        minimum: 0,
        maximum: 9,
        description: 'x',
        anyOf: [{ type: 'integer' }, { type: 'string' }],
      },
    },
    {
      name: 'int-or-string drops safe-integer bounds of its integer branch',
      input: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer', minimum: -Number.MAX_SAFE_INTEGER }, { type: 'string' }] },
      want: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
    },
    {
      name: 'int-or-string with other branches is rejected',
      input: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'boolean' }] },
      want: 'needs anyOf of exactly one integer and one string branch',
    },
    {
      name: 'int-or-string with a bound set on two levels is rejected',
      input: { 'x-kubernetes-int-or-string': true, maximum: 3, anyOf: [{ type: 'integer', maximum: 9 }, { type: 'string' }] },
      want: '"maximum" is set twice',
    },
    { name: 'int-or-string with a type is rejected', input: { 'x-kubernetes-int-or-string': true, type: 'integer', anyOf: [] }, want: 'has no type' },
    { name: 'rejects refs', input: { type: 'object', properties: { a: { $ref: '#/x' } } }, want: '"$ref" is not allowed' },
    { name: 'rejects untyped nodes', input: { type: 'object', properties: { a: { description: 'x' } } }, want: 'needs a type' },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    if (typeof want === 'string') expect(() => toStructural(input)).toThrow(want);
    else expect(toStructural(input)).toEqual(want);
  });
});
