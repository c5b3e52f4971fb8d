// Conditions and readiness of a pass (scheduling.md, "Conditions"): every reason of the contract,
// and the composite is never Ready=True while a condition is False.
import { describe, expect, it } from 'vitest';
import { REASON, CONDITION } from '../../../functions/fn-schedule/conditions';
import type { CacheInput } from '../../../functions/fn-schedule/inputs';
import { cacheCondition, compositeReady, deploymentConditions, type Outcome } from '../../../functions/fn-schedule/outcome';
import type { ReplicaView } from '../../../functions/fn-schedule/status';

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
const scheduled = (wanted: number, cache: CacheInput = none, summary?: string): Outcome => ({ kind: 'Scheduled', wanted, checked: 4, cache, ...(summary ? { summary } : {}) });

describe('deploymentConditions', () => {
  const cases: { name: string; why?: string; outcome: Outcome; views: ReplicaView[]; want: [string, string, string, string][] }[] = [
    {
      name: 'placed and observed, all ready',
      outcome: scheduled(2),
      views: [view('a', 0), view('b', 0)],
      want: [
        [CONDITION.scheduled, 'True', REASON.replicasCreated, 'Scheduled 2 of 2 replicas'],
        [CONDITION.ready, 'True', REASON.allReplicasReady, '2 of 2 ready'],
      ],
    },
    {
      name: 'partially placed, starting',
      why: 'partial placement is not success: the top reasons are named',
      outcome: scheduled(3, none, '0/4 clusters fit: 3 InsufficientNodes, 1 UntoleratedTaint'),
      views: [view('a', 0), view('b', 0, { ready: false })],
      want: [
        [CONDITION.scheduled, 'False', REASON.partiallyScheduled, '2 of 3 replicas scheduled; 0/4 clusters fit: 3 InsufficientNodes, 1 UntoleratedTaint'],
        [CONDITION.ready, 'False', REASON.modelStarting, '1 of 3 ready'],
      ],
    },
    {
      name: 'partially placed, all placed Ready',
      why: 'fewer Ready than wanted is not ready',
      outcome: scheduled(3, none, '0/4 clusters fit: 4 InsufficientNodes'),
      views: [view('a', 0), view('b', 0)],
      want: [
        [CONDITION.scheduled, 'False', REASON.partiallyScheduled, '2 of 3 replicas scheduled; 0/4 clusters fit: 4 InsufficientNodes'],
        [CONDITION.ready, 'False', REASON.partiallyScheduled, '2 of 3 ready; 2 of 3 scheduled'],
      ],
    },
    {
      name: 'partially placed while the cache is missing',
      why: 'fill is skipped: the cache is the cause, not capacity',
      outcome: scheduled(3, { state: 'absent', name: 'weights' }),
      views: [view('a', 0)],
      want: [
        [CONDITION.scheduled, 'False', REASON.cacheNotFound, '1 of 3 replicas scheduled: ModelCache weights not found'],
        [CONDITION.ready, 'False', REASON.partiallyScheduled, '1 of 3 ready; 1 of 3 scheduled'],
      ],
    },
    {
      name: 'a replica kept as it is: selector error',
      why: 'cannot tell: the reason names the cause and the field',
      outcome: scheduled(2),
      views: [
        view('a', 0, {
          keptAsIs: {
            reason: 'SelectorError',
            message: 'spec.engines[0].members[0].nodeSelector.devices[0].selectors[0].cel cannot be evaluated on device gpu of pool p1 (cluster a): No such key: arch',
          },
        }),
        view('b', 0),
      ],
      want: [
        [
          CONDITION.scheduled,
          'False',
          REASON.selectorError,
          'Keeping 1 replica as it is, fit cannot be told: replica r-a-0 on a: spec.engines[0].members[0].nodeSelector.devices[0].selectors[0].cel cannot be evaluated on device gpu of pool p1 (cluster a): No such key: arch',
        ],
        [CONDITION.ready, 'True', REASON.allReplicasReady, '2 of 2 ready'],
      ],
    },
    {
      name: 'replicas kept as they are: cluster status unknown',
      why: 'ClusterStatusUnknown when no selector error is among them; at most three named',
      outcome: scheduled(4),
      views: ['a', 'b', 'c', 'd'].map((c) => view(c, 0, { keptAsIs: { reason: 'ClusterStatusUnknown', message: `cluster ${c}: status is missing` } })),
      want: [
        [
          CONDITION.scheduled,
          'False',
          REASON.clusterStatusUnknown,
          'Keeping 4 replicas as they are, fit cannot be told: replica r-a-0 on a: cluster a: status is missing; replica r-b-0 on b: cluster b: status is missing; replica r-c-0 on c: cluster c: status is missing; and 1 more',
        ],
        [CONDITION.ready, 'True', REASON.allReplicasReady, '4 of 4 ready'],
      ],
    },
    {
      name: 'replacing',
      why: 'the old replica serves until its replacement is Ready; it does not count towards spec.replicas',
      outcome: scheduled(1),
      views: [view('a', 0, { replacing: 'cluster a is not selected' }), view('b', 0, { ready: false })],
      want: [
        [CONDITION.scheduled, 'False', REASON.replacing, 'Replacing 1 replica, kept until replacements are Ready: replica r-a-0 on a: cluster a is not selected'],
        [CONDITION.ready, 'False', REASON.modelStarting, '0 of 1 ready'],
      ],
    },
    {
      name: 'replacing with no room for the replacement',
      why: 'the shortfall is the cause: PartiallyScheduled, and the kept replica is mentioned',
      outcome: scheduled(1, none, '0/1 clusters fit: 1 InsufficientNodes'),
      views: [view('a', 0, { replacing: 'engine renamed is new' })],
      want: [
        [CONDITION.scheduled, 'False', REASON.insufficientCapacity, '0 of 1 replicas scheduled (checked 4 clusters)'],
        [CONDITION.ready, 'False', REASON.noReplicasScheduled, '0 of 1 ready'],
      ],
    },
    {
      name: 'placed, none observed yet',
      outcome: scheduled(1),
      views: [view('a', 0, { observed: false, ready: false })],
      want: [
        [CONDITION.scheduled, 'False', REASON.scheduling, 'Scheduled 1 of 1 replicas; none observed yet'],
        [CONDITION.ready, 'False', REASON.modelStarting, '0 of 1 ready'],
      ],
    },
    {
      name: 'nothing placed',
      outcome: scheduled(2),
      views: [],
      want: [
        [CONDITION.scheduled, 'False', REASON.insufficientCapacity, '0 of 2 replicas scheduled (checked 4 clusters)'],
        [CONDITION.ready, 'False', REASON.noReplicasScheduled, '0 of 2 ready'],
      ],
    },
    {
      name: 'nothing placed, cache unresolved',
      outcome: scheduled(2, { state: 'unresolved', name: 'weights' }),
      views: [],
      want: [
        [CONDITION.scheduled, 'False', REASON.cacheUnresolved, '0 of 2 replicas scheduled: waiting for ModelCache weights'],
        [CONDITION.ready, 'False', REASON.noReplicasScheduled, '0 of 2 ready'],
      ],
    },
    {
      name: 'nothing placed, cache missing',
      outcome: scheduled(2, { state: 'absent', name: 'weights' }),
      views: [],
      want: [
        [CONDITION.scheduled, 'False', REASON.cacheNotFound, '0 of 2 replicas scheduled: ModelCache weights not found'],
        [CONDITION.ready, 'False', REASON.noReplicasScheduled, '0 of 2 ready'],
      ],
    },
    {
      name: 'scaled to zero',
      outcome: { kind: 'ScaledToZero' },
      views: [],
      want: [
        [CONDITION.scheduled, 'True', REASON.scaledToZero, 'Scaled to zero replicas'],
        [CONDITION.ready, 'True', REASON.scaledToZero, 'Scaled to zero replicas'],
      ],
    },
    {
      name: 'no clusters',
      outcome: { kind: 'NoClusters', resolved: 0, wanted: 1 },
      views: [view('a', 0)],
      want: [
        [CONDITION.scheduled, 'False', REASON.noClusters, 'No InferenceCluster matches spec.clusterSelector; keeping the current replicas'],
        [CONDITION.ready, 'True', REASON.allReplicasReady, '1 of 1 ready'],
      ],
    },
    {
      name: 'no selected clusters among the resolved ones',
      outcome: { kind: 'NoClusters', resolved: 3, wanted: 2 },
      views: [],
      want: [
        [CONDITION.scheduled, 'False', REASON.noClusters, 'None of the 3 InferenceClusters found matches the effective cluster selector; keeping the current replicas'],
        [CONDITION.ready, 'False', REASON.noReplicasScheduled, '0 of 2 ready'],
      ],
    },
    {
      name: 'invalid selector',
      outcome: { kind: 'InvalidNodeSelector', errors: ['x: syntax error', 'y: type error'], wanted: 1 },
      views: [],
      want: [
        [CONDITION.scheduled, 'False', REASON.invalidNodeSelector, 'Invalid nodeSelector CEL expression: x: syntax error; y: type error'],
        [CONDITION.ready, 'False', REASON.noReplicasScheduled, '0 of 1 ready'],
      ],
    },
    {
      name: 'invalid spec',
      outcome: { kind: 'InvalidSpec', message: 'Invalid spec: spec.engines: required' },
      views: [],
      want: [
        [CONDITION.scheduled, 'False', REASON.invalidSpec, 'Invalid spec: spec.engines: required'],
        [CONDITION.ready, 'False', REASON.noReplicasScheduled, '0 of 0 ready'],
      ],
    },
  ];
  it.each(cases)('$name', ({ outcome, views, want }) => {
    const conditions = deploymentConditions(outcome, views, undefined);
    expect(conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual(want);
    // Ready means ready: never Ready=True while a condition is False.
    const anyFalse = want.some(([, status]) => status === 'False');
    expect(compositeReady(conditions, [{ ready: true }])).toBe(anyFalse ? false : undefined);
    expect(compositeReady(conditions, [])).toBe(anyFalse ? false : undefined);
    // A composed resource that is not ready already keeps Crossplane from Ready=True (with its own message).
    expect(compositeReady(conditions, [{ ready: true }, { ready: false }])).toBeUndefined();
  });
});

describe('cacheCondition', () => {
  it.each([
    { name: 'none referenced', cache: none, want: ['True', REASON.cacheResolved, 'No ModelCache referenced'] },
    { name: 'present', cache: { state: 'present', name: 'w', selector: undefined } as CacheInput, want: ['True', REASON.cacheResolved, 'ModelCache w found'] },
    {
      name: 'unresolved',
      cache: { state: 'unresolved', name: 'w' } as CacheInput,
      want: ['False', REASON.cacheUnresolved, 'Waiting for ModelCache w; new replicas are not placed until it resolves'],
    },
    {
      name: 'absent',
      cache: { state: 'absent', name: 'w' } as CacheInput,
      want: ['False', REASON.cacheNotFound, 'ModelCache w (spec.modelCacheRef.name) not found in this namespace; new replicas are not placed'],
    },
  ])('$name', ({ cache, want }) => {
    const c = cacheCondition(cache);
    expect([c.type, c.status, c.reason, c.message]).toEqual([CONDITION.cache, ...want]);
  });
});
