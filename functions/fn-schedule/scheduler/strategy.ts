// spec.strategy (docs/failures.md, "Voluntary moves"), pure: how many moves run at once.
//
// A move is make before break: the replacement is placed like a new replica while the replica it
// replaces (drained, no longer fitting a spec edit, stuck, or surplus after a fail-back) is kept.
// - maxUnavailable: how far below spec.replicas the serving replicas may drop during moves. A
//   replaced replica that serves is kept while the serving replicas that count are fewer than
//   spec.replicas - maxUnavailable. Default 0: the Ready count never drops for a move.
// - maxSurge: how many replicas above spec.replicas may exist during moves, counting the replaced
//   replicas that still serve. New replicas are placed up to spec.replicas, and while moves are
//   in flight no more than spec.replicas + maxSurge - (replaced replicas still serving). Default
//   1: one replacement at a time. Replacing a replica that does not serve (stuck, or on a cluster
//   that is down) lowers nothing, so it is never held back by maxSurge.
// Each is a count or a percentage of spec.replicas, resolved once per pass the way a Deployment's
// rolling update resolves them (resolveStrategy). They cannot both be 0 (the schema says so).
import type { StrategySpec } from '../../lib/schema';

/** spec.strategy resolved to whole replica counts for this pass. */
export interface Strategy {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
}

export const DEFAULT_STRATEGY: Strategy = { maxSurge: 1, maxUnavailable: 0 };

/** A count, or `N%` of `total` rounded up or down (apimachinery's GetScaledValueFromIntOrPercent). */
export function scaled(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const share = (Number.parseInt(value, 10) * total) / 100;
  return roundUp ? Math.ceil(share) : Math.floor(share);
}

/**
 * spec.strategy as counts of `wanted`: maxSurge rounds up, maxUnavailable down. When both come to 0
 * (a percentage of few replicas rounding down), maxUnavailable becomes 1 so moves still progress,
 * as a Deployment's rollout does; spelled 0 (or 0%) both, the schema rejects it first.
 */
export function resolveStrategy(spec: StrategySpec | undefined, wanted: number): Strategy {
  if (!spec) return DEFAULT_STRATEGY;
  const maxSurge = scaled(spec.maxSurge, wanted, true);
  const maxUnavailable = scaled(spec.maxUnavailable, wanted, false);
  return { maxSurge, maxUnavailable: maxSurge === 0 && maxUnavailable === 0 ? 1 : maxUnavailable };
}

/** Replaced replicas that serve to keep this pass, given the serving replicas that count. */
export function keepServing(wanted: number, servingKept: number, s: Strategy): number {
  return Math.max(0, wanted - s.maxUnavailable - servingKept);
}

/**
 * How many replicas may count after this pass: all `wanted`, less what maxSurge holds back while
 * `replacedServing` replaced replicas still serve. Never below what is already kept.
 */
export function fillTarget(wanted: number, kept: number, replacedServing: number, s: Strategy): number {
  const surge = Math.max(s.maxSurge, s.maxSurge === 0 && s.maxUnavailable === 0 ? 1 : 0);
  return Math.max(kept, Math.min(wanted, wanted + surge - replacedServing));
}
