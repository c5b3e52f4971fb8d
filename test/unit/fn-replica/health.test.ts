import { describe, expect, it } from 'vitest';
import { HEALTH_STATE, STUCK_CAUSE, readReplicaHealth } from '../../../functions/lib/contracts';
import { CONDITION } from '../../../functions/fn-replica/conditions';
import { followsReplica, healthCondition, replicaHealth, type HealthInput } from '../../../functions/fn-replica/health';

type Json = Record<string, any>;
const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:05:00Z';
const T2 = '2026-01-01T00:09:00Z';

const deployment = (conditions: Json[]): Json => ({ kind: 'Deployment', metadata: { name: 'engine' }, status: { conditions } });
const pod = (status: Json): Json => ({ kind: 'Pod', metadata: { name: 'engine-0' }, status });
const waiting = (reason: string): Json =>
  pod({ conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: T1 }], containerStatuses: [{ name: 'vllm', state: { waiting: { reason, message: 'back-off' } } }] });
const unschedulable = (message: string): Json => pod({ conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: T1 }] });

const base: HealthInput = { serving: false, workloads: [deployment([])], pods: [], placedAt: T0 };

describe('replicaHealth', () => {
  it.each([
    { name: 'serving', input: { serving: true, workloads: [deployment([{ type: 'Available', status: 'True', lastTransitionTime: T2 }])] }, want: { state: 'Ready', since: T2 } },
    { name: 'nothing wrong yet', input: {}, want: { state: 'Progressing', since: T0 } },
    {
      name: 'unschedulable pod',
      input: { pods: [unschedulable('0/3 nodes are available: 3 Insufficient nvidia.com/gpu.')] },
      want: { state: 'Stuck', cause: 'Unschedulable', since: T1 },
    },
    {
      name: 'claim cannot be allocated',
      input: { pods: [unschedulable('0/2 nodes are available: cannot allocate all claims.')] },
      want: { state: 'Stuck', cause: 'ClaimAllocationFailed', since: T1 },
    },
    { name: 'image pull back-off', input: { pods: [waiting('ImagePullBackOff')] }, want: { state: 'Stuck', cause: 'ImagePullBackOff', since: T1 } },
    { name: 'ErrImagePull counts as a pull failure', input: { pods: [waiting('ErrImagePull')] }, want: { state: 'Stuck', cause: 'ImagePullBackOff', since: T1 } },
    { name: 'crash loop', input: { pods: [waiting('CrashLoopBackOff')] }, want: { state: 'Stuck', cause: 'CrashLoopBackOff', since: T1 } },
    {
      name: 'quota from the Deployment',
      input: { workloads: [deployment([{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'exceeded quota: gpus', lastTransitionTime: T1 }])] },
      want: { state: 'Stuck', cause: 'ReplicaFailure', since: T1 },
    },
    {
      name: 'Deployment progress deadline',
      input: { workloads: [deployment([{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', lastTransitionTime: T2 }])] },
      want: { state: 'Stuck', cause: 'ProgressDeadlineExceeded', since: T2 },
    },
    {
      name: 'a bad image explains an unschedulable sibling',
      input: { pods: [unschedulable('no fit'), waiting('ImagePullBackOff')] },
      want: { state: 'Stuck', cause: 'ImagePullBackOff', since: T1 },
    },
    {
      name: 'no timestamps: placement time',
      input: { pods: [pod({ conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] })] },
      want: { state: 'Stuck', cause: 'Unschedulable', since: T0 },
    },
    {
      name: 'same state keeps its since',
      input: { pods: [unschedulable('no fit')], previous: { state: 'Stuck', cause: 'Unschedulable', since: T0 } },
      want: { state: 'Stuck', cause: 'Unschedulable', since: T0 },
    },
    {
      name: 'a new cause restarts since',
      input: { pods: [waiting('CrashLoopBackOff')], previous: { state: 'Stuck', cause: 'Unschedulable', since: T0 } },
      want: { state: 'Stuck', cause: 'CrashLoopBackOff', since: T1 },
    },
    {
      name: 'garbage status is Progressing',
      input: { workloads: [{ kind: 'Deployment', status: 'nope' }], pods: [{ kind: 'Pod', status: { containerStatuses: 'x' } }] },
      want: { state: 'Progressing', since: T0 },
    },
  ])('$name', ({ input, want }) => {
    expect(replicaHealth({ ...base, ...(input as Partial<HealthInput>) })).toMatchObject(want);
  });

  it('observedAt is the newest time on any workload or pod condition', () => {
    const w = deployment([{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: T1, lastUpdateTime: T2 }]);
    expect(replicaHealth({ ...base, workloads: [w], pods: [unschedulable('x')] }).observedAt).toBe(T2);
    expect(replicaHealth(base).observedAt).toBeUndefined();
  });

  it('is deterministic: the same input gives the same answer', () => {
    const input = { ...base, pods: [unschedulable('no fit')] };
    expect(replicaHealth(input)).toEqual(replicaHealth(structuredClone(input)));
  });
});

describe('healthCondition', () => {
  it.each([
    { h: { state: HEALTH_STATE.ready, since: T0 }, status: 'True', reason: 'Ready', follows: false },
    { h: { state: HEALTH_STATE.progressing }, status: 'Unknown', reason: 'Progressing', follows: false },
    { h: { state: HEALTH_STATE.stuck, cause: STUCK_CAUSE.unschedulable, message: 'm' }, status: 'False', reason: 'Unschedulable', follows: false },
    { h: { state: HEALTH_STATE.stuck, cause: STUCK_CAUSE.imagePullBackOff, message: 'm' }, status: 'False', reason: 'ImagePullBackOff', follows: true },
  ])('$reason', ({ h, status, reason, follows }) => {
    expect(healthCondition(h)).toMatchObject({ type: CONDITION.healthy, status, reason });
    expect(followsReplica(h)).toBe(follows);
  });
});

describe('readReplicaHealth', () => {
  it.each([
    { status: undefined, want: undefined },
    { status: { health: { state: 'Bogus' } }, want: undefined },
    { status: { health: { state: 'Stuck', cause: 'Unschedulable', since: T0 } }, want: { state: 'Stuck', cause: 'Unschedulable', since: T0 } },
    { status: { health: { state: 'Stuck', cause: 'Nope', since: 'not a time' } }, want: { state: 'Stuck' } },
  ])('$status', ({ status, want }) => {
    expect(readReplicaHealth(status)).toEqual(want);
  });
});
