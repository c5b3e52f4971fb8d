// Traffic weights for a ModelService's backends (api.md): each selector entry's weight is split
// evenly over its ready endpoints, scaled to integers, reduced by their greatest common divisor,
// capped at 1,000,000 (the Gateway API maximum), and never 0 for a ready endpoint.
//
// Exact arithmetic: the even split is weight/count, so scaling every share by the lcm of the
// counts makes them integers without rounding; BigInt because that lcm can be large (64 entries
// with distinct counts). Rounding happens only when the cap forces it.

export const MAX_WEIGHT = 1_000_000;

export interface WeightGroup {
  /** The entry's weight (1..1,000,000). */
  readonly weight: number;
  /** How many ready endpoints share it; groups with 0 get nothing and are skipped. */
  readonly count: number;
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};
const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;

/** Divides every value by their gcd. */
function reduce(values: readonly bigint[]): bigint[] {
  const g = values.reduce((acc, v) => gcd(acc, v), 0n);
  return g > 1n ? values.map((v) => v / g) : [...values];
}

/**
 * One integer weight per ready endpoint, in group order then member order. Groups with no ready
 * endpoint contribute nothing: the remaining entries share all traffic in their proportions.
 */
export function distributeWeights(groups: readonly WeightGroup[]): number[][] {
  const live = groups.filter((g) => g.count > 0 && g.weight > 0);
  if (live.length === 0) return groups.map(() => []);
  const scale = live.reduce((acc, g) => lcm(acc, BigInt(g.count)), 1n);
  // Every endpoint of a group gets the same share, so work with one value per group.
  const shares = reduce(live.map((g) => (BigInt(Math.floor(g.weight)) * scale) / BigInt(g.count)));
  const capped = reduce(cap(shares));
  let i = 0;
  return groups.map((g) => {
    if (!(g.count > 0 && g.weight > 0)) return [];
    const w = Number(capped[i++]);
    return Array.from({ length: g.count }, () => w);
  });
}

/** Scales down proportionally when the largest share exceeds the cap; rounds half up, floors at 1. */
function cap(shares: readonly bigint[]): bigint[] {
  const max = shares.reduce((a, b) => (b > a ? b : a), 0n);
  const limit = BigInt(MAX_WEIGHT);
  if (max <= limit) return [...shares];
  return shares.map((s) => {
    const scaled = (s * limit * 2n + max) / (2n * max);
    return scaled < 1n ? 1n : scaled;
  });
}
