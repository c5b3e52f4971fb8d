import { describe, expect, it } from 'vitest';
import { schedule } from '../../../functions/fn-schedule/scheduler/schedule';
import { DEFAULT_STRATEGY, fillTarget, keepServing, resolveStrategy } from '../../../functions/fn-schedule/scheduler/strategy';
import { cluster, deploymentSpec, input, replica, where } from '../../fixtures/fn-schedule';

describe('resolveStrategy: counts or percentages of spec.replicas, as a Deployment resolves them', () => {
  it.each([
    { name: 'omitted: the defaults', spec: undefined, wanted: 4, want: DEFAULT_STRATEGY },
    { name: 'counts as they are', spec: { maxSurge: 2, maxUnavailable: 1 }, wanted: 4, want: { maxSurge: 2, maxUnavailable: 1 } },
    { name: 'counts above spec.replicas kept', spec: { maxSurge: 5, maxUnavailable: 0 }, wanted: 2, want: { maxSurge: 5, maxUnavailable: 0 } },
    { name: '25% of 4: 1 and 1', spec: { maxSurge: '25%', maxUnavailable: '25%' }, wanted: 4, want: { maxSurge: 1, maxUnavailable: 1 } },
    { name: '25% of 3: surge rounds up, unavailable down', spec: { maxSurge: '25%', maxUnavailable: '25%' }, wanted: 3, want: { maxSurge: 1, maxUnavailable: 0 } },
    { name: '50% of 5: 3 up, 2 down', spec: { maxSurge: '50%', maxUnavailable: '50%' }, wanted: 5, want: { maxSurge: 3, maxUnavailable: 2 } },
    { name: '100% of 2', spec: { maxSurge: '100%', maxUnavailable: 0 }, wanted: 2, want: { maxSurge: 2, maxUnavailable: 0 } },
    { name: '150% surge of 2', spec: { maxSurge: '150%', maxUnavailable: 0 }, wanted: 2, want: { maxSurge: 3, maxUnavailable: 0 } },
    { name: '1% surge of 1 rounds up to 1', spec: { maxSurge: '1%', maxUnavailable: 0 }, wanted: 1, want: { maxSurge: 1, maxUnavailable: 0 } },
    { name: 'mixed: a count and a percentage', spec: { maxSurge: 1, maxUnavailable: '50%' }, wanted: 4, want: { maxSurge: 1, maxUnavailable: 2 } },
    {
      name: 'both come to 0 (10% of 3 rounds down): maxUnavailable 1, so moves progress',
      spec: { maxSurge: 0, maxUnavailable: '10%' },
      wanted: 3,
      want: { maxSurge: 0, maxUnavailable: 1 },
    },
    { name: 'both come to 0 at 0 replicas: maxUnavailable 1', spec: { maxSurge: '25%', maxUnavailable: 0 }, wanted: 0, want: { maxSurge: 0, maxUnavailable: 1 } },
  ])('$name', ({ spec, wanted, want }) => {
    expect(resolveStrategy(spec, wanted)).toEqual(want);
  });
});

describe('keepServing / fillTarget', () => {
  it.each([
    { name: 'defaults: keep every replaced replica until the count is back', wanted: 3, servingKept: 1, s: { maxSurge: 1, maxUnavailable: 0 }, want: 2 },
    { name: 'maxUnavailable 1: one fewer kept', wanted: 3, servingKept: 1, s: { maxSurge: 1, maxUnavailable: 1 }, want: 1 },
    { name: 'enough serving: none kept', wanted: 3, servingKept: 3, s: { maxSurge: 1, maxUnavailable: 0 }, want: 0 },
  ])('keepServing: $name', ({ wanted, servingKept, s, want }) => {
    expect(keepServing(wanted, servingKept, s)).toBe(want);
  });
  it.each([
    { name: 'no moves: all wanted', wanted: 3, kept: 1, serving: 0, s: { maxSurge: 1, maxUnavailable: 0 }, want: 3 },
    { name: 'two replaced still serving, maxSurge 1: one new at a time', wanted: 2, kept: 0, serving: 2, s: { maxSurge: 1, maxUnavailable: 0 }, want: 1 },
    { name: 'maxSurge 2: both at once', wanted: 2, kept: 0, serving: 2, s: { maxSurge: 2, maxUnavailable: 0 }, want: 2 },
    { name: 'never below what is kept', wanted: 2, kept: 1, serving: 2, s: { maxSurge: 0, maxUnavailable: 1 }, want: 1 },
    { name: 'both 0 (rejected by the schema) reads as maxSurge 1', wanted: 2, kept: 0, serving: 2, s: { maxSurge: 0, maxUnavailable: 0 }, want: 1 },
  ])('fillTarget: $name', ({ wanted, kept, serving, s, want }) => {
    expect(fillTarget(wanted, kept, serving, s)).toBe(want);
  });
});

describe('schedule with spec.strategy: a drain of two replicas', () => {
  const spec = deploymentSpec({ replicas: 2 });
  const drained = [cluster('a', { taints: [{ key: 'm', effect: 'NoExecute' }] }), cluster('b'), cluster('c')];
  const replicas = [replica('a', { index: 0 }), replica('a', { index: 1 })];
  it.each([
    { name: 'default: one replacement at a time, both kept', strategy: undefined, placed: 1, replacing: 2, dropped: 0 },
    { name: 'maxSurge 2: both replacements at once', strategy: { maxSurge: 2, maxUnavailable: 0 }, placed: 2, replacing: 2, dropped: 0 },
    { name: 'maxUnavailable 1: one old goes at once', strategy: { maxSurge: 1, maxUnavailable: 1 }, placed: 2, replacing: 1, dropped: 1 },
  ])('$name', ({ strategy, placed, replacing, dropped }) => {
    const r = schedule({ ...input({ spec, clusters: drained, replicas }), ...(strategy ? { strategy } : {}) });
    expect(r.placements).toHaveLength(placed);
    expect(r.replacing).toHaveLength(replacing);
    expect(r.dropped).toHaveLength(dropped);
    expect(r.unschedulable).toEqual([]);
  });
  it('the next replacement once the first is Ready', () => {
    const next = schedule({ ...input({ spec, clusters: drained, replicas: [...replicas, replica('b')] }) });
    expect(where(next.placements)).toEqual(['b/0', 'c/0']);
    expect(next.replacing).toHaveLength(1);
    expect(next.dropped).toHaveLength(1);
  });
});
