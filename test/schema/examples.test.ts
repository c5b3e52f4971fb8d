// (b) Every example validates against its XRD (OpenAPI, structural semantics) and parses with
// the zod helpers the functions use.
import { describe, expect, it } from 'vitest';
import {
  parseInferenceClassSpec,
  parseInferenceClusterSpec,
  parseInferenceGatewaySpec,
  parseModelCacheSpec,
  parseModelDeploymentSpec,
  parseModelEndpointSpec,
  parseModelReplicaSpec,
  parseModelServiceSpec,
  type ParseResult,
} from '../../functions/lib/schema';
import { KINDS } from '../../functions/lib/schema/registry';
import { compileXrd, loadExamples, loadXrds, newAjv, type Obj } from './support';

const PARSERS: Record<string, (spec: unknown) => ParseResult<unknown>> = {
  ModelDeployment: parseModelDeploymentSpec,
  ModelReplica: parseModelReplicaSpec,
  ModelEndpoint: parseModelEndpointSpec,
  ModelService: parseModelServiceSpec,
  ModelCache: parseModelCacheSpec,
  InferenceClass: parseInferenceClassSpec,
  InferenceCluster: parseInferenceClusterSpec,
  InferenceGateway: parseInferenceGatewaySpec,
};

const xrds = loadXrds();
const ajv = newAjv();
const validators = new Map([...xrds].map(([kind, xrd]) => [kind, compileXrd(ajv, xrd)]));
const examples = loadExamples().map((e) => ({ ...e, name: `${e.file}: ${e.kind}/${e.name}` }));

