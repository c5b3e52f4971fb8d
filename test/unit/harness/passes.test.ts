// Multi-pass goldens keep the power of one golden per pass: the row of an earlier pass changes
// whenever anything in that pass changes, and never lists what equals the final pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafDiff, passTable, type PassView } from '../../harness/passes';

const ready = { type: 'Ready', status: 'True', reason: 'Available' };
const final: PassView = {
  objects: { a: { spec: { x: 1 }, ready: 'READY_TRUE' }, b: { spec: { y: [1, 2] } } },
  conditions: [ready],
  rest: { meta: { ttl: 60 }, status: { address: '192.0.2.1' } },
};
const pass = (over: Partial<PassView>): PassView => ({ ...final, ...over });

describe('passTable', () => {
  it.each([
    { name: 'the same as the final pass', first: pass({}), want: { composed: ['+a', '+b'], differs: {} } },
    { name: 'an object not composed yet', first: pass({ objects: { a: final.objects.a } }), want: { composed: ['+a'], differs: {} } },
    {
      name: 'an object composed only then',
      first: pass({ objects: { ...final.objects, c: { z: 1 } } }),
      want: { composed: ['+a', '+b', '+c'], differs: { 'composed.c': { z: 1 } } },
    },
    {
      name: 'a field of an object',
      first: pass({ objects: { ...final.objects, a: { spec: { x: 2 }, ready: 'READY_TRUE' } } }),
      want: { composed: ['+a', '+b'], differs: { 'composed.a.spec.x': 2 } },
    },
    {
      name: 'a field missing',
      first: pass({ objects: { ...final.objects, a: { spec: {}, ready: 'READY_TRUE' } } }),
      want: { composed: ['+a', '+b'], differs: { 'composed.a.spec.x': '<absent>' } },
    },
    {
      name: 'a shorter list',
      first: pass({ objects: { ...final.objects, b: { spec: { y: [1] } } } }),
      want: { composed: ['+a', '+b'], differs: { 'composed.b.spec.y[1]': '<absent>' } },
    },
    {
      name: 'the status outside objects',
      first: pass({ rest: { meta: { ttl: 30 }, status: {} } }),
      want: { composed: ['+a', '+b'], differs: { 'meta.ttl': 30, 'status.address': '<absent>' } },
    },
  ])('the first pass row: $name', ({ first, want }) => {
    const [row, last] = passTable([first, final]);
    expect({ composed: row!.composed, differs: row!['differs from final'] }).toEqual(want);
    expect(last!['differs from final']).toEqual({});
  });

  it("lists objects added and removed since the pass before, and every pass's conditions", () => {
    const rows = passTable([
      pass({ objects: { a: final.objects.a }, conditions: [{ type: 'Ready', status: 'STATUS_CONDITION_FALSE', reason: 'Creating', message: 'waiting for b' }] }),
      pass({ objects: { b: final.objects.b } }),
      final,
    ]);
    expect(rows.map((r) => [r.composed, r.conditions])).toEqual([
      [['+a'], ['Ready=False Creating: waiting for b']],
      [['+b', '-a'], ['Ready=True Available']],
      [['+a'], ['Ready=True Available']],
    ]);
  });

  it('keeps fields of a condition beyond type, status, reason and message', () => {
    const [row] = passTable([pass({ conditions: [{ ...ready, target: 'TARGET_COMPOSITE' }] })]);
    expect(row!.conditions).toEqual(['Ready=True Available {"target":"TARGET_COMPOSITE"}']);
  });

  const view = fc.record({
    objects: fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.jsonValue({ maxDepth: 3 })),
    conditions: fc.array(fc.record({ type: fc.constantFrom('Ready', 'Synced'), status: fc.constantFrom('True', 'False'), reason: fc.string(), message: fc.string() }), {
      maxLength: 2,
    }),
    rest: fc.jsonValue({ maxDepth: 3 }),
  });
  const same = (x: unknown, y: unknown) => {
    try {
      expect(x).toStrictEqual(y);
      return true;
    } catch {
      return false;
    }
  };

  it('two different earlier passes never share a row (property)', () => {
    fc.assert(
      fc.property(view, view, view, (a, b, last) => {
        const norm = (v: PassView) => JSON.parse(JSON.stringify(v)) as PassView;
        const [x, y, l] = [norm(a), norm(b), norm(last)];
        fc.pre(!same(x, y));
        expect(same(passTable([x, l])[0], passTable([y, l])[0])).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('leafDiff', () => {
  it('is empty for equal values and names every differing leaf otherwise', () => {
    expect(leafDiff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual({});
    expect(leafDiff({ a: [1, { b: 3 }], 'x.y': null }, { a: [1, { b: 2 }, 4] })).toEqual({ 'a[1].b': 3, 'a[2]': '<absent>', '["x.y"]': null });
  });
});
