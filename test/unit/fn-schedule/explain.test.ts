// Rejections as typed values, rendered as status.unschedulable reasons and a summary line.
import { describe, expect, it } from 'vitest';
import { describeRejection, summarize, summaryCode, unschedulableEntry, type Rejection } from '../../../functions/fn-schedule/scheduler/explain';

const insufficient: Rejection = { code: 'NoMatchingPool', cluster: 'a', engine: 'vllm', pools: [{ kind: 'InsufficientNodes', pool: 'p', needed: 2, free: 0 }] };
const mixed: Rejection = {
  code: 'NoMatchingPool',
  cluster: 'b',
  engine: 'vllm',
  pools: [
    { kind: 'LacksDevice', pool: 'a100', request: 'gpu' },
    { kind: 'NoDraDevice', pool: 'nic', role: 'Worker' },
    { kind: 'InsufficientNodes', pool: 'h100', needed: 4, free: 1 },
  ],
};

const cannotEvaluate = {
  kind: 'CannotEvaluate',
  pool: 'h100',
  request: 'gpu',
  field: 'spec.engines[0].members[0].nodeSelector.devices[0].selectors[0].cel',
  device: 'gpu',
  error: 'No such key: arch',
} as const;

describe('describeRejection', () => {
  it.each([
    { name: 'not selected', r: { code: 'NotSelected', cluster: 'a' } as Rejection, want: 'not selected' },
    { name: 'not Ready', r: { code: 'ClusterNotReady', cluster: 'a' } as Rejection, want: 'not Ready' },
    { name: 'no gateway', r: { code: 'NoGatewayAddress', cluster: 'a' } as Rejection, want: 'no gateway address' },
    {
      name: 'taints',
      r: {
        code: 'UntoleratedTaint',
        cluster: 'a',
        taints: [
          { key: 'k', value: 'v', effect: 'NoSchedule' },
          { key: 'd', effect: 'NoExecute' },
        ],
      } as Rejection,
      want: 'untolerated taint k=v:NoSchedule, d:NoExecute',
    },
    { name: 'nothing claimable', r: { code: 'NoClaimableMember', cluster: 'a', engine: 'e' } as Rejection, want: 'engine e claims no DRA device on any pool' },
    { name: 'no pools', r: { code: 'NoMatchingPool', cluster: 'a', engine: 'e', pools: [] } as Rejection, want: 'engine e fits no pool: the cluster publishes no GPU pools' },
    { name: 'insufficient nodes', r: insufficient, want: 'engine vllm fits no pool: pool p needs 2 free nodes, has 0' },
    {
      name: 'every pool explained',
      r: mixed,
      want: 'engine vllm fits no pool: pool a100 lacks device for request gpu; pool nic yields no DRA device for the Worker member; pool h100 needs 4 free nodes, has 1',
    },
    {
      name: 'a pool that cannot be evaluated names the selector field',
      r: { code: 'NoMatchingPool', cluster: 'a', engine: 'vllm', pools: [cannotEvaluate] } as Rejection,
      want: 'engine vllm fits no pool: pool h100 cannot be evaluated for request gpu: spec.engines[0].members[0].nodeSelector.devices[0].selectors[0].cel on device gpu: No such key: arch',
    },
    {
      name: 'unreadable status',
      r: { code: 'ClusterStatusUnknown', cluster: 'a', problem: 'status.gpuPools is missing' } as Rejection,
      want: 'published status cannot be read: status.gpuPools is missing',
    },
  ])('$name', ({ r, want }) => {
    expect(describeRejection(r)).toBe(want);
    expect(unschedulableEntry(r)).toEqual({ cluster: r.cluster, reason: want });
  });
});

describe('summarize', () => {
  it.each([
    { name: 'nothing rejected', rs: [], checked: 3, want: '3/3 clusters fit' },
    {
      name: 'counted by code, most frequent first',
      rs: [insufficient, { ...insufficient, cluster: 'c' }, mixed, { code: 'UntoleratedTaint', cluster: 'd', taints: [] } as Rejection],
      checked: 4,
      want: '0/4 clusters fit: 3 InsufficientNodes, 1 UntoleratedTaint',
    },
    { name: 'some fit', rs: [{ code: 'ClusterNotReady', cluster: 'a' } as Rejection], checked: 3, want: '2/3 clusters fit: 1 ClusterNotReady' },
  ])('$name', ({ rs, checked, want }) => {
    expect(summarize(rs, checked)).toBe(want);
  });

  it.each([
    { name: 'only nodes lacking', r: insufficient, want: 'InsufficientNodes' },
    { name: 'one pool matches but is full: capacity, whatever the others lack', r: mixed, want: 'InsufficientNodes' },
    { name: 'no pool matches', r: { ...mixed, pools: [mixed.pools[0]!, mixed.pools[1]!] }, want: 'NoMatchingPool' },
    { name: 'a pool cannot be evaluated', r: { ...mixed, pools: [mixed.pools[0]!, cannotEvaluate] }, want: 'SelectorError' },
    { name: 'status unreadable', r: { code: 'ClusterStatusUnknown', cluster: 'a', problem: 'status is missing' } as Rejection, want: 'ClusterStatusUnknown' },
    { name: 'no pools', r: { code: 'NoMatchingPool', cluster: 'a', engine: 'e', pools: [] } as Rejection, want: 'NoMatchingPool' },
  ])('summaryCode: $name', ({ r, want }) => {
    expect(summaryCode(r)).toBe(want);
  });
});
