// Kubernetes resource.Quantity: expectations follow k8s.io/apimachinery/pkg/api/resource
// (parse table, canonical strings, rounding up below 1n, BinarySI saturation).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_QUANTITY_LENGTH,
  Quantity,
  add,
  asApproximateFloat,
  asInteger,
  canonicalQuantity,
  compare,
  isInteger,
  isQuantity,
  parseQuantity,
  sign,
  sub,
} from '../../../functions/lib/k8s/quantity';

const q = (s: string): Quantity => {
  const v = parseQuantity(s);
  if (!v) throw new Error(`test input ${s} does not parse`);
  return v;
};

describe('parseQuantity: canonical form and format', () => {
  it.each([
    // zero, with every kind of suffix
    { input: '0', canonical: '0', format: 'DecimalSI' },
    { input: '0n', canonical: '0', format: 'DecimalSI' },
    { input: '0Ki', canonical: '0', format: 'BinarySI' },
    { input: '0T', canonical: '0', format: 'DecimalSI' },
    { input: '-0', canonical: '0', format: 'DecimalSI' },
    { input: '00.000e5', canonical: '0', format: 'DecimalExponent' },
    // binary suffixes
    { input: '1Ki', canonical: '1Ki', format: 'BinarySI' },
    { input: '8Ki', canonical: '8Ki', format: 'BinarySI' },
    { input: '7Mi', canonical: '7Mi', format: 'BinarySI' },
    { input: '6Gi', canonical: '6Gi', format: 'BinarySI' },
    { input: '5Ti', canonical: '5Ti', format: 'BinarySI' },
    { input: '4Pi', canonical: '4Pi', format: 'BinarySI' },
    { input: '3Ei', canonical: '3Ei', format: 'BinarySI' },
    { input: '80Gi', canonical: '80Gi', format: 'BinarySI' },
    { input: '1024Mi', canonical: '1Gi', format: 'BinarySI' },
    { input: '1.5Gi', canonical: '1536Mi', format: 'BinarySI' },
    { input: '0.5Mi', canonical: '512Ki', format: 'BinarySI' },
    // As apimachinery: a whole BinarySI value that is no multiple of 1024 prints without a suffix
    // (and that string then reads as DecimalSI: "64000" canonicalizes to "64k").
    { input: '62.5Ki', canonical: '64000', format: 'BinarySI' },
    { input: '64000', canonical: '64k', format: 'DecimalSI' },
    { input: '1025', canonical: '1025', format: 'DecimalSI' },
    // decimal suffixes
    { input: '5n', canonical: '5n', format: 'DecimalSI' },
    { input: '4u', canonical: '4u', format: 'DecimalSI' },
    { input: '3m', canonical: '3m', format: 'DecimalSI' },
    { input: '9', canonical: '9', format: 'DecimalSI' },
    { input: '8k', canonical: '8k', format: 'DecimalSI' },
    { input: '50k', canonical: '50k', format: 'DecimalSI' },
    { input: '7M', canonical: '7M', format: 'DecimalSI' },
    { input: '6G', canonical: '6G', format: 'DecimalSI' },
    { input: '40T', canonical: '40T', format: 'DecimalSI' },
    { input: '2P', canonical: '2P', format: 'DecimalSI' },
    { input: '12E', canonical: '12E', format: 'DecimalSI' },
    { input: '1000M', canonical: '1G', format: 'DecimalSI' },
    { input: '1.5', canonical: '1500m', format: 'DecimalSI' },
    { input: '9.01', canonical: '9010m', format: 'DecimalSI' },
    { input: '100.035k', canonical: '100035', format: 'DecimalSI' },
    { input: '10.035M', canonical: '10035k', format: 'DecimalSI' },
    { input: '5.444T', canonical: '5444G', format: 'DecimalSI' },
    { input: '1.01E', canonical: '1010P', format: 'DecimalSI' },
    { input: '0.0005k', canonical: '500m', format: 'DecimalSI' },
    // decimal exponents
    { input: '1E-3', canonical: '1e-3', format: 'DecimalExponent' },
    { input: '1e3', canonical: '1e3', format: 'DecimalExponent' },
    { input: '1E6', canonical: '1e6', format: 'DecimalExponent' },
    { input: '1e14', canonical: '100e12', format: 'DecimalExponent' },
    { input: '1.2e3', canonical: '1200', format: 'DecimalExponent' },
    { input: '1.3E+6', canonical: '1300e3', format: 'DecimalExponent' },
    { input: '0.5e-1', canonical: '50e-3', format: 'DecimalExponent' },
    { input: '1e0003', canonical: '1e3', format: 'DecimalExponent' },
    // signs and the number forms upstream accepts
    { input: '-1Ki', canonical: '-1Ki', format: 'BinarySI' },
    { input: '+1.5', canonical: '1500m', format: 'DecimalSI' },
    { input: '.001', canonical: '1m', format: 'DecimalSI' },
    { input: '.0001k', canonical: '100m', format: 'DecimalSI' },
    { input: '1.', canonical: '1', format: 'DecimalSI' },
    { input: '1.G', canonical: '1G', format: 'DecimalSI' },
    { input: '.001Ki', canonical: '1024m', format: 'BinarySI' },
    { input: '100.035Ki', canonical: '102435840m', format: 'BinarySI' },
    // DecimalSI has no suffix past E: exponent notation keeps the magnitude
    { input: '1000E', canonical: '1e21', format: 'DecimalSI' },
    { input: '5000E', canonical: '5e21', format: 'DecimalSI' },
  ])('$input -> $canonical ($format)', ({ input, canonical, format }) => {
    const v = q(input);
    expect(v.toString()).toBe(canonical);
    expect(v.format).toBe(format);
    expect(q(canonical).equals(v)).toBe(true);
  });
});

