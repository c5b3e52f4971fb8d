// Names of per-endpoint and per-service objects: valid RFC 1035 labels, stable, readable.
import { describe, expect, it } from 'vitest';
import { backendName, prefixedLabel, routeName } from '../../../functions/fn-service/names';

const LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

describe('prefixedLabel', () => {
  it.each([
    { name: 'plain name', prefix: 'me', input: 'qwen3-8b-5ab63', want: 'me-qwen3-8b-5ab63' },
    { name: 'name starting with a digit is fine after the prefix', prefix: 'ms', input: '8b', want: 'ms-8b' },
    { name: 'dotted name gets a hash', prefix: 'me', input: 'together.qwen', want: 'me-together-qwen-2bd6c570' },
    { name: 'long name is cut and hashed', prefix: 'me', input: 'a'.repeat(70), want: `me-${'a'.repeat(51)}-6bd5e503` },
    { name: 'exactly 63 with the prefix stays plain', prefix: 'me', input: 'b'.repeat(60), want: `me-${'b'.repeat(60)}` },
  ])('$name', ({ prefix, input, want }) => {
    const got = prefixedLabel(prefix, input);
    expect(got).toBe(want);
    expect(got.length).toBeLessThanOrEqual(63);
    expect(got).toMatch(LABEL);
  });

  it('distinct long names do not collide', () => {
    const a = backendName(`${'x'.repeat(70)}-a`);
    const b = backendName(`${'x'.repeat(70)}-b`);
    expect(a).not.toBe(b);
  });

  it('backend and route names use their own prefixes', () => {
    expect([backendName('qwen'), routeName('qwen')]).toEqual(['me-qwen', 'ms-qwen']);
  });
});
