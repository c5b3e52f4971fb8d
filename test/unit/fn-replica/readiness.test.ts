import { describe, expect, it } from 'vitest';
import { CONDITION, REASON } from '../../../functions/fn-replica/conditions';
import { acceptedCondition, objectState, readyCondition, type ObjectState } from '../../../functions/fn-replica/readiness';

type Json = Record<string, any>;
const object = (kind: string): Json => ({ spec: { forProvider: { manifest: { kind } } } });
const observed = (synced?: string, ready?: string, atProvider?: Json): Json => ({
  status: {
    conditions: [...(synced ? [{ type: 'Synced', status: synced }] : []), ...(ready ? [{ type: 'Ready', status: ready }] : [])],
    ...(atProvider ? { atProvider } : {}),
  },
});
const available = { manifest: { status: { conditions: [{ type: 'Available', status: 'True' }] } } };

describe('objectState', () => {
  it.each([
    { name: 'not observed yet', kind: 'Deployment', obs: undefined, want: { workload: true, applied: false, ready: false } },
    { name: 'applied, not Available', kind: 'Deployment', obs: observed('True', 'False'), want: { workload: true, applied: true, ready: false } },
    { name: 'Ready from the readiness policy', kind: 'LeaderWorkerSet', obs: observed('True', 'True'), want: { workload: true, applied: true, ready: true } },
    { name: 'Available in the observed remote status', kind: 'Deployment', obs: observed('True', 'False', available), want: { workload: true, applied: true, ready: true } },
    {
      name: 'remote Available does not make a non-workload ready',
      kind: 'Service',
      obs: observed('True', 'False', available),
      want: { workload: false, applied: true, ready: false },
    },
    { name: 'failed to apply', kind: 'HTTPRoute', obs: observed('False', 'True'), want: { workload: false, applied: false, ready: true } },
    { name: 'garbage status', kind: 'ConfigMap', obs: { status: { conditions: 'nope' } }, want: { workload: false, applied: false, ready: false } },
  ])('$name', ({ kind, obs, want }) => {
    expect(objectState('k', object(kind), obs)).toEqual({ key: 'k', ...want });
  });
});

const s = (key: string, workload: boolean, applied: boolean, ready: boolean): ObjectState => ({ key, workload, applied, ready });

describe('conditions', () => {
  it.each([
    {
      name: 'all applied and Available',
      states: [s('w', true, true, true), s('r', false, true, true)],
      want: [
        { type: CONDITION.accepted, status: 'True', reason: REASON.applied, message: '2 objects applied on cluster c' },
        { type: CONDITION.ready, status: 'True', reason: REASON.serving, message: 'every workload is Available' },
      ],
    },
    {
      name: 'a workload not Available',
      states: [s('w', true, true, false), s('r', false, true, false)],
      want: [
        { type: CONDITION.accepted, status: 'True', reason: REASON.applied, message: '2 objects applied on cluster c' },
        { type: CONDITION.ready, status: 'False', reason: REASON.waitingForWorkloads, message: 'waiting for w' },
      ],
    },
    {
      name: 'something not applied',
      states: [s('w', true, true, true), ...['a', 'b', 'c', 'd', 'e', 'f'].map((k) => s(k, false, false, false))],
      want: [
        { type: CONDITION.accepted, status: 'False', reason: REASON.applying, message: '1/7 objects applied on cluster c; waiting for a, b, c, d, e and 1 more' },
        { type: CONDITION.ready, status: 'False', reason: REASON.waitingForWorkloads, message: 'waiting for a, b, c, d, e and 1 more' },
      ],
    },
    {
      name: 'nothing composed',
      states: [],
      want: [
        { type: CONDITION.accepted, status: 'True', reason: REASON.applied, message: '0 objects applied on cluster c' },
        { type: CONDITION.ready, status: 'False', reason: REASON.waitingForWorkloads, message: 'no workloads composed yet' },
      ],
    },
  ])('$name', ({ states, want }) => {
    expect([acceptedCondition(states, 'c'), readyCondition(states)]).toEqual(want);
  });
});
