// Semantic Versioning 2.0.0: strict parsing (semver.org), the Kubernetes CEL library's lenient
// ("normalize") parsing, and precedence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSemver, isSemver, parseSemver } from '../../../functions/lib/k8s/semver';

const v = (s: string, lenient = false) => {
  const parsed = parseSemver(s, lenient);
  if (!parsed) throw new Error(`test input ${s} does not parse`);
  return parsed;
};

describe('strict parsing', () => {
  it.each([
    { input: '0.0.4', major: 0n, minor: 0n, patch: 4n, pre: [], build: [] },
    { input: '1.2.3', major: 1n, minor: 2n, patch: 3n, pre: [], build: [] },
    { input: '10.20.30', major: 10n, minor: 20n, patch: 30n, pre: [], build: [] },
    { input: '1.1.2-prerelease+meta', major: 1n, minor: 1n, patch: 2n, pre: ['prerelease'], build: ['meta'] },
    { input: '1.1.2+meta-valid', major: 1n, minor: 1n, patch: 2n, pre: [], build: ['meta-valid'] },
    { input: '1.0.0-alpha.1', major: 1n, minor: 0n, patch: 0n, pre: ['alpha', 1n], build: [] },
    { input: '1.0.0-alpha0.valid', major: 1n, minor: 0n, patch: 0n, pre: ['alpha0', 'valid'], build: [] },
    { input: '1.0.0-alpha.0valid', major: 1n, minor: 0n, patch: 0n, pre: ['alpha', '0valid'], build: [] },
    { input: '1.0.0-0A.is.legal', major: 1n, minor: 0n, patch: 0n, pre: ['0A', 'is', 'legal'], build: [] },
    { input: '1.0.0-rc.1+build.1', major: 1n, minor: 0n, patch: 0n, pre: ['rc', 1n], build: ['build', '1'] },
    { input: '2.0.0+build.0001', major: 2n, minor: 0n, patch: 0n, pre: [], build: ['build', '0001'] },
    { input: '1.0.0+build-1', major: 1n, minor: 0n, patch: 0n, pre: [], build: ['build-1'] },
    { input: '1.2.3----RC-SNAPSHOT.12.9.1--.12+788', major: 1n, minor: 2n, patch: 3n, pre: ['---RC-SNAPSHOT', 12n, 9n, '1--', 12n], build: ['788'] },
    { input: '550.54.15', major: 550n, minor: 54n, patch: 15n, pre: [], build: [] },
    { input: '18446744073709551615.0.0', major: 18446744073709551615n, minor: 0n, patch: 0n, pre: [], build: [] },
  ])('$input', ({ input, major, minor, patch, pre, build }) => {
    const got = v(input);
    expect([got.major, got.minor, got.patch]).toEqual([major, minor, patch]);
    expect(got.prerelease).toEqual(pre);
    expect(got.build).toEqual(build);
    expect(got.toString()).toBe(input);
  });

  it.each([
    '',
    '1',
    '1.2',
    '1.2.3.4',
    'v1.2.3',
    'V1.2.3',
    ' 1.2.3',
    '1.2.3 ',
    '01.1.1',
    '1.01.1',
    '1.1.01',
    '1.2.3-0123',
    '1.2.3-0123.0123',
    '1.1.2+.123',
    '+invalid',
    '-invalid',
    '-1.0.3-gamma+b7718',
    'alpha',
    '1.2.3.DEV',
    '1.2-SNAPSHOT',
    '1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788',
    '9.8.7+meta+meta',
    '9.8.7-whatever+meta+meta',
    '1.0.0-',
    '1.0.0+',
    '1.0.0-alpha..1',
    '1.0.0-alpha_beta',
    '1.0.0-é',
    '18446744073709551616.0.0', // beyond uint64
    '1.0.0-18446744073709551616',
  ])('%j is not a strict semantic version', (input) => {
    expect(parseSemver(input)).toBeUndefined();
    expect(isSemver(input)).toBe(false);
  });
});

