// The weight contract (api.md, composition.md): entry weight split evenly over its ready
// endpoints, scaled to integers, reduced by gcd, capped at 1,000,000, never 0 for a ready endpoint.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distributeWeights, MAX_WEIGHT, type WeightGroup } from '../../../functions/fn-service/weights';

const g = (weight: number, count: number): WeightGroup => ({ weight, count });

interface Case {
  name: string;
  why: string;
  groups: WeightGroup[];
  want: number[][];
}

const cases: Case[] = [
  { name: 'one endpoint', why: 'a lone backend gets weight 1 whatever its entry weight', groups: [g(7, 1)], want: [[1]] },
  { name: 'even split inside an entry', why: 'weight 5 over two endpoints is 2.5 each, reduced to 1:1', groups: [g(5, 2)], want: [[1, 1]] },
  { name: 'three to one across entries', why: 'the qwen3-8b example: 3 and 1', groups: [g(3, 1), g(1, 1)], want: [[3], [1]] },
  {
    name: 'split then scale',
    why: '3 on one endpoint vs 1 over two: shares 3, 0.5, 0.5 scale by 2 to 6, 1, 1',
    groups: [g(3, 1), g(1, 2)],
    want: [[6], [1, 1]],
  },
  {
    name: 'lcm of counts',
    why: 'shares 1/2 and 1/3 scale by 6 to 3 and 2',
    groups: [g(1, 2), g(1, 3)],
    want: [
      [3, 3],
      [2, 2, 2],
    ],
  },
  {
    name: 'gcd reduction',
    why: '1,000,000 over 7 vs 1,000,000 over 3: 3,000,000 and 7,000,000 reduce by 1,000,000',
    groups: [g(1_000_000, 7), g(1_000_000, 3)],
    want: [Array(7).fill(3), Array(3).fill(7)],
  },
  { name: 'equal weights reduce to 1', why: 'gcd of equal shares is the share', groups: [g(40, 1), g(40, 1), g(40, 1)], want: [[1], [1], [1]] },
  { name: 'common factor', why: '4:6 is 2:3', groups: [g(4, 1), g(6, 1)], want: [[2], [3]] },
  {
    name: 'cap scales down proportionally',
    why: '1,000,000 on one vs 1 over three: 3,000,000:1:1:1 exceeds the cap and is scaled so the largest is 1,000,000',
    groups: [g(1_000_000, 1), g(1, 3)],
    want: [[1_000_000], [1, 1, 1]],
  },
  {
    name: 'never 0 under the cap',
    why: 'a share rounding to 0 after capping is raised to 1',
    groups: [g(1_000_000, 1), g(1, 7)],
    want: [[1_000_000], Array(7).fill(1)],
  },
  {
    name: 'cap with rounding',
    why: '999,999 over 1 vs 2 over 3 -> 2,999,997:2 (x3); capped: 1,000,000 and round(2*1e6/2,999,997)=1',
    groups: [g(999_999, 1), g(2, 3)],
    want: [[1_000_000], [1, 1, 1]],
  },
  { name: 'prime weights stay exact', why: 'no reduction possible', groups: [g(999_983, 1), g(1, 1)], want: [[999_983], [1]] },
  {
    name: 'entry without ready endpoints',
    why: 'its weight is dropped; the others keep their proportions',
    groups: [g(3, 0), g(1, 1), g(2, 1)],
    want: [[], [1], [2]],
  },
  { name: 'nothing ready', why: 'no weights at all', groups: [g(1, 0), g(5, 0)], want: [[], []] },
  { name: 'no entries', why: 'empty in, empty out', groups: [], want: [] },
  {
    name: 'many endpoints in one entry',
    why: 'weight 1 over 16 endpoints: all equal',
    groups: [g(1, 16)],
    want: [Array(16).fill(1)],
  },
  {
    name: 'large lcm stays exact',
    why: 'counts 7, 11, 13, 16 give lcm 16,016; shares 1/7, 1/11, 1/13, 1/16 scale to 2288, 1456, 1232, 1001',
    groups: [g(1, 7), g(1, 11), g(1, 13), g(1, 16)],
    want: [Array(7).fill(2288), Array(11).fill(1456), Array(13).fill(1232), Array(16).fill(1001)],
  },
  {
    name: 'large lcm under the cap',
    why: '1,000,000 over 1 and 1 over 16: shares 16,000,000 and 1 -> capped 1,000,000 and 1',
    groups: [g(1_000_000, 1), g(1, 16)],
    want: [[1_000_000], Array(16).fill(1)],
  },
];

describe('distributeWeights', () => {
  it.each(cases)('$name', ({ groups, want }) => {
    expect(distributeWeights(groups)).toEqual(want);
  });

  const groupsArb = fc.array(fc.record({ weight: fc.integer({ min: 1, max: MAX_WEIGHT }), count: fc.integer({ min: 0, max: 16 }) }), {
    maxLength: 64,
  });

  it('every ready endpoint gets an integer weight in 1..1,000,000', () => {
    fc.assert(
      fc.property(groupsArb, (groups) => {
        const out = distributeWeights(groups);
        expect(out.map((ws) => ws.length)).toEqual(groups.map((gr) => gr.count));
        for (const w of out.flat()) {
          expect(Number.isInteger(w)).toBe(true);
          expect(w).toBeGreaterThanOrEqual(1);
          expect(w).toBeLessThanOrEqual(MAX_WEIGHT);
        }
      }),
    );
  });

  it('below the cap the entry shares are exact and the weights are fully reduced', () => {
    const small = fc.array(fc.record({ weight: fc.integer({ min: 1, max: 50 }), count: fc.integer({ min: 1, max: 6 }) }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(small, (groups) => {
        const out = distributeWeights(groups);
        const totalW = groups.reduce((s, gr) => s + gr.weight, 0);
        const total = out.flat().reduce((s, w) => s + w, 0);
        groups.forEach((gr, i) => {
          const entryTotal = out[i]!.reduce((s, w) => s + w, 0);
          // entryTotal/total == weight/totalW, compared without floating point.
          expect(entryTotal * totalW).toBe(gr.weight * total);
          expect(new Set(out[i]).size).toBe(1);
        });
        const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
        expect(out.flat().reduce(gcd, 0)).toBe(1);
      }),
    );
  });
});
