// spec.strategy through the whole function: validated (a clear condition naming the field), and a
// drain of two replicas moves them one at a time by default, both at once with maxSurge 2.
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-schedule/compose';
import { clusterObj, deploymentXr, observedReplicas, replicaObj, request, view, type Obj } from '../../fixtures/fn-schedule';

const drained = clusterObj('cluster-a', { taints: [{ key: 'maintenance', effect: 'NoExecute' }] });
const clusters = [drained, clusterObj('cluster-b'), clusterObj('cluster-c')];
const endpoint = (cluster: string, index: number): Record<string, Obj> => ({
  [`endpoint-${cluster}-${index}`]: {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelEndpoint',
    metadata: { name: `e-${cluster}-${index}` },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'x' }] },
  },
});
const onA = [replicaObj('cluster-a', { index: 0 }), replicaObj('cluster-a', { index: 1 })];
const run = (spec: Obj, replicas: Obj[] = onA) =>
  view(
    compose(
      request(deploymentXr({ replicas: 2, ...spec }), {
        clusters,
        replicas,
        observed: { ...observedReplicas(...replicas), ...endpoint('cluster-a', 0), ...endpoint('cluster-a', 1) },
      }),
    ),
  );
const replicaKeys = (v: ReturnType<typeof run>) => Object.keys(v.resources).filter((k) => k.startsWith('replica-'));

describe('spec.strategy', () => {
  it.each([
    { name: 'both 0', strategy: { maxSurge: 0, maxUnavailable: 0 }, field: /spec\.strategy\.maxSurge: spec\.strategy: maxSurge and maxUnavailable cannot both be 0/ },
    { name: 'maxSurge 0, maxUnavailable defaulted', strategy: { maxSurge: 0 }, field: /maxSurge and maxUnavailable cannot both be 0/ },
    { name: 'negative', strategy: { maxUnavailable: -1 }, field: /spec\.strategy\.maxUnavailable/ },
    { name: 'a number in a string', strategy: { maxSurge: '25' }, field: /spec\.strategy\.maxSurge: must be a whole number from 0 to 1000 or a percentage like "25%"$/ },
    { name: 'above 100% unavailable', strategy: { maxUnavailable: '150%' }, field: /spec\.strategy\.maxUnavailable: must be a whole number .* \(at most 100%\)$/ },
    { name: 'a fraction', strategy: { maxSurge: 1.5 }, field: /spec\.strategy\.maxSurge: must be a whole number from 0 to 1000 or a percentage like "25%"$/ },
    { name: 'neither integer nor string', strategy: { maxSurge: true }, field: /spec\.strategy\.maxSurge: must be a whole number from 0 to 1000 or a percentage like "25%"$/ },
    { name: '0% and 0', strategy: { maxSurge: '0%', maxUnavailable: 0 }, field: /spec\.strategy\.maxSurge: spec\.strategy: maxSurge and maxUnavailable cannot both be 0 or 0%/ },
  ])('invalid ($name): InvalidSpec naming the field, everything kept', ({ strategy, field }) => {
    const v = run({ strategy });
    expect(v.conditions[0]).toMatch(/^ReplicasScheduled=False InvalidSpec: /);
    expect(v.conditions[0]).toMatch(field);
    expect(replicaKeys(v)).toEqual(['replica-cluster-a-0', 'replica-cluster-a-1']);
  });

  it.each([
    { name: 'default (maxSurge 1): one replacement at a time', strategy: undefined, keys: ['replica-cluster-a-0', 'replica-cluster-a-1', 'replica-cluster-b-0'] },
    { name: 'maxSurge 2: both at once', strategy: { maxSurge: 2 }, keys: ['replica-cluster-a-0', 'replica-cluster-a-1', 'replica-cluster-b-0', 'replica-cluster-c-0'] },
    { name: 'maxUnavailable 1: one old replica goes at once', strategy: { maxUnavailable: 1 }, keys: ['replica-cluster-a-0', 'replica-cluster-b-0', 'replica-cluster-c-0'] },
    {
      name: 'maxSurge 100% (2 of 2): both at once',
      strategy: { maxSurge: '100%' },
      keys: ['replica-cluster-a-0', 'replica-cluster-a-1', 'replica-cluster-b-0', 'replica-cluster-c-0'],
    },
    { name: 'maxSurge 25% (rounds up to 1): one at a time', strategy: { maxSurge: '25%' }, keys: ['replica-cluster-a-0', 'replica-cluster-a-1', 'replica-cluster-b-0'] },
    {
      name: 'maxUnavailable 50% (1 of 2): one old replica goes at once',
      strategy: { maxUnavailable: '50%' },
      keys: ['replica-cluster-a-0', 'replica-cluster-b-0', 'replica-cluster-c-0'],
    },
    {
      name: 'maxSurge 0 and maxUnavailable 10% (rounds to 0): one old replica goes at once',
      strategy: { maxSurge: 0, maxUnavailable: '10%' },
      keys: ['replica-cluster-a-0', 'replica-cluster-b-0'],
    },
  ])('a drain of two replicas, $name', ({ strategy, keys }) => {
    const v = run(strategy ? { strategy } : {});
    expect(replicaKeys(v)).toEqual(keys);
    expect(v.conditions[0]).toMatch(/^ReplicasScheduled=False Replacing: Replacing \d replicas?, kept until replacements are Ready/);
  });
});

describe('every move explains itself', () => {
  it('a replica kept while replaced and a replica removed each get an event with why', () => {
    const v = run({ strategy: { maxUnavailable: 1 } });
    expect(v.events).toContainEqual(
      expect.stringMatching(
        /^Normal ReplacingReplica: replica my-model-\w+ on cluster-a: cluster cluster-a has untolerated taint maintenance:NoExecute; kept until a replacement is Ready$/,
      ),
    );
    expect(v.events).toContainEqual(
      expect.stringMatching(
        /^Normal RemovedReplica: replica my-model-\w+ on cluster-a removed: cluster cluster-a has untolerated taint maintenance:NoExecute; enough replicas are Ready without it$/,
      ),
    );
  });
});
