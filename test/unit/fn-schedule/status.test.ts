// Status fields and conditions (scheduling.md, "What the function returns", the conditions table).
import { describe, expect, it } from 'vitest';
import { REASONS, TYPES } from '../../../functions/fn-schedule/conditions';
import type { CacheInput } from '../../../functions/fn-schedule/inputs';
import { cacheCondition, deploymentConditions, deploymentStatus, type Outcome, type ReplicaView } from '../../../functions/fn-schedule/status';

const view = (cluster: string, index: number, o: Partial<ReplicaView> = {}): ReplicaView => ({
  replica: `r-${cluster}-${index}`,
  cluster,
  index,
  engines: [{ name: 'vllm', pools: ['p1'] }],
  observed: true,
  ready: true,
  ...o,
});
const none: CacheInput = { state: 'none' };
const scheduled = (wanted: number, cache: CacheInput = none): Outcome => ({ kind: 'Scheduled', wanted, checked: 4, cache });

describe('deploymentConditions', () => {
  const cases: { name: string; outcome: Outcome; views: ReplicaView[]; want: [string, string, string, string][] }[] = [
    {
      name: 'placed and observed, all ready',
      outcome: scheduled(2),
      views: [view('a', 0), view('b', 0)],
      want: [
        [TYPES.scheduled, 'True', REASONS.replicasCreated, 'Scheduled 2 of 2 replicas'],
        [TYPES.ready, 'True', REASONS.allReplicasReady, '2 of 2 ready'],
      ],
    },
    {
      name: 'partially placed, starting',
      outcome: scheduled(3),
      views: [view('a', 0), view('b', 0, { ready: false })],
      want: [
        [TYPES.scheduled, 'True', REASONS.replicasCreated, 'Scheduled 2 of 3 replicas'],
        [TYPES.ready, 'False', REASONS.modelStarting, '1 of 2 ready'],
      ],
    },
    {
      name: 'placed, none observed yet',
      outcome: scheduled(1),
      views: [view('a', 0, { observed: false, ready: false })],
      want: [
        [TYPES.scheduled, 'False', REASONS.scheduling, 'Scheduled 1 of 1 replicas; none observed yet'],
        [TYPES.ready, 'False', REASONS.modelStarting, '0 of 1 ready'],
      ],
    },
    {
      name: 'nothing placed',
      outcome: scheduled(2),
      views: [],
      want: [
        [TYPES.scheduled, 'False', REASONS.insufficientCapacity, '0 of 2 replicas scheduled (checked 4 clusters)'],
        [TYPES.ready, 'False', REASONS.noReplicasScheduled, '0 of 0 ready'],
      ],
    },
    {
      name: 'nothing placed, cache unresolved',
      outcome: scheduled(2, { state: 'unresolved', name: 'weights' }),
      views: [],
      want: [
        [TYPES.scheduled, 'False', REASONS.cacheUnresolved, '0 of 2 replicas scheduled: waiting for ModelCache weights'],
        [TYPES.ready, 'False', REASONS.noReplicasScheduled, '0 of 0 ready'],
      ],
    },
    {
      name: 'nothing placed, cache missing',
      outcome: scheduled(2, { state: 'absent', name: 'weights' }),
      views: [],
      want: [
        [TYPES.scheduled, 'False', REASONS.cacheNotFound, '0 of 2 replicas scheduled: ModelCache weights not found'],
        [TYPES.ready, 'False', REASONS.noReplicasScheduled, '0 of 0 ready'],
      ],
    },
    {
      name: 'scaled to zero',
      outcome: { kind: 'ScaledToZero' },
      views: [],
      want: [
        [TYPES.scheduled, 'True', REASONS.scaledToZero, 'Scaled to zero replicas'],
        [TYPES.ready, 'True', REASONS.scaledToZero, 'Scaled to zero replicas'],
      ],
    },
    {
      name: 'no clusters',
      outcome: { kind: 'NoClusters', resolved: 0 },
      views: [view('a', 0)],
      want: [
        [TYPES.scheduled, 'False', REASONS.noClusters, 'No InferenceCluster matches spec.clusterSelector; keeping the current replicas'],
        [TYPES.ready, 'True', REASONS.allReplicasReady, '1 of 1 ready'],
      ],
    },
    {
      name: 'no selected clusters among the resolved ones',
      outcome: { kind: 'NoClusters', resolved: 3 },
      views: [],
      want: [
        [TYPES.scheduled, 'False', REASONS.noClusters, 'None of the 3 InferenceClusters found matches the effective cluster selector; keeping the current replicas'],
        [TYPES.ready, 'False', REASONS.noReplicasScheduled, '0 of 0 ready'],
      ],
    },
    {
      name: 'invalid selector',
      outcome: { kind: 'InvalidNodeSelector', errors: ['x: syntax error', 'y: type error'] },
      views: [],
      want: [
        [TYPES.scheduled, 'False', REASONS.invalidNodeSelector, 'Invalid nodeSelector CEL expression: x: syntax error; y: type error'],
        [TYPES.ready, 'False', REASONS.noReplicasScheduled, '0 of 0 ready'],
      ],
    },
    {
      name: 'invalid spec',
      outcome: { kind: 'InvalidSpec', message: 'Invalid spec: spec.engines: required' },
      views: [],
      want: [
        [TYPES.scheduled, 'False', REASONS.invalidSpec, 'Invalid spec: spec.engines: required'],
        [TYPES.ready, 'False', REASONS.noReplicasScheduled, '0 of 0 ready'],
      ],
    },
  ];
  it.each(cases)('$name', ({ outcome, views, want }) => {
    const got = deploymentConditions(outcome, views, undefined).map((c) => [c.type, c.status, c.reason, c.message]);
    expect(got).toEqual(want);
  });
});