describe('parseQuantity: rounding up below 1n and BinarySI saturation', () => {
  it.each([
    { input: '0.0000000001', canonical: '1n' },
    { input: '0.0000000005', canonical: '1n' },
    { input: '0.00000000050', canonical: '1n' },
    { input: '0.9n', canonical: '1n' },
    { input: '3.001n', canonical: '4n' },
    { input: '1.1E-9', canonical: '2e-9' },
    { input: '0.5e-9', canonical: '1e-9' },
    { input: '0.00000012345', canonical: '124n' },
    { input: '0.00000012354', canonical: '124n' },
    { input: '-0.0000000001', canonical: '-1n' }, // away from zero
    { input: '1e-2147483647', canonical: '1e-9' },
    { input: '0.000000000001Ki', canonical: '2n' }, // rounds up and becomes DecimalSI
    { input: '.000000001Ki', canonical: '1024n' },
    { input: '9Ei', canonical: '9223372036854775807' }, // saturates at 2^63-1
    { input: '9223372036854775807Ki', canonical: '9223372036854775807' },
    { input: '-9Ei', canonical: '-9223372036854775807' },
    { input: '7Ei', canonical: '7Ei' },
    { input: '8Ei', canonical: '9223372036854775807' }, // 2^63 is one past the cap
  ])('$input -> $canonical', ({ input, canonical }) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it('a tiny BinarySI value is re-labelled DecimalSI', () => {
    expect(q('0.000000000001Ki').format).toBe('DecimalSI');
  });

  it.each([
    // Arithmetic can take BinarySI past the parse cap and past Ei; the canonical form stays exact.
    { name: '2^70 has no binary suffix: exact decimal', value: 2n ** 70n, canonical: '1180591620717411303424' },
    { name: '10^70 falls back to exponent notation', value: 10n ** 70n, canonical: '10e69' },
    { name: '2^64 is 16Ei', value: 2n ** 64n, canonical: '16Ei' },
  ])('$name', ({ value, canonical }) => {
    expect(Quantity.fromInteger(value, 'BinarySI').toString()).toBe(canonical);
  });
});

describe('parseQuantity: invalid forms', () => {
  it.each([
    '',
    ' 1',
    '1 ',
    '80 Gi',
    '1K', // case-sensitive: only k is kilo
    '1KI',
    '1gi',
    '1kb',
    '1.1.M',
    '1+1.0M',
    '0.1mi',
    '0.1am',
    'aoeu',
    '.5i',
    '1i',
    '-3.01i',
    '-3.01e-',
    '10Mo',
    '10Mm',
    '1Ki1',
    '1e',
    '1e+',
    '1ee3',
    '1e3e',
    '1e4294967297', // exponent beyond int32 is rejected, not truncated
    '1E2147483648',
    'Mi', // a number needs a digit (the CEL library documents quantity('Mi') as an error)
    'e3',
    '.',
    '-',
    '+',
    '1,5',
    '1_000',
    '0x10',
    '1\n',
    'Infinity',
    'NaN',
  ])('%j is not a quantity', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
    expect(isQuantity(input)).toBe(false);
  });

  it.each([
    { name: 'magnitudes of 10^4096 and beyond', input: '1e4096' },
    { name: 'exponents up to MaxInt32 that cannot be held exactly', input: '1E2147483647' },
    { name: `inputs longer than ${MAX_QUANTITY_LENGTH} characters`, input: `1${'0'.repeat(MAX_QUANTITY_LENGTH)}` },
  ])('deliberate limit: $name', ({ input }) => {
    expect(parseQuantity(input)).toBeUndefined();
  });

  it('case matters: 1m is milli, 1M is mega, 1Mi is mebi', () => {
    expect(q('1m').toString()).toBe('1m');
    expect(compare(q('1m'), q('1M'))).toBe(-1);
    expect(compare(q('1Mi'), q('1M'))).toBe(1);
    expect(q('1M').asInteger()).toBe(1_000_000n);
    expect(q('1Mi').asInteger()).toBe(1_048_576n);
  });
});