describe('lenient parsing (CEL semver(s, true))', () => {
  it.each([
    { input: 'v1.0.0', want: '1.0.0' },
    { input: '1.0', want: '1.0.0' },
    { input: 'v1.0', want: '1.0.0' },
    { input: '1', want: '1.0.0' },
    { input: 'v2', want: '2.0.0' },
    { input: '01.01.01', want: '1.1.1' },
    { input: '00.0.0', want: '0.0.0' },
    { input: 'v01.02.03-beta+x', want: '1.2.3-beta+x' },
    { input: '1.0.0-rc.1', want: '1.0.0-rc.1' },
    { input: '550.54.15', want: '550.54.15' },
  ])('$input -> $want', ({ input, want }) => {
    expect(v(input, true).toString()).toBe(want);
    expect(isSemver(input, true)).toBe(true);
  });

  it.each([
    '1.0-rc.1', // a shortened version cannot carry pre-release data
    '1+build',
    'vv1.0.0',
    'hello',
    '1.2.3.4',
    '1.2.03-rc.01', // the pre-release keeps its leading zero and fails strictly
    '',
    'v',
  ])('%j is not a version even leniently', (input) => {
    expect(parseSemver(input, true)).toBeUndefined();
  });
});

describe('precedence', () => {
  // The chain from semver.org section 11, then core version ordering.
  const chain = [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.1',
    '1.1.0',
    '2.0.0',
    '2.1.0',
    '2.1.1',
    '10.0.0',
  ];
  const pairs = chain.flatMap((a, i) => chain.map((b, j) => ({ a, b, want: Math.sign(i - j) || 0 })));

  it.each(pairs)('$a vs $b = $want', ({ a, b, want }) => {
    expect(compareSemver(v(a), v(b))).toBe(want);
  });

  it.each([
    { a: '1.0.0+build.1', b: '1.0.0+build.2', want: 0 },
    { a: '1.0.0-rc.1+x', b: '1.0.0-rc.1', want: 0 },
    { a: '1.0.0-2', b: '1.0.0-10', want: -1 }, // numeric identifiers compare numerically
    { a: '1.0.0-a10', b: '1.0.0-a9', want: -1 }, // alphanumeric ones compare in ASCII order
    { a: '1.0.0-999', b: '1.0.0-a', want: -1 }, // numeric sorts before alphanumeric
    { a: '1.0.0-B', b: '1.0.0-a', want: -1 },
    { a: '1.0.0-alpha.1.1', b: '1.0.0-alpha.1', want: 1 },
    { a: '535.161.8', b: '550.54.15', want: -1 },
  ])('$a vs $b = $want', ({ a, b, want }) => {
    expect(compareSemver(v(a), v(b))).toBe(want);
    expect(compareSemver(v(b), v(a))).toBe(-want || 0);
  });

  it('is a total order consistent with toString round trips', () => {
    const ident = fc.oneof(fc.stringMatching(/^(0|[1-9][0-9]{0,3})$/), fc.stringMatching(/^[0-9A-Za-z-]*[A-Za-z-][0-9A-Za-z-]*$/));
    const version = fc
      .tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.array(ident, { maxLength: 3 }), fc.array(fc.stringMatching(/^[0-9A-Za-z-]+$/), { maxLength: 2 }))
      .map(([a, b, c, pre, build]) => `${a}.${b}.${c}${pre.length ? `-${pre.join('.')}` : ''}${build.length ? `+${build.join('.')}` : ''}`);
    fc.assert(
      fc.property(version, version, version, (x, y, z) => {
        const [a, b, c] = [v(x), v(y), v(z)];
        expect(v(a.toString()).toString()).toBe(x);
        expect(compareSemver(a, b)).toBe(-compareSemver(b, a) || 0);
        if (compareSemver(a, b) <= 0 && compareSemver(b, c) <= 0) expect(compareSemver(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });
});
