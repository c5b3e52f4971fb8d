// The composed ModelReplica and ModelEndpoint: names, labels, spec per api.md, valid against the
// generated XRD schemas and the zod schemas fn-replica / fn-service parse them with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildEndpoint, endpointKey } from '../../../functions/fn-schedule/endpoint';
import { buildReplica, replicaKey } from '../../../functions/fn-schedule/replica';
import type { Placement } from '../../../functions/fn-schedule/scheduler/types';
import { parseModelEndpointSpec, parseModelReplicaSpec } from '../../../functions/lib/schema';
import { toJsonSchema } from '../../harness/crds';
import { ROOT } from '../../../sim/paths';
import { H100, deploymentSpec, engine, leader, request, standalone, template, worker, type Obj } from '../../fixtures/fn-schedule/objects';

function xrdValidator(plural: string) {
  const xrd = parse(readFileSync(join(ROOT, 'apis', plural, 'definition.yaml'), 'utf8'));
  const schema = toJsonSchema(xrd.spec.versions[0].schema.openAPIV3Schema.properties.spec);
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  return (spec: unknown) => (validate(spec) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}
const validReplicaSpec = xrdValidator('modelreplicas');
const validEndpointSpec = xrdValidator('modelendpoints');

const gpuReq = { name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1, selectors: [{ cel: H100 }] };
const placement = (engines: Placement['engines']): Placement => ({ cluster: 'cluster-a', index: 0, engines, retained: undefined });

describe('buildReplica', () => {
  const cases: { name: string; spec: ReturnType<typeof deploymentSpec>; placement: Placement; wantSpec: Obj }[] = [
    {
      name: 'standalone',
      spec: deploymentSpec(),
      placement: placement([{ name: 'vllm', members: [{ nodePoolName: 'p1', deviceRequests: [gpuReq] }] }]),
      wantSpec: {
        clusterName: 'cluster-a',
        serving: { mode: 'Unified' },
        engines: [{ name: 'vllm', runtime: 'vLLM', copies: 1, members: [{ role: 'Standalone', nodePoolName: 'p1', deviceRequests: [gpuReq], template }] }],
      },
    },
    {
      name: 'gang with a claimless leader and a cache',
      spec: deploymentSpec({ modelCacheRef: { name: 'weights' }, engines: [engine('g', [leader(), worker(3)], { copies: 2 })] }),
      placement: placement([
        {
          name: 'g',
          members: [
            { nodePoolName: 'p2', deviceRequests: [] },
            { nodePoolName: 'p2', deviceRequests: [gpuReq] },
          ],
        },
      ]),
      wantSpec: {
        clusterName: 'cluster-a',
        serving: { mode: 'Unified' },
        modelCacheRef: { name: 'weights' },
        engines: [
          {
            name: 'g',
            runtime: 'vLLM',
            copies: 2,
            members: [
              { role: 'Leader', nodePoolName: 'p2', template },
              { role: 'Worker', nodePoolName: 'p2', deviceRequests: [gpuReq], worker: { nodes: 3 }, template },
            ],
          },
        ],
      },
    },
    {
      name: 'prefill/decode',
      spec: deploymentSpec({
        serving: { mode: 'PrefillDecode' },
        engines: [engine('prefill', [standalone([request()])], { phase: 'Prefill' }), engine('decode', [standalone()], { phase: 'Decode', copies: 2 })],
      }),
      placement: placement([
        { name: 'prefill', members: [{ nodePoolName: 'x', deviceRequests: [gpuReq] }] },
        { name: 'decode', members: [{ nodePoolName: 'y', deviceRequests: [gpuReq] }] },
      ]),
      wantSpec: {
        clusterName: 'cluster-a',
        serving: { mode: 'PrefillDecode' },
        engines: [
          { name: 'prefill', runtime: 'vLLM', phase: 'Prefill', copies: 1, members: [{ role: 'Standalone', nodePoolName: 'x', deviceRequests: [gpuReq], template }] },
          { name: 'decode', runtime: 'vLLM', phase: 'Decode', copies: 2, members: [{ role: 'Standalone', nodePoolName: 'y', deviceRequests: [gpuReq], template }] },
        ],
      },
    },
  ];
  it.each(cases)('$name', ({ spec, placement: p, wantSpec }) => {
    const got = buildReplica({ name: 'my-model', namespace: 'ml', spec }, p) as Obj;
    expect(got).toEqual({
      apiVersion: 'modelplane.ai/v1alpha1',
      kind: 'ModelReplica',
      metadata: {
        name: 'my-model-5ab63',
        namespace: 'ml',
        labels: { 'modelplane.ai/deployment': 'my-model', 'modelplane.ai/cluster': 'cluster-a', 'modelplane.ai/replica-index': '0' },
      },
      spec: wantSpec,
    });
    expect(validReplicaSpec(got.spec)).toEqual([]);
    expect(parseModelReplicaSpec(got.spec).ok).toBe(true);
  });

  it('the schema check itself rejects an unknown field', () => {
    expect(validReplicaSpec({ clusterName: 'a', engines: [], bogus: 1 })).not.toEqual([]);
  });

  it.each([
    { name: 'replica key', got: replicaKey('cluster-a', 3), want: 'replica-cluster-a-3' },
    { name: 'endpoint key', got: endpointKey('cluster-a', 3), want: 'endpoint-cluster-a-3' },
  ])('$name', ({ got, want }) => {
    expect(got).toBe(want);
  });
});

describe('buildEndpoint', () => {
  it('points at the replica on its cluster gateway, named and labeled like the replica', () => {
    const got = buildEndpoint({ name: 'my-model', namespace: 'ml' }, { cluster: 'cluster-a', index: 0 }, '10.0.0.1:8080') as Obj;
    expect(got).toEqual({
      apiVersion: 'modelplane.ai/v1alpha1',
      kind: 'ModelEndpoint',
      metadata: {
        name: 'my-model-5ab63',
        namespace: 'ml',
        labels: { 'modelplane.ai/deployment': 'my-model', 'modelplane.ai/cluster': 'cluster-a', 'modelplane.ai/replica-index': '0' },
      },
      spec: { url: 'http://10.0.0.1:8080/ml/my-model-5ab63/v1', rewritePath: '/ml/my-model-5ab63/' },
    });
    expect(validEndpointSpec(got.spec)).toEqual([]);
    expect(parseModelEndpointSpec(got.spec).ok).toBe(true);
  });
});
