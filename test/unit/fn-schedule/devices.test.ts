// Compiled selectors: compile once per distinct expression, one activation and one evaluation
// per distinct device content (scheduling.md, "Performance contract").
import { describe, expect, it } from 'vitest';
import { CompiledSelectors } from '../../../functions/fn-schedule/scheduler/devices';
import { H100, MEM_40, a100, cluster, gpu, pool } from '../../fixtures/fn-schedule/objects';

describe('CompiledSelectors', () => {
  it('compiles each distinct expression once and reports compile errors', () => {
    const s = new CompiledSelectors();
    const a = s.compile(H100);
    const b = s.compile(H100);
    const c = s.compile(MEM_40);
    expect(a).toEqual({ ok: true, id: 0 });
    expect(b).toEqual(a);
    expect(c).toEqual({ ok: true, id: 1 });
    const bad = s.compile('device.driver ==');
    expect(bad.ok).toBe(false);
    expect(s.compile('device.atributes["x"].y == 1').ok).toBe(false);
    expect(s.compile('"not a bool"').ok).toBe(false);
  });

  it('evaluates each selector once per distinct device content across clusters', () => {
    const s = new CompiledSelectors();
    const h = (s.compile(H100) as { id: number }).id;
    const m = (s.compile(MEM_40) as { id: number }).id;
    // 50 clusters x 2 pools publishing copies of the same two class devices.
    const clusters = Array.from({ length: 50 }, (_, i) => cluster(`c${i}`, { pools: [pool('h', 1, [gpu()]), pool('a', 1, [a100()])] }));
    let hits = 0;
    for (const c of clusters) for (const p of c.pools) for (const d of p.devices) if (s.matches([h, m], d)) hits++;
    expect(hits).toBe(50);
    // H100 device: both selectors run; A100 device: the first selector fails, the second never runs.
    expect(s.evaluations).toBe(3);
  });

  it.each([
    { name: 'within the structural representatives (key order ignored)', distinct: 3, reorder: true },
    { name: 'past them, through serialized keys', distinct: 9, reorder: false },
  ])('shares results between equal devices $name', ({ distinct, reorder }) => {
    const s = new CompiledSelectors();
    const newer = (s.compile('device.attributes["gpu.nvidia.com"].driverVersion.isGreaterThan(semver("1.0.3"))') as { id: number }).id;
    // Each content appears three times (in a different key order when `reorder`).
    const devices = [0, 1, 2].flatMap((copy) =>
      Array.from({ length: distinct }, (_, v) => {
        const attributes =
          reorder && copy % 2
            ? { productName: { string: 'H100' }, driverVersion: { version: `1.0.${v}` } }
            : { driverVersion: { version: `1.0.${v}` }, productName: { string: 'H100' } };
        return cluster(`c${copy}-${v}`, { pools: [pool('p', 1, [gpu({ attributes })])] }).pools[0]!.devices[0]!;
      }),
    );
    const got = devices.map((d) => s.matches([newer], d));
    expect(got).toEqual([0, 1, 2].flatMap(() => Array.from({ length: distinct }, (_, v) => v > 3)));
    expect(s.evaluations).toBe(distinct);
  });

  it('treats a selector added after a device was seen correctly', () => {
    const s = new CompiledSelectors();
    const d = cluster('c').pools[0]!.devices[0]!;
    const h = (s.compile(H100) as { id: number }).id;
    expect(s.matches([h], d)).toBe(true);
    const f = (s.compile('device.driver == "other"') as { id: number }).id;
    expect(s.matches([h, f], d)).toBe(false);
    expect(s.matches([], d)).toBe(true);
  });

  it.each([
    { name: 'every selector true', cels: [H100, MEM_40], want: true },
    { name: 'one false', cels: [H100, 'device.driver == "other"'], want: false },
    { name: 'an error: cannot tell, naming the selector', cels: [H100, 'int("abc") == 1'], want: { program: 1, error: 'int() type error: cannot convert to int' } },
    { name: 'a false outweighs an error', cels: ['int("abc") == 1', 'device.driver == "other"'], want: false },
    { name: 'a non-boolean result', cels: ['dyn(1) == 1 ? dyn("x") : dyn(true)'], want: { program: 0, error: 'the selector returned a string, not a bool' } },
  ])('judges a device: $name', ({ cels, want }) => {
    const s = new CompiledSelectors();
    const ids = cels.map((cel) => (s.compile(cel) as { id: number }).id);
    expect(s.judge(ids, cluster('c').pools[0]!.devices[0]!)).toEqual(want);
  });

  it('spends a counted budget per reconcile, then cannot tell, in the same order every time', () => {
    const heavy = `[${Array.from({ length: 300 }, (_, i) => i).join(',')}].exists(x, x == 299)`;
    const run = () => {
      const s = new CompiledSelectors(2_000);
      const id = (s.compile(heavy) as { id: number }).id;
      const devices = Array.from(
        { length: 5 },
        (_, i) => cluster('c', { pools: [pool('p', 1, [gpu({ attributes: { productName: { string: `H${i}` } } })])] }).pools[0]!.devices[0]!,
      );
      return devices.map((d) => s.judge([id], d));
    };
    const first = run();
    expect(first.slice(0, 2)).toEqual([true, true]);
    expect(first.at(-1)).toEqual({ program: 0, error: expect.stringMatching(/evaluation budget of one reconcile .* is spent/) });
    expect(run()).toEqual(first);
  });
});