describe('compare', () => {
  it.each([
    { a: '0', b: '0', want: 0 },
    { a: '100m', b: '50m', want: 1 },
    { a: '50m', b: '100m', want: -1 },
    { a: '10000T', b: '100Gi', want: 1 },
    { a: '200M', b: '0.2G', want: 0 },
    { a: '50M', b: '50Mi', want: -1 },
    { a: '50Mi', b: '50M', want: 1 },
    { a: '1Gi', b: '1073741824', want: 0 },
    { a: '1.5Gi', b: '1536Mi', want: 0 },
    { a: '1e3', b: '1k', want: 0 },
    { a: '-1', b: '1', want: -1 },
    { a: '-1Ki', b: '-1000', want: -1 },
    { a: '1n', b: '0.0000000001', want: 0 },
    { a: '9Ei', b: '9223372036854775807', want: 0 },
    { a: '12E', b: '9Ei', want: 1 },
    { a: '80Gi', b: '79.9Gi', want: 1 },
  ])('$a vs $b = $want', ({ a, b, want }) => {
    expect(compare(q(a), q(b))).toBe(want);
    expect(compare(q(b), q(a))).toBe(-want || 0);
  });
});

describe('arithmetic', () => {
  it.each([
    { name: '50k + 20', got: () => add(q('50k'), q('20')), want: '50020' },
    { name: '50k + 20 (int)', got: () => add(q('50k'), 20n), want: '50020' },
    { name: '50k - 20', got: () => sub(q('50k'), q('20')), want: '49980' },
    { name: '50k - 20000 (int)', got: () => sub(q('50k'), 20000n), want: '30k' },
    { name: 'chain 50k + 20 - 100k + 50000', got: () => sub(sub(add(q('50k'), 20n), q('100k')), -50000n), want: '20' },
    { name: '0 + 1Gi keeps the suffix', got: () => add(q('0'), q('1Gi')), want: '1Gi' },
    { name: '100m + 0 keeps the suffix', got: () => add(q('100m'), q('0')), want: '100m' },
    { name: '0 - 1Gi', got: () => sub(q('0'), q('1Gi')), want: '-1Gi' },
    { name: '1Gi - 1Gi', got: () => sub(q('1Gi'), q('1Gi')), want: '0' },
    { name: '80Gi + 512Mi', got: () => add(q('80Gi'), q('512Mi')), want: '82432Mi' },
    { name: '4Ei + 4Ei grows past the parse cap', got: () => add(q('4Ei'), q('4Ei')), want: '8Ei' },
  ])('$name = $want', ({ got, want }) => {
    expect(got().toString()).toBe(want);
  });
});

