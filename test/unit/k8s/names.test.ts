// Name formulas: the ModelReplica name is part of the public API (api.md).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_DNS_LABEL, replicaName, truncateName, uniqueName } from '../../../functions/lib/k8s/names';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const hash5 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 5);

describe('replicaName', () => {
  it.each([
    { name: 'the api.md example', deployment: 'my-model', cluster: 'cluster-a', index: 0, want: 'my-model-5ab63' },
    { name: 'index changes the hash', deployment: 'my-model', cluster: 'cluster-a', index: 1, want: `my-model-${hash5('my-model-cluster-a-1')}` },
    { name: 'cluster changes the hash', deployment: 'my-model', cluster: 'cluster-b', index: 0, want: `my-model-${hash5('my-model-cluster-b-0')}` },
    {
      name: 'long name cut to 57 chars',
      deployment: 'a'.repeat(70),
      cluster: 'c',
      index: 0,
      want: `${'a'.repeat(57)}-${hash5(`${'a'.repeat(70)}-c-0`)}`,
    },
    {
      name: 'trailing dash removed after the cut',
      deployment: `${'a'.repeat(56)}-tail`,
      cluster: 'c',
      index: 3,
      want: `${'a'.repeat(56)}-${hash5(`${'a'.repeat(56)}-tail-c-3`)}`,
    },
  ])('$name', ({ deployment, cluster, index, want }) => {
    const got = replicaName(deployment, cluster, index);
    expect(got).toBe(want);
    expect(got.length).toBeLessThanOrEqual(MAX_DNS_LABEL);
    expect(got).toMatch(DNS_LABEL);
  });
});

describe('truncateName', () => {
  it.each([
    { name: 'short', input: 'abc', max: 5, want: 'abc' },
    { name: 'cut', input: 'abcdef', max: 3, want: 'abc' },
    { name: 'trailing dashes and dots', input: 'ab-.-cd', max: 5, want: 'ab' },
  ])('$name', ({ input, max, want }) => {
    expect(truncateName(input, max)).toBe(want);
  });
});

describe('uniqueName', () => {
  it('differs across namespaces for the same name', () => {
    expect(uniqueName(['ns-a', 'qwen'])).not.toBe(uniqueName(['ns-b', 'qwen']));
  });
  it.each([
    { name: 'readable prefix', parts: ['ml', 'qwen'], prefix: 'ml-qwen-' },
    { name: 'long parts stay a DNS label', parts: ['x'.repeat(80), 'y'.repeat(80)], prefix: 'x' },
    { name: 'odd characters normalized', parts: ['ML_Team', 'Qwen.3'], prefix: 'ml-team-qwen-3-' },
  ])('$name', ({ parts, prefix }) => {
    const got = uniqueName(parts);
    expect(got.startsWith(prefix)).toBe(true);
    expect(got.length).toBeLessThanOrEqual(MAX_DNS_LABEL);
    expect(got).toMatch(DNS_LABEL);
  });
});
