// Tolerations versus taints: Kubernetes core/v1 ToleratesTaint semantics.
import { describe, expect, it } from 'vitest';
import { formatTaint, toleratesTaint, untoleratedTaints, type TaintLike, type TolerationLike } from '../../../functions/lib/k8s/tolerations';

const cordon: TaintLike = { key: 'maintenance', value: 'true', effect: 'NoSchedule' };
const drain: TaintLike = { key: 'maintenance', value: 'true', effect: 'NoExecute' };
const bare: TaintLike = { key: 'dedicated', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  const cases: { name: string; why: string; toleration: TolerationLike; taint: TaintLike; want: boolean }[] = [
    { name: 'Equal key and value', why: 'exact match', toleration: { key: 'maintenance', operator: 'Equal', value: 'true' }, taint: cordon, want: true },
    { name: 'operator defaults to Equal', why: 'unset operator is Equal', toleration: { key: 'maintenance', value: 'true' }, taint: cordon, want: true },
    { name: 'Equal wrong value', why: 'values differ', toleration: { key: 'maintenance', value: 'false' }, taint: cordon, want: false },
    { name: 'Equal missing value vs valued taint', why: 'missing value is ""', toleration: { key: 'maintenance' }, taint: cordon, want: false },
    { name: 'Equal missing value vs bare taint', why: 'both ""', toleration: { key: 'dedicated' }, taint: bare, want: true },
    { name: 'Equal other key', why: 'keys differ', toleration: { key: 'other', value: 'true' }, taint: cordon, want: false },
    { name: 'Exists with key', why: 'any value', toleration: { key: 'maintenance', operator: 'Exists' }, taint: drain, want: true },
    { name: 'Exists other key', why: 'keys differ', toleration: { key: 'other', operator: 'Exists' }, taint: drain, want: false },
    { name: 'Exists empty key', why: 'tolerates everything', toleration: { operator: 'Exists' }, taint: drain, want: true },
    {
      name: 'Exists empty key, effect NoSchedule vs NoExecute',
      why: 'an effect only matches that effect',
      toleration: { operator: 'Exists', effect: 'NoSchedule' },
      taint: drain,
      want: false,
    },
    { name: 'effect matches', why: 'same effect', toleration: { key: 'maintenance', operator: 'Exists', effect: 'NoExecute' }, taint: drain, want: true },
    {
      name: 'effect differs',
      why: 'NoSchedule toleration vs NoExecute taint',
      toleration: { key: 'maintenance', operator: 'Exists', effect: 'NoSchedule' },
      taint: drain,
      want: false,
    },
    { name: 'empty effect matches all', why: '"" is every effect', toleration: { key: 'maintenance', operator: 'Exists', effect: '' }, taint: drain, want: true },
    { name: 'unknown operator', why: 'tolerates nothing', toleration: { key: 'maintenance', operator: 'Lt', value: 'true' }, taint: cordon, want: false },
  ];
  it.each(cases)('$name', ({ toleration, taint, want }) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });
});

describe('untoleratedTaints', () => {
  const taints = [cordon, drain, bare];
  it.each([
    { name: 'no tolerations, NoExecute only', tolerations: [], effects: ['NoExecute'], want: [drain] },
    { name: 'no tolerations, both effects', tolerations: [], effects: ['NoSchedule', 'NoExecute'], want: [cordon, drain, bare] },
    {
      name: 'tolerate maintenance NoSchedule only',
      tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoSchedule' }],
      effects: ['NoSchedule', 'NoExecute'],
      want: [drain, bare],
    },
    { name: 'tolerate everything', tolerations: [{ operator: 'Exists' }], effects: ['NoSchedule', 'NoExecute'], want: [] },
    { name: 'no taints', tolerations: [], effects: ['NoExecute'], want: [], taints: [] },
  ])('$name', ({ tolerations, effects, want, taints: t }) => {
    expect(untoleratedTaints(t ?? taints, tolerations, effects)).toEqual(want);
  });
});

describe('formatTaint', () => {
  it.each([
    { name: 'with value', taint: drain, want: 'maintenance=true:NoExecute' },
    { name: 'without value', taint: bare, want: 'dedicated:NoSchedule' },
  ])('$name', ({ taint, want }) => {
    expect(formatTaint(taint)).toBe(want);
  });
});