describe('scalar conversions', () => {
  it.each([
    { input: '50k', int: 50000n, float: 50000, sign: 1 },
    { input: '50000000G', int: 50_000_000_000_000_000n, float: 5e16, sign: 1 },
    { input: '9999999999999999999999999999999999999G', int: undefined, float: 1e46, sign: 1 },
    { input: '1.5', int: undefined, float: 1.5, sign: 1 },
    { input: '1000m', int: 1n, float: 1, sign: 1 }, // integral value (upstream's int64 fast path says no)
    { input: '0.5Mi', int: 524288n, float: 524288, sign: 1 },
    { input: '9223372036854775807', int: 9223372036854775807n, float: 2 ** 63, sign: 1 }, // the nearest double
    { input: '9223372036854775808', int: undefined, float: 9223372036854775808, sign: 1 },
    { input: '-9223372036854775808', int: -9223372036854775808n, float: -9223372036854775808, sign: -1 },
    { input: '50.703k', int: 50703n, float: 50703, sign: 1 },
    { input: '1m', int: undefined, float: 0.001, sign: 1 },
    { input: '-1n', int: undefined, float: -1e-9, sign: -1 },
    { input: '0', int: 0n, float: 0, sign: 0 },
    { input: '1e400', int: undefined, float: Infinity, sign: 1 },
  ])('$input', ({ input, int, float, sign: s }) => {
    const v = q(input);
    expect(asInteger(v)).toBe(int);
    expect(isInteger(v)).toBe(int !== undefined);
    expect(asApproximateFloat(v)).toBe(float);
    expect(sign(v)).toBe(s);
  });
});

describe('properties', () => {
  const numberText = fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.stringMatching(/^[0-9]{0,12}$/),
      fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: undefined }),
      fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'E-7', 'e+12', 'e-30', 'K', 'i'),
    )
    .map(([s, w, f, suffix]) => `${s}${w}${f === undefined ? '' : `.${f}`}${suffix}`);

  it('canonical strings parse back to the same value and settle after one more round', () => {
    // Not always at once: a BinarySI value that is no multiple of 1024 prints unsuffixed, which
    // then reads as DecimalSI (apimachinery does the same; see the table above).
    fc.assert(
      fc.property(numberText, (text) => {
        const v = parseQuantity(text);
        if (!v) return;
        const canonical = v.toString();
        const again = parseQuantity(canonical);
        expect(again?.nanos).toBe(v.nanos);
        const settled = again!.toString();
        expect(parseQuantity(settled)?.toString()).toBe(settled);
        if (again?.format === v.format) expect(settled).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
  });

  it('compare is antisymmetric and add/sub are inverse', () => {
    fc.assert(
      fc.property(numberText, numberText, (x, y) => {
        const a = parseQuantity(x);
        const b = parseQuantity(y);
        if (!a || !b) return;
        expect(compare(a, b)).toBe(-compare(b, a) || 0);
        expect(sub(add(a, b), b).equals(a)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseQuantity never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(() => parseQuantity(s)).not.toThrow();
      }),
    );
  });
});
