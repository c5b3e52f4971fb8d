// Kubernetes resource.Quantity (k8s.io/apimachinery/pkg/api/resource), exact.
//
//   <quantity>     ::= <sign>? <number> <suffix>
//   <number>       ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
//   <suffix>       ::= Ki | Mi | Gi | Ti | Pi | Ei            (binary, BinarySI)
//                    | n | u | m | "" | k | M | G | T | P | E (decimal, DecimalSI)
//                    | (e|E) <sign>? <digits>                  (DecimalExponent)
//
// Case-sensitive, no whitespace. Values are held exactly as a bigint count of nano-units
// (value × 10^9): like upstream, anything finer than 1n is rounded up, away from zero
// (`0.0000000001` → `1n`), and BinarySI values saturate at ±(2^63 − 1).
//
// Deliberate limits (upstream accepts these, but they cannot be held exactly at bounded cost):
// inputs longer than MAX_QUANTITY_LENGTH characters and magnitudes of 10^MAX_QUANTITY_ORDER or more
// are rejected. Like the documented grammar (and unlike upstream's permissive scanner), a number
// needs at least one digit: `Mi`, `.`, `-` are not quantities.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export const MAX_QUANTITY_LENGTH = 4096;
export const MAX_QUANTITY_ORDER = 4096;

const NANOS_PER_UNIT = 1_000_000_000n;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const BINARY_CAP_NANOS = INT64_MAX * NANOS_PER_UNIT;
const MAX_EXPONENT = 2_147_483_647; // upstream keeps exponents in an int32 and rejects beyond ±MaxInt32

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const NUMBER_RE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/s;
const EXPONENT_RE = /^[eE]([+-]?)([0-9]+)$/;

const pow10Cache: bigint[] = [];
function pow10(n: number): bigint {
  if (n < 64) return (pow10Cache[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

function ceilDiv(a: bigint, b: bigint): bigint {
  // a >= 0, b > 0
  const q = a / b;
  return q * b === a ? q : q + 1n;
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

/** An exact Kubernetes quantity. Immutable. */
export class Quantity {
  /** The value in nano-units (value × 10^9). */
  readonly nanos: bigint;
  /** The format the value was written in; it decides the canonical string. */
  readonly format: QuantityFormat;

  constructor(nanos: bigint, format: QuantityFormat) {
    this.nanos = nanos;
    this.format = format;
  }

  /** An integer quantity, formatted like Kubernetes formats integers mixed into arithmetic. */
  static fromInteger(value: bigint, format: QuantityFormat = 'DecimalExponent'): Quantity {
    return new Quantity(value * NANOS_PER_UNIT, format);
  }

  compareTo(other: Quantity): -1 | 0 | 1 {
    return this.nanos === other.nanos ? 0 : this.nanos < other.nanos ? -1 : 1;
  }

  equals(other: Quantity): boolean {
    return this.nanos === other.nanos;
  }

  /** Sum; the result keeps this quantity's format unless this is zero (then the other's). */
  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.nanos === 0n ? other.format : this.format);
  }

  /** Difference; formatted like add. */
  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.nanos === 0n ? other.format : this.format);
  }

  sign(): -1 | 0 | 1 {
    return this.nanos === 0n ? 0 : this.nanos < 0n ? -1 : 1;
  }

  /** True when the value is a whole number that fits an int64. */
  isInteger(): boolean {
    return this.asInteger() !== undefined;
  }

  /** The value as an int64, or undefined when it has a fraction or overflows int64. */
  asInteger(): bigint | undefined {
    if (this.nanos % NANOS_PER_UNIT !== 0n) return undefined;
    const v = this.nanos / NANOS_PER_UNIT;
    return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
  }

  /** The nearest double (±Infinity beyond the double range). */
  asApproximateFloat(): number {
    return Number(`${this.nanos}e-9`);
  }

  /** Canonical form, as Kubernetes serializes it: no fraction, largest possible suffix. */
  toString(): string {
    if (this.nanos === 0n) return '0';
    const sign = this.nanos < 0n ? '-' : '';
    const magnitude = abs(this.nanos);
    if (this.format === 'BinarySI') {
      const binary = binaryCanonical(magnitude);
      if (binary !== undefined) return sign + binary;
      // Below 1Ki, fractional, or past Ei: decimal (exponent notation past the table, as upstream)
      const useDecimalSI = magnitude < 1024n * NANOS_PER_UNIT || magnitude % NANOS_PER_UNIT !== 0n;
      return sign + decimalCanonical(magnitude, useDecimalSI ? 'DecimalSI' : 'DecimalExponent');
    }
    return sign + decimalCanonical(magnitude, this.format);
  }
}

/** `<count>Ki..Ei` for an integral magnitude >= 1Ki whose base-1024 exponent has a suffix. */
function binaryCanonical(magnitude: bigint): string | undefined {
  if (magnitude < 1024n * NANOS_PER_UNIT || magnitude % NANOS_PER_UNIT !== 0n) return undefined;
  let value = magnitude / NANOS_PER_UNIT;
  let power = 0;
  while (value % 1024n === 0n) {
    value /= 1024n;
    power++;
  }
  const suffix = BINARY_SUFFIX_BY_POWER[power];
  return suffix === undefined ? undefined : `${value}${suffix}`;
}

