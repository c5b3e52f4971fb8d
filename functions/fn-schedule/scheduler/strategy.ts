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
// Both are whole replica counts; they cannot both be 0 (nothing could move; the schema says so).
export interface Strategy {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
}

export const DEFAULT_STRATEGY: Strategy = { maxSurge: 1, maxUnavailable: 0 };

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