describe('cacheCondition', () => {
  it.each([
    { name: 'none referenced', cache: none, want: ['True', REASONS.cacheResolved, 'No ModelCache referenced'] },
    { name: 'present', cache: { state: 'present', name: 'w', selector: undefined } as CacheInput, want: ['True', REASONS.cacheResolved, 'ModelCache w found'] },
    { name: 'unresolved', cache: { state: 'unresolved', name: 'w' } as CacheInput, want: ['False', REASONS.cacheUnresolved, 'Waiting for ModelCache w; new replicas are not placed until it resolves'] },
    {
      name: 'absent',
      cache: { state: 'absent', name: 'w' } as CacheInput,
      want: ['False', REASONS.cacheNotFound, 'ModelCache w (spec.modelCacheRef.name) not found in this namespace; new replicas are not placed'],
    },
  ])('$name', ({ cache, want }) => {
    const c = cacheCondition(cache);
    expect([c.type, c.status, c.reason, c.message]).toEqual([TYPES.cache, ...want]);
  });
});

describe('deploymentStatus', () => {
  it('reports totals, placements, unschedulable reasons and the scale selector', () => {
    const got = deploymentStatus('qwen', [view('a', 0), view('b', 1, { ready: false, engines: [{ name: 'p', pools: ['x'] }, { name: 'd', pools: ['y'] }] })], [
      { cluster: 'c', reason: 'not Ready' },
    ]);
    expect(got).toEqual({
      replicas: { total: 2, ready: 1 },
      placements: [
        { replica: 'r-a-0', cluster: 'a', index: 0, engines: [{ name: 'vllm', pools: ['p1'] }] },
        { replica: 'r-b-1', cluster: 'b', index: 1, engines: [{ name: 'p', pools: ['x'] }, { name: 'd', pools: ['y'] }] },
      ],
      unschedulable: [{ cluster: 'c', reason: 'not Ready' }],
      labelSelector: 'modelplane.ai/deployment=qwen',
    });
  });
});