function decimalCanonical(magnitude: bigint, format: QuantityFormat): string {
  let mantissa = magnitude;
  let exponent = -9;
  while (mantissa % 1_000_000n === 0n) {
    mantissa /= 1_000_000n;
    exponent += 6;
  }
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const down = ((exponent % 3) + 3) % 3; // exponent becomes the next lower multiple of 3
  mantissa *= pow10(down);
  exponent -= down;
  if (format === 'DecimalSI') {
    const suffix = DECIMAL_SUFFIX_BY_EXPONENT.get(exponent);
    if (suffix !== undefined) return `${mantissa}${suffix}`;
  }
  return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
}

type Suffix = { kind: 'decimal' | 'exponent'; exponent: number } | { kind: 'binary'; exponent: number };

function parseSuffix(suffix: string): Suffix | undefined {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined && Object.hasOwn(DECIMAL_SUFFIXES, suffix)) return { kind: 'decimal', exponent: decimal };
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined && Object.hasOwn(BINARY_SUFFIXES, suffix)) return { kind: 'binary', exponent: binary };
  const m = EXPONENT_RE.exec(suffix);
  if (!m) return undefined;
  const digits = m[2]!.replace(/^0+(?=.)/, '');
  if (digits.length > 10) return undefined;
  const value = Number(digits);
  if (value > MAX_EXPONENT) return undefined;
  return { kind: 'exponent', exponent: m[1] === '-' ? -value : value };
}

/** Parses a Kubernetes quantity; undefined when `input` is not one. */
export function parseQuantity(input: string): Quantity | undefined {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_QUANTITY_LENGTH) return undefined;
  const m = NUMBER_RE.exec(input);
  if (!m) return undefined;
  const negative = m[1] === '-';
  const whole = m[2]!;
  const fraction = m[3] ?? '';
  if (whole.length + fraction.length === 0) return undefined;
  const suffix = parseSuffix(m[4]!);
  if (!suffix) return undefined;
  const format: QuantityFormat = suffix.kind === 'binary' ? 'BinarySI' : suffix.kind === 'exponent' ? 'DecimalExponent' : 'DecimalSI';

  // value = digits × 10^(-fractionLength) × (10 or 2)^exponent
  const digitsText = (whole + fraction).replace(/^0+/, '');
  if (digitsText === '') return new Quantity(0n, format);
  const digits = BigInt(digitsText);
  const fractionLength = fraction.length;
  let nanos: bigint;

  if (suffix.kind === 'binary') {
    const scaled = digits << BigInt(suffix.exponent);
    const shift = 9 - fractionLength;
    nanos = shift >= 0 ? scaled * pow10(shift) : ceilDiv(scaled, pow10(-shift));
    if (nanos > BINARY_CAP_NANOS) nanos = BINARY_CAP_NANOS;
    if (nanos < NANOS_PER_UNIT) {
      // Upstream: a non-zero BinarySI value below 1 is re-labelled DecimalSI.
      return new Quantity(negative ? -nanos : nanos, 'DecimalSI');
    }
    return new Quantity(negative ? -nanos : nanos, format);
  }

  // Decimal: the most significant digit sits at 10^(order-1).
  const shift = suffix.exponent - fractionLength + 9; // value in nanos = digits × 10^shift
  const order = digitsText.length + suffix.exponent - fractionLength;
  if (order > MAX_QUANTITY_ORDER) return undefined;
  if (shift >= 0) nanos = digits * pow10(shift);
  else if (-shift > digitsText.length)
    nanos = 1n; // below one nano: rounds up to 1n
  else nanos = ceilDiv(digits, pow10(-shift));
  return new Quantity(negative ? -nanos : nanos, format);
}

/** True when `input` is a Kubernetes quantity. */
export function isQuantity(input: string): boolean {
  return parseQuantity(input) !== undefined;
}

export function compare(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.compareTo(b);
}

export function add(a: Quantity, b: Quantity | bigint): Quantity {
  return a.add(typeof b === 'bigint' ? Quantity.fromInteger(b) : b);
}

export function sub(a: Quantity, b: Quantity | bigint): Quantity {
  return a.sub(typeof b === 'bigint' ? Quantity.fromInteger(b) : b);
}

export function sign(q: Quantity): -1 | 0 | 1 {
  return q.sign();
}

export function isInteger(q: Quantity): boolean {
  return q.isInteger();
}

export function asInteger(q: Quantity): bigint | undefined {
  return q.asInteger();
}

export function asApproximateFloat(q: Quantity): number {
  return q.asApproximateFloat();
}

/** The canonical string of a quantity string, or undefined when it does not parse. */
export function canonicalQuantity(input: string): string | undefined {
  return parseQuantity(input)?.toString();
}
