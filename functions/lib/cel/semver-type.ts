// The Kubernetes CEL semver library ("kubernetes.Semver") on cel-js: the Semver type,
// semver()/isSemver() (strict, or normalizing with a `true` second argument), comparisons and
// major/minor/patch.
import type { Environment } from '@marcbachmann/cel-js';
import { Semver, parseSemver } from '../k8s/semver';

const INT64_MAX = (1n << 63n) - 1n;

function toSemver(s: string, lenient = false): Semver {
  const v = parseSemver(s, lenient);
  if (!v) throw new Error(`invalid semantic version: ${JSON.stringify(s.length > 64 ? `${s.slice(0, 64)}...` : s)}`);
  return v;
}

function toInt(v: bigint): bigint {
  if (v > INT64_MAX) throw new Error('integer overflow');
  return v;
}

export function registerSemver(env: Environment): void {
  env
    .registerType('Semver', { ctor: Semver, fields: {} })
    .registerFunction('semver(string): Semver', (s: string) => toSemver(s))
    .registerFunction('semver(string, bool): Semver', (s: string, lenient: boolean) => toSemver(s, lenient))
    .registerFunction('isSemver(string): bool', (s: string) => parseSemver(s) !== undefined)
    .registerFunction('isSemver(string, bool): bool', (s: string, lenient: boolean) => parseSemver(s, lenient) !== undefined)
    .registerFunction('Semver.compareTo(Semver): int', (a: Semver, b: Semver) => BigInt(a.compareTo(b)))
    .registerFunction('Semver.isGreaterThan(Semver): bool', (a: Semver, b: Semver) => a.compareTo(b) > 0)
    .registerFunction('Semver.isLessThan(Semver): bool', (a: Semver, b: Semver) => a.compareTo(b) < 0)
    .registerFunction('Semver.major(): int', (v: Semver) => toInt(v.major))
    .registerFunction('Semver.minor(): int', (v: Semver) => toInt(v.minor))
    .registerFunction('Semver.patch(): int', (v: Semver) => toInt(v.patch))
    .registerOperator('Semver == Semver', (a: Semver, b: Semver) => a.equals(b));
}
