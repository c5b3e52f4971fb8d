// Semantic Versioning 2.0.0 (https://semver.org), as the Kubernetes CEL semver library reads it.
//
// Strict: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], numeric parts without leading zeros, no `v`
// prefix, no whitespace. Numbers (core and numeric pre-release identifiers) are unsigned 64-bit,
// like the Go library Kubernetes uses.
//
// Lenient (`semver(s, true)` in CEL, "normalize"): one leading `v` is dropped, the first three
// dot-separated parts lose their leading zeros, and a missing minor/patch becomes 0 (a shortened
// version may not carry pre-release or build metadata); the result must then parse strictly.

const UINT64_MAX = (1n << 64n) - 1n;
const NUMERIC_RE = /^[0-9]+$/;
const IDENTIFIER_RE = /^[0-9A-Za-z-]+$/;

export type PrereleaseIdentifier = string | bigint;

/** A parsed semantic version. Immutable; build metadata is kept but never compared. */
export class Semver {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly prerelease: readonly PrereleaseIdentifier[] = [],
    readonly build: readonly string[] = [],
  ) {}

  compareTo(other: Semver): -1 | 0 | 1 {
    return compareSemver(this, other);
  }

  equals(other: Semver): boolean {
    return compareSemver(this, other) === 0;
  }

  toString(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`;
    if (this.prerelease.length) s += `-${this.prerelease.join('.')}`;
    if (this.build.length) s += `+${this.build.join('.')}`;
    return s;
  }
}

function parseNumber(text: string): bigint | undefined {
  if (!NUMERIC_RE.test(text)) return undefined;
  if (text.length > 1 && text[0] === '0') return undefined;
  if (text.length > 20) return undefined;
  const value = BigInt(text);
  return value <= UINT64_MAX ? value : undefined;
}

function parsePrerelease(text: string): PrereleaseIdentifier | undefined {
  if (NUMERIC_RE.test(text)) return parseNumber(text);
  return IDENTIFIER_RE.test(text) ? text : undefined;
}

function parseStrict(input: string): Semver | undefined {
  if (input.length === 0) return undefined;
  const parts = splitN(input, '.', 3);
  if (parts.length !== 3) return undefined;
  const major = parseNumber(parts[0]!);
  const minor = parseNumber(parts[1]!);
  if (major === undefined || minor === undefined) return undefined;

  let rest = parts[2]!;
  let build: string[] = [];
  const plus = rest.indexOf('+');
  if (plus !== -1) {
    build = rest.slice(plus + 1).split('.');
    if (!build.every((id) => IDENTIFIER_RE.test(id))) return undefined;
    rest = rest.slice(0, plus);
  }
  const prerelease: PrereleaseIdentifier[] = [];
  const dash = rest.indexOf('-');
  if (dash !== -1) {
    for (const text of rest.slice(dash + 1).split('.')) {
      const id = parsePrerelease(text);
      if (id === undefined) return undefined;
      prerelease.push(id);
    }
    rest = rest.slice(0, dash);
  }
  const patch = parseNumber(rest);
  if (patch === undefined) return undefined;
  return new Semver(major, minor, patch, prerelease, build);
}

/** Splits like Go's strings.SplitN: at most `n` parts, the last one holding the remainder. */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let from = 0;
  while (out.length < n - 1) {
    const at = s.indexOf(sep, from);
    if (at === -1) break;
    out.push(s.slice(from, at));
    from = at + sep.length;
  }
  out.push(s.slice(from));
  return out;
}

function normalize(input: string): string | undefined {
  const s = input.startsWith('v') ? input.slice(1) : input;
  const parts = splitN(s, '.', 3).map((p) => {
    if (p.length <= 1) return p;
    const trimmed = p.replace(/^0+/, '');
    return trimmed === '' || !/^[0-9]/.test(trimmed) ? `0${trimmed}` : trimmed;
  });
  if (parts.length < 3) {
    if (/[+-]/.test(parts[parts.length - 1]!)) return undefined;
    while (parts.length < 3) parts.push('0');
  }
  return parts.join('.');
}

/** Parses a semantic version (strict, or lenient as `semver(s, true)`); undefined when invalid. */
export function parseSemver(input: string, lenient = false): Semver | undefined {
  if (typeof input !== 'string') return undefined;
  if (!lenient) return parseStrict(input);
  const normalized = normalize(input);
  return normalized === undefined ? undefined : parseStrict(normalized);
}

export function isSemver(input: string, lenient = false): boolean {
  return parseSemver(input, lenient) !== undefined;
}

function cmp<T extends bigint | string>(a: T, b: T): -1 | 0 | 1 {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Semver 2.0 precedence: -1, 0 or 1. Build metadata is ignored. */
export function compareSemver(a: Semver, b: Semver): -1 | 0 | 1 {
  const core = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (core !== 0) return core;
  const pa = a.prerelease;
  const pb = b.prerelease;
  if (pa.length === 0 || pb.length === 0) return pa.length === pb.length ? 0 : pa.length === 0 ? 1 : -1;
  for (let i = 0; i < pa.length && i < pb.length; i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (typeof x === typeof y) {
      const c = cmp(x, y);
      if (c !== 0) return c;
    } else {
      return typeof x === 'bigint' ? -1 : 1; // numeric identifiers sort before alphanumeric ones
    }
  }
  return cmp(BigInt(pa.length), BigInt(pb.length));
}

export { compareSemver as compare };
