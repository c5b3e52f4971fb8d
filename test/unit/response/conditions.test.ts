// Condition and message helpers shared by every function.
import { describe, expect, it } from 'vitest';
import { condition, count, warnOnFalse } from '../../../functions/lib/response';

describe('count', () => {
  it.each([
    [0, 'pool', '0 pools'],
    [1, 'pool', '1 pool'],
    [2, 'InferenceCluster', '2 InferenceClusters'],
  ])('count(%d, %s) = %s', (n, noun, want) => expect(count(n, noun)).toBe(want));
});

describe('condition and warnOnFalse', () => {
  it('omits an undefined message', () => {
    expect(condition('Ready', 'True', 'Available')).toEqual({ type: 'Ready', status: 'True', reason: 'Available' });
  });

  it('pairs only False, user-fixable conditions with a Warning of the same reason and message', () => {
    const got = warnOnFalse([condition('A', 'False', 'Fix', 'fix me'), condition('B', 'False', 'Transient', 'wait'), condition('C', 'True', 'Fix', 'ok')], new Set(['Fix']));
    expect(got).toEqual([{ severity: 'Warning', reason: 'Fix', message: 'fix me' }]);
  });
});
