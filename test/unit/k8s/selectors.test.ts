// Label selectors: Kubernetes metav1.LabelSelector semantics, and AND-ing two selectors.
import { describe, expect, it } from 'vitest';
import { andSelectors, formatMatchLabels, matchesSelector, type LabelSelectorLike } from '../../../functions/lib/k8s/selectors';

const labels = { region: 'eu', tier: 'gpu', 'modelplane.ai/provider': 'gke' };

describe('matchesSelector', () => {
  const cases: { name: string; why: string; selector: LabelSelectorLike | undefined; labels?: Record<string, string>; want: boolean }[] = [
    { name: 'omitted selector', why: 'omitted selects every cluster', selector: undefined, want: true },
    { name: 'empty selector', why: 'empty selects everything', selector: {}, want: true },
    { name: 'matchLabels equal', why: 'all pairs present', selector: { matchLabels: { region: 'eu', tier: 'gpu' } }, want: true },
    { name: 'matchLabels differs', why: 'one value differs', selector: { matchLabels: { region: 'us' } }, want: false },
    { name: 'matchLabels missing key', why: 'key absent', selector: { matchLabels: { zone: 'a' } }, want: false },
    { name: 'matchLabels empty value vs missing', why: 'an empty value needs the key present', selector: { matchLabels: { zone: '' } }, want: false },
    { name: 'In hit', why: 'value listed', selector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['us', 'eu'] }] }, want: true },
    { name: 'In miss', why: 'value not listed', selector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['us'] }] }, want: false },
    { name: 'In absent key', why: 'In needs the key', selector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, want: false },
    { name: 'NotIn absent key', why: 'NotIn holds when the key is absent', selector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, want: true },
    { name: 'NotIn listed', why: 'value listed', selector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu'] }] }, want: false },
    { name: 'NotIn other value', why: 'value not listed', selector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['us'] }] }, want: true },
    { name: 'Exists', why: 'key present', selector: { matchExpressions: [{ key: 'modelplane.ai/provider', operator: 'Exists' }] }, want: true },
    { name: 'Exists absent', why: 'key absent', selector: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, want: false },
    { name: 'DoesNotExist', why: 'key absent', selector: { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, want: true },
    { name: 'DoesNotExist present', why: 'key present', selector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, want: false },
    {
      name: 'labels AND expressions',
      why: 'both must hold',
      selector: { matchLabels: { region: 'eu' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['cpu'] }] },
      want: false,
    },
    { name: 'unknown operator', why: 'a malformed selector selects nothing', selector: { matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] }, want: false },
    { name: 'no labels at all', why: 'In on an unlabeled object', selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['gpu'] }] }, labels: {}, want: false },
    { name: 'inherited key', why: 'prototype keys are not labels', selector: { matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, want: false },
  ];
  it.each(cases)('$name', ({ selector, labels: l, want }) => {
    expect(matchesSelector(selector, l ?? labels)).toBe(want);
  });
});

describe('andSelectors', () => {
  const cases: { name: string; why: string; a?: LabelSelectorLike; b?: LabelSelectorLike; want: LabelSelectorLike; matches: boolean }[] = [
    { name: 'both omitted', why: 'selects everything', want: {}, matches: true },
    {
      name: 'merge disjoint labels',
      why: 'union of pairs',
      a: { matchLabels: { region: 'eu' } },
      b: { matchLabels: { tier: 'gpu' } },
      want: { matchLabels: { region: 'eu', tier: 'gpu' } },
      matches: true,
    },
    {
      name: 'same key same value',
      why: 'no conflict',
      a: { matchLabels: { region: 'eu' } },
      b: { matchLabels: { region: 'eu' } },
      want: { matchLabels: { region: 'eu' } },
      matches: true,
    },
    {
      name: 'same key different values',
      why: 'the conjunction selects nothing',
      a: { matchLabels: { region: 'eu', tier: 'gpu' } },
      b: { matchLabels: { region: 'us' } },
      want: {
        matchLabels: { tier: 'gpu' },
        matchExpressions: [
          { key: 'region', operator: 'In', values: ['eu'] },
          { key: 'region', operator: 'In', values: ['us'] },
        ],
      },
      matches: false,
    },
    {
      name: 'expressions concatenated',
      why: 'all requirements hold',
      a: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      b: { matchLabels: { region: 'eu' }, matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] },
      want: {
        matchLabels: { region: 'eu' },
        matchExpressions: [
          { key: 'tier', operator: 'Exists' },
          { key: 'zone', operator: 'DoesNotExist' },
        ],
      },
      matches: true,
    },
  ];
  it.each(cases)('$name', ({ a, b, want, matches }) => {
    const got = andSelectors(a, b);
    expect(got).toEqual(want);
    expect(matchesSelector(got, labels)).toBe(matches);
  });

  it('a third selector repeating a conflicting key still selects nothing', () => {
    const got = andSelectors({ matchLabels: { region: 'eu' } }, { matchLabels: { region: 'us' } }, { matchLabels: { region: 'eu' } });
    expect(matchesSelector(got, { region: 'eu' })).toBe(false);
    expect(matchesSelector(got, { region: 'us' })).toBe(false);
  });
});

describe('formatMatchLabels', () => {
  it.each<{ name: string; labels: Record<string, string>; want: string }>([
    { name: 'one label', labels: { 'modelplane.ai/deployment': 'qwen' }, want: 'modelplane.ai/deployment=qwen' },
    { name: 'sorted keys', labels: { b: '2', a: '1' }, want: 'a=1,b=2' },
    { name: 'empty', labels: {}, want: '' },
  ])('$name', ({ labels: l, want }) => {
    expect(formatMatchLabels(l)).toBe(want);
  });
});
