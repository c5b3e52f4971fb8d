import { describe, expect, it } from 'vitest';
import { activeBackoffs, heal, judgeHealth, newest } from '../../../functions/fn-schedule/scheduler/healing';
import type { ObservedReplica } from '../../../functions/fn-schedule/scheduler/types';

const placement = { progressDeadlineSeconds: 900, backoffSeconds: 1800, clusterFailureToleration: 300 };
const T0 = '2026-01-01T00:00:00.000Z';
const r = (o: Partial<ObservedReplica> = {}): ObservedReplica => ({
  name: 'm-a-0',
  namespace: 'ml',
  deployment: 'm',
  clusterName: 'a',
  index: 0,
  engines: [{ name: 'vllm', copies: 1, members: [{ role: 'Standalone', nodePoolName: 'p1', pods: 1, claims: true, requests: [] }] }],
  ready: false,
  placedAt: T0,
  health: { state: 'Stuck', cause: 'Unschedulable', message: 'no fit' },
  ...o,
});

describe('judgeHealth', () => {
  it.each([
    { name: 'Ready is left alone', r: r({ ready: true }), now: '2026-01-02T00:00:00Z', want: undefined },
    { name: 'Progressing is left alone', r: r({ health: { state: 'Progressing' } }), now: '2026-01-02T00:00:00Z', want: undefined },
    { name: 'no health reported', r: r({ health: undefined }), now: '2026-01-02T00:00:00Z', want: undefined },
    { name: 'before the deadline', r: r(), now: '2026-01-01T00:14:59Z', want: undefined },
    { name: 'at the deadline', r: r(), now: '2026-01-01T00:15:00Z', want: 'replace' },
    { name: 'no clock: cannot tell, wait', r: r(), now: undefined, want: undefined },
    { name: 'no placement time: cannot tell, wait', r: r({ placedAt: undefined }), now: '2026-01-02T00:00:00Z', want: undefined },
    { name: 'quota is cluster-local', r: r({ health: { state: 'Stuck', cause: 'ReplicaFailure' } }), now: '2026-01-02T00:00:00Z', want: 'replace' },
    { name: 'image pull follows the replica', r: r({ health: { state: 'Stuck', cause: 'ImagePullBackOff' } }), now: '2026-01-02T00:00:00Z', want: 'report' },
    {
      name: 'progress deadline without a cause is not chased',
      r: r({ health: { state: 'Stuck', cause: 'ProgressDeadlineExceeded' } }),
      now: '2026-01-02T00:00:00Z',
      want: 'report',
    },
  ])('$name', ({ r: replica, now, want }) => {
    const v = judgeHealth(replica, placement, now);
    expect(v === undefined ? undefined : 'replace' in v ? 'replace' : 'report').toBe(want);
  });
});

describe('activeBackoffs', () => {
  const b = { cluster: 'a', pools: ['p1'], cause: 'Unschedulable', until: '2026-01-01T01:00:00Z' };
  it.each([
    { name: 'active', status: { backoffs: [b] }, now: '2026-01-01T00:59:59Z', want: 1 },
    { name: 'expired at until', status: { backoffs: [b] }, now: '2026-01-01T01:00:00Z', want: 0 },
    { name: 'no clock: kept', status: { backoffs: [b] }, now: undefined, want: 1 },
    { name: 'junk entries dropped', status: { backoffs: [{ cluster: 1 }, 'x', { ...b, until: 'soon' }] }, now: T0, want: 0 },
    { name: 'no status', status: undefined, now: T0, want: 0 },
  ])('$name', ({ status, now, want }) => {
    expect(activeBackoffs(status, now)).toHaveLength(want);
  });
});

describe('heal', () => {
  it('backs off the cluster and pools of a replaced replica from the clock, once', () => {
    const first = heal([r()], placement, undefined, '2026-01-01T00:20:00Z');
    expect(first.backoffs).toEqual([{ cluster: 'a', pools: ['p1'], cause: 'Unschedulable', until: '2026-01-01T00:50:00.000Z' }]);
    expect([...first.input.avoid]).toEqual(['a']);
    const later = heal([r()], placement, { backoffs: first.backoffs }, '2026-01-01T00:30:00Z');
    expect(later.backoffs).toEqual(first.backoffs);
  });

  it('newest picks the latest valid time', () => {
    expect(newest(['2026-01-01T00:00:00Z', 'junk', 7, '2026-01-01T00:05:00+00:00'])).toBe('2026-01-01T00:05:00.000Z');
    expect(newest([])).toBeUndefined();
  });
});
