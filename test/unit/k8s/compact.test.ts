// compact(): optional manifest fields are absent, never undefined, and keep their order.
import { describe, expect, it } from 'vitest';
import { compact, nonEmpty, when } from '../../../functions/lib/k8s/compact';

describe('compact', () => {
  it('drops undefined members only, keeping order and falsy values', () => {
    const out = compact({ a: 1, b: undefined, c: 0, d: '', e: null, f: false, g: [] as number[] });
    expect(out).toEqual({ a: 1, c: 0, d: '', e: null, f: false, g: [] });
    expect(Object.keys(out)).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
    expect('b' in out).toBe(false);
  });

  it.each([
    { name: 'when true', got: when(true, 'x'), want: 'x' },
    { name: 'when false', got: when(false, 'x'), want: undefined },
    { name: 'empty list', got: nonEmpty([]), want: undefined },
    { name: 'empty map', got: nonEmpty({}), want: undefined },
    { name: 'a list', got: nonEmpty([1]), want: [1] },
    { name: 'a map', got: nonEmpty({ a: 1 }), want: { a: 1 } },
    { name: 'undefined', got: nonEmpty(undefined), want: undefined },
  ])('$name', ({ got, want }) => {
    expect(got).toEqual(want);
  });
});
