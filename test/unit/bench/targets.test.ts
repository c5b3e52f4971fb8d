// How `npm run bench` reads a run against the quality contract's targets.
import { describe, expect, it } from 'vitest';
import { assess, describe as describeAssessment, type Target } from '../../../bench/targets';

const ms: Target = { figure: 'cold start', row: 'cold', field: 'median_ms', max: 300, strict: true, unit: 'ms' };
const ratio: Target = { figure: 'ratio', row: 'r', field: 'p50_ratio', max: 1.5, unit: '×' };

describe('assess', () => {
  it.each([
    { name: 'under a strict limit', rows: [{ name: 'cold', median_ms: 299 }], target: ms, want: ['cold start', '299 ms', '< 300 ms', 'met'] },
    { name: 'at a strict limit', rows: [{ name: 'cold', median_ms: 300 }], target: ms, want: ['cold start', '300 ms', '< 300 ms', 'missed by 0 ms (0%)'] },
    { name: 'over a strict limit', rows: [{ name: 'cold', median_ms: 348 }], target: ms, want: ['cold start', '348 ms', '< 300 ms', 'missed by 48 ms (16%)'] },
    { name: 'at an inclusive limit', rows: [{ name: 'r', p50_ratio: 1.5 }], target: ratio, want: ['ratio', '1.5×', '≤ 1.5×', 'met'] },
    { name: 'over an inclusive limit', rows: [{ name: 'r', p50_ratio: 1.8 }], target: ratio, want: ['ratio', '1.8×', '≤ 1.5×', 'missed by 0.3× (20%)'] },
    { name: 'a benchmark not run', rows: [], target: ms, want: ['cold start', '-', '< 300 ms', 'not run'] },
    { name: 'a row without the field', rows: [{ name: 'cold', p99_ms: 1 }], target: ms, want: ['cold start', '-', '< 300 ms', 'not run'] },
  ])('$name', ({ rows, target, want }) => {
    const [a] = assess(rows, [target]);
    expect(describeAssessment(a!)).toEqual(want);
  });
});