describe('examples', () => {
  it('cover every user-facing kind (ModelReplica is written by Modelplane only)', () => {
    const kinds = new Set(examples.map((e) => e.kind));
    expect(KINDS.map((k) => k.kind).filter((k) => !kinds.has(k))).toEqual(['ModelReplica']);
  });

  it('ML-team objects live in ml-team; platform objects are cluster-scoped', () => {
    for (const e of examples) {
      const scope = KINDS.find((k) => k.kind === e.kind)!.scope;
      expect((e.doc.metadata as Obj).namespace, e.name).toBe(scope === 'Namespaced' ? 'ml-team' : undefined);
    }
  });

  it.each(examples)('$name validates against its XRD', ({ doc, kind }) => {
    expect(doc.apiVersion).toBe('modelplane.ai/v1alpha1');
    const validate = validators.get(kind)!;
    const ok = validate(doc);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(examples)('$name parses with the zod helper', ({ doc, kind }) => {
    const res = PARSERS[kind]!(doc.spec);
    expect(res.ok ? [] : res.issues).toEqual([]);
  });
});

// Structural checks (not CEL): the XRD's OpenAPI alone must reject these.
const base = () => structuredClone(examples.find((e) => e.file.startsWith('09-'))!.doc) as any;
// zod strips unknown fields rather than rejecting them: Crossplane adds spec.crossplane to every XR.
const structural: { name: string; mutate: (d: any) => void; keyword: string; zodRejects?: false }[] = [
  { name: 'replicas above 1000', mutate: (d) => (d.spec.replicas = 1001), keyword: 'maximum' },
  { name: 'container not named engine', mutate: (d) => (d.spec.engines[0].members[0].template.spec.containers[0].name = 'vllm'), keyword: 'enum' },
  { name: 'two containers', mutate: (d) => d.spec.engines[0].members[0].template.spec.containers.push({ name: 'engine', image: 'x' }), keyword: 'maxItems' },
  { name: 'unknown field (typo)', mutate: (d) => (d.spec.replica = 2), keyword: 'additionalProperties', zodRejects: false },
  { name: 'engine name not a DNS label', mutate: (d) => (d.spec.engines[0].name = 'vLLM'), keyword: 'pattern' },
  { name: 'duplicate engine names', mutate: (d) => d.spec.engines.push(structuredClone(d.spec.engines[0])), keyword: 'x-kubernetes-list-type' },
  {
    name: 'too many device requests',
    mutate: (d) => {
      const r = d.spec.engines[0].members[0].nodeSelector.devices[0];
      d.spec.engines[0].members[0].nodeSelector.devices = Array.from({ length: 17 }, (_, i) => ({ ...r, name: `g${i}` }));
    },
    keyword: 'maxItems',
  },
  { name: 'empty selector list', mutate: (d) => (d.spec.engines[0].members[0].nodeSelector.devices[0].selectors = []), keyword: 'minItems' },
  { name: 'unknown serving mode', mutate: (d) => (d.spec.serving = { mode: 'Disaggregated' }), keyword: 'enum' },
  // spec.strategy: an integer or a percentage string (x-kubernetes-int-or-string).
  { name: 'maxSurge a number in a string', mutate: (d) => (d.spec.strategy = { maxSurge: '25' }), keyword: 'pattern' },
  { name: 'maxUnavailable above 100%', mutate: (d) => (d.spec.strategy = { maxUnavailable: '150%' }), keyword: 'pattern' },
  { name: 'maxSurge a fraction', mutate: (d) => (d.spec.strategy = { maxSurge: 1.5 }), keyword: 'anyOf' },
  { name: 'maxSurge neither integer nor string', mutate: (d) => (d.spec.strategy = { maxSurge: true }), keyword: 'anyOf' },
  { name: 'maxUnavailable above 1000', mutate: (d) => (d.spec.strategy = { maxUnavailable: 1001 }), keyword: 'maximum' },
];

describe('the OpenAPI schema rejects structural mistakes', () => {
  it.each(structural)('$name', ({ mutate, keyword, zodRejects }) => {
    const d = base();
    mutate(d);
    const validate = validators.get('ModelDeployment')!;
    expect(validate(d)).toBe(false);
    expect(validate.errors!.map((e) => e.keyword)).toContain(keyword);
    expect(parseModelDeploymentSpec(d.spec).ok).toBe(zodRejects === false);
  });
});

describe("parse helpers fill defaults and name fields in the user's terms", () => {
  it('defaults from api.md are filled in', () => {
    const res = parseModelDeploymentSpec({
      engines: [
        {
          name: 'e',
          members: [{ nodeSelector: { devices: [{ name: 'gpu', selectors: [{ cel: 'true' }] }] }, template: { spec: { containers: [{ name: 'engine', image: 'x' }] } } }],
        },
      ],
      tolerations: [{ key: 'k', value: 'v' }],
    });
    expect(res).toEqual({
      ok: true,
      value: {
        replicas: 1,
        serving: { mode: 'Unified' },
        tolerations: [{ key: 'k', value: 'v', operator: 'Equal' }],
        engines: [
          {
            name: 'e',
            runtime: 'vLLM',
            copies: 1,
            members: [
              {
                role: 'Standalone',
                nodeSelector: { devices: [{ name: 'gpu', count: 1, selectors: [{ cel: 'true' }] }] },
                template: { spec: { containers: [{ name: 'engine', image: 'x' }] } },
              },
            ],
          },
        ],
      },
    });
  });

  it('an issue names the field', () => {
    const d = base();
    d.spec.engines[0].members[0].worker = { nodes: 2 };
    expect(parseModelDeploymentSpec(d.spec)).toEqual({
      ok: false,
      issues: [{ path: 'spec.engines[0].members[0].worker', message: 'worker is only allowed on a member with role Worker' }],
    });
  });

  it('reserved template label keys are named with their key', () => {
    const d = base();
    d.spec.engines[0].members[0].template.metadata = { labels: { 'modelplane.ai/pool': 'x' } };
    expect(parseModelDeploymentSpec(d.spec)).toEqual({
      ok: false,
      issues: [{ path: 'spec.engines[0].members[0].template.metadata.labels["modelplane.ai/pool"]', message: 'template labels may not use the reserved prefix modelplane.ai/' }],
    });
  });
});
