// The Kubernetes CEL quantity library (k8s.io/apiserver/pkg/cel/library, "kubernetes.quantity")
// on cel-js: the Quantity type, quantity()/isQuantity(), comparisons and int64 arithmetic helpers.
import type { Environment } from '@marcbachmann/cel-js';
import { Quantity, parseQuantity } from '../k8s/quantity';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

function toQuantity(s: string): Quantity {
  const q = parseQuantity(s);
  if (!q) throw new Error(`invalid quantity: ${JSON.stringify(s.length > 64 ? `${s.slice(0, 64)}...` : s)}`);
  return q;
}

function toInt(v: bigint): bigint {
  if (v < INT64_MIN || v > INT64_MAX) throw new Error('integer overflow');
  return v;
}

export function registerQuantity(env: Environment): void {
  env
    .registerType('Quantity', { ctor: Quantity, fields: {} })
    .registerFunction('quantity(string): Quantity', toQuantity)
    .registerFunction('isQuantity(string): bool', (s: string) => parseQuantity(s) !== undefined)
    .registerFunction('Quantity.compareTo(Quantity): int', (a: Quantity, b: Quantity) => BigInt(a.compareTo(b)))
    .registerFunction('Quantity.isGreaterThan(Quantity): bool', (a: Quantity, b: Quantity) => a.compareTo(b) > 0)
    .registerFunction('Quantity.isLessThan(Quantity): bool', (a: Quantity, b: Quantity) => a.compareTo(b) < 0)
    .registerFunction('Quantity.isInteger(): bool', (q: Quantity) => q.isInteger())
    .registerFunction('Quantity.asInteger(): int', (q: Quantity) => {
      const v = q.asInteger();
      if (v === undefined) throw new Error('cannot convert value to integer');
      return v;
    })
    .registerFunction('Quantity.asApproximateFloat(): double', (q: Quantity) => q.asApproximateFloat())
    // Kubernetes declares sign as a global overload; both spellings are accepted.
    .registerFunction('Quantity.sign(): int', (q: Quantity) => BigInt(q.sign()))
    .registerFunction('sign(Quantity): int', (q: Quantity) => BigInt(q.sign()))
    .registerFunction('Quantity.add(Quantity): Quantity', (a: Quantity, b: Quantity) => a.add(b))
    .registerFunction('Quantity.add(int): Quantity', (a: Quantity, b: bigint) => a.add(Quantity.fromInteger(toInt(b))))
    .registerFunction('Quantity.sub(Quantity): Quantity', (a: Quantity, b: Quantity) => a.sub(b))
    .registerFunction('Quantity.sub(int): Quantity', (a: Quantity, b: bigint) => a.sub(Quantity.fromInteger(toInt(b))))
    .registerOperator('Quantity == Quantity', (a: Quantity, b: Quantity) => a.equals(b));
}
