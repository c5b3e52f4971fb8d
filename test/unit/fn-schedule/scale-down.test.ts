// Scale down (scheduling.md, "Phases / Scale down"): most loaded cluster first, then the greater
// cluster name, then the highest index.
import { describe, expect, it } from 'vitest';
import { scoresOf } from '../../../functions/fn-schedule/scheduler/framework';
import { PLUGINS } from '../../../functions/fn-schedule/scheduler/plugins';
import { scaleDown } from '../../../functions/fn-schedule/scheduler/scale-down';
import type { Placement } from '../../../functions/fn-schedule/scheduler/types';
import { cluster, where } from '../../fixtures/fn-schedule/objects';

/** The registered cluster scorers (Spread) over clusters a and b. */
const clusters = new Map(['a', 'b'].map((n) => [n, cluster(n)] as const));
const rank = (name: string, load: number) => scoresOf(PLUGINS.clusterScorers, { cluster: clusters.get(name)!, load });

const at = (s: string): Placement => {
  const [cluster, index] = s.split('/');
  return { cluster: cluster!, index: Number(index), engines: [], retained: undefined };
};

describe('scaleDown', () => {
  const cases = [
    { name: 'nothing to remove', why: 'retained == wanted', retained: ['a/0', 'b/0'], wanted: 2, kept: ['a/0', 'b/0'], removed: [] },
    { name: 'fewer than wanted', why: 'scale down never adds', retained: ['a/0'], wanted: 3, kept: ['a/0'], removed: [] },
    { name: 'most loaded cluster first', why: 'b has 2, a has 1', retained: ['a/0', 'b/0', 'b/1'], wanted: 2, kept: ['a/0', 'b/0'], removed: ['b/1'] },
    { name: 'greater cluster name on a tie', why: 'a and b both have 1', retained: ['a/0', 'b/0'], wanted: 1, kept: ['a/0'], removed: ['b/0'] },
    { name: 'highest index on the same cluster', why: 'indices 0, 2, 5', retained: ['a/0', 'a/5', 'a/2'], wanted: 1, kept: ['a/0'], removed: ['a/5', 'a/2'] },
    {
      name: 'counts recomputed after each removal',
      why: 'b: 3 -> 2 ties with a: 2, then b (greater name) again, then a',
      retained: ['a/0', 'a/1', 'b/0', 'b/1', 'b/2'],
      wanted: 2,
      kept: ['a/0', 'b/0'],
      removed: ['b/2', 'b/1', 'a/1'],
    },
    { name: 'replicas: 0', why: 'keeps nothing', retained: ['a/0', 'b/0'], wanted: 0, kept: [], removed: ['b/0', 'a/0'] },
  ];
  it.each(cases)('$name', ({ retained, wanted, kept, removed }) => {
    const got = scaleDown(retained.map(at), wanted, rank);
    expect(where(got.kept)).toEqual(kept);
    expect(where(got.removed)).toEqual(removed);
  });
});
