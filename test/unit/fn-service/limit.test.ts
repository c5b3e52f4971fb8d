// At most 16 backendRefs per HTTPRoute rule: which endpoints stay routed when more are ready.
import { describe, expect, it } from 'vitest';
import { limitBackends, MAX_BACKENDS } from '../../../functions/fn-service/limit';
import type { RoutableEndpoint, SelectedGroup } from '../../../functions/fn-service/selection';

const ep = (name: string): RoutableEndpoint => ({ name, backendName: `me-${name}`, port: 80, rewritePath: '/' });
const group = (entry: number, weight: number, n: number): SelectedGroup => ({
  entry,
  weight,
  claimed: n,
  routable: Array.from({ length: n }, (_, i) => ep(`e${entry}-${String(i).padStart(2, '0')}`)),
});
const counts = (gs: readonly SelectedGroup[]) => gs.map((g) => g.routable.length);

describe('limitBackends', () => {
  it.each([
    { name: 'under the limit: untouched', why: '10 + 6 = 16', groups: [group(0, 1, 10), group(1, 1, 6)], want: [10, 6], dropped: 0 },
    { name: 'one big entry is cut to 16', why: '40 replicas behind one selector', groups: [group(0, 1, 40)], want: [16], dropped: 24 },
    {
      name: "slots follow weights (D'Hondt)",
      why: 'weights 3:1 with 20 endpoints each: 12 and 4',
      groups: [group(0, 3, 20), group(1, 1, 20)],
      want: [12, 4],
      dropped: 24,
    },
    {
      name: 'every entry keeps one endpoint',
      why: 'a weight-1 entry is not starved by a weight-1000 one',
      groups: [group(0, 1000, 30), group(1, 1, 30)],
      want: [15, 1],
      dropped: 44,
    },
    {
      name: 'unused slots go to entries that can take them',
      why: 'entry 1 has only 2 endpoints; entry 0 fills the rest',
      groups: [group(0, 1, 30), group(1, 5, 2)],
      want: [14, 2],
      dropped: 16,
    },
    {
      name: 'more than 16 entries: the heaviest 16 stay',
      why: '18 entries of one endpoint; the two lightest (ties: later) are dropped',
      groups: Array.from({ length: 18 }, (_, i) => group(i, i === 3 ? 1 : 2, 1)),
      want: Array.from({ length: 18 }, (_, i) => (i === 3 || i === 17 ? 0 : 1)),
      dropped: 2,
    },
    {
      name: 'entries with nothing ready take no slot',
      why: 'entry 1 is empty',
      groups: [group(0, 1, 20), group(1, 9, 0), group(2, 1, 20)],
      want: [8, 0, 8],
      dropped: 24,
    },
  ])('$name', ({ groups, want, dropped }) => {
    const out = limitBackends(groups);
    expect(counts(out.groups)).toEqual(want);
    expect(out.dropped).toBe(dropped);
    expect(counts(out.groups).reduce((s, n) => s + n, 0)).toBeLessThanOrEqual(MAX_BACKENDS);
  });

  it('keeps the first endpoints by name', () => {
    const out = limitBackends([group(0, 1, 20)]);
    expect(out.groups[0]!.routable.map((e) => e.name)).toEqual(Array.from({ length: 16 }, (_, i) => `e0-${String(i).padStart(2, '0')}`));
  });
});
