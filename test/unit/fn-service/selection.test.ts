// Which endpoints a ModelService routes to: readiness, first entry wins on overlap, order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectEndpoints, type EntryCandidates } from '../../../functions/fn-service/selection';
import { endpoint, NS, type Obj } from '../../fixtures/fn-service';

const entry = (weight: number, ...items: Obj[]): EntryCandidates => ({ weight, items });
/** Summary: per entry, [claimed, routable names]. */
const summary = (entries: EntryCandidates[]) => selectEndpoints(entries, NS).map((g) => [g.claimed, g.routable.map((e) => e.name)]);

interface Case {
  name: string;
  why: string;
  entries: EntryCandidates[];
  want: [number, string[]][];
}

const a = endpoint('a');
const b = endpoint('b');
const c = endpoint('c');

const cases: Case[] = [
  { name: 'all ready', why: 'two ready endpoints in one entry', entries: [entry(1, a, b)], want: [[2, ['a', 'b']]] },
  { name: 'sorted by name', why: 'required resources come in any order', entries: [entry(1, c, a, b)], want: [[3, ['a', 'b', 'c']]] },
  { name: 'not ready is claimed but not routed', why: 'Ready=False', entries: [entry(1, a, endpoint('b', { ready: false }))], want: [[2, ['a']]] },
  { name: 'no backendName', why: 'Ready but no status.routing yet', entries: [entry(1, endpoint('a', { backendName: null }), b)], want: [[2, ['b']]] },
  { name: 'being deleted', why: 'deletionTimestamp set', entries: [entry(1, endpoint('a', { deleting: true }), b)], want: [[2, ['b']]] },
  { name: 'invalid url', why: 'a spec that no longer parses is not routable', entries: [entry(1, endpoint('a', { url: 'ftp://x/v1' }), b)], want: [[2, ['b']]] },
  { name: 'other namespace ignored', why: 'selectors match in the service namespace only', entries: [entry(1, endpoint('a', { namespace: 'other' }), b)], want: [[1, ['b']]] },
  {
    name: 'overlap: first entry wins',
    why: 'b matches both selectors and counts for entry 0 only',
    entries: [entry(3, a, b), entry(1, b, c)],
    want: [
      [2, ['a', 'b']],
      [1, ['c']],
    ],
  },
  {
    name: 'overlap: claim ignores readiness',
    why: 'a not-ready b stays with entry 0 rather than hopping to entry 1',
    entries: [entry(3, a, endpoint('b', { ready: false })), entry(1, endpoint('b', { ready: false }), c)],
    want: [
      [2, ['a']],
      [1, ['c']],
    ],
  },
  {
    name: 'identical selectors',
    why: 'the second entry gets nothing',
    entries: [entry(1, a, b), entry(1, a, b)],
    want: [
      [2, ['a', 'b']],
      [0, []],
    ],
  },
  { name: 'duplicates within an entry', why: 'counted once', entries: [entry(1, a, a, b)], want: [[2, ['a', 'b']]] },
  { name: 'nothing matched', why: 'empty requirement answer', entries: [entry(1)], want: [[0, []]] },
];

describe('selectEndpoints', () => {
  it.each(cases)('$name', ({ entries, want }) => {
    expect(summary(entries)).toEqual(want);
  });

  it('routable endpoints carry what the HTTPRoute needs', () => {
    const provider = endpoint('together', {
      url: 'https://api.together.xyz/v1',
      rewritePath: '/',
      headers: [{ name: 'Authorization', valueFrom: { secretKeyRef: { name: 'k', key: 'api-key' } }, prefix: 'Bearer ' }],
    });
    const [group] = selectEndpoints([entry(1, a, provider)], NS);
    expect(group!.routable).toEqual([
      { name: 'a', backendName: 'me-a', port: 80, rewritePath: `/${NS}/a/` },
      { name: 'together', backendName: 'me-together', port: 443, hostname: 'api.together.xyz', middleware: 'me-together', rewritePath: '/' },
    ]);
  });

  it('the input order of required resources never changes the result', () => {
    const pool = ['a', 'b', 'c', 'd', 'e'].map((n, i) => endpoint(n, { ready: i % 2 === 0 }));
    const base = [entry(2, pool[0]!, pool[1]!, pool[2]!), entry(1, pool[2]!, pool[3]!, pool[4]!)];
    const want = selectEndpoints(base, NS);
    fc.assert(
      fc.property(fc.shuffledSubarray(base[0]!.items as Obj[], { minLength: 3 }), fc.shuffledSubarray(base[1]!.items as Obj[], { minLength: 3 }), (x, y) => {
        expect(selectEndpoints([entry(2, ...x), entry(1, ...y)], NS)).toEqual(want);
      }),
    );
  });
});
