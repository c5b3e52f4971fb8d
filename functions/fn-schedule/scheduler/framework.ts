// The scheduler's two seams, in the spirit of the Kubernetes scheduling framework, sized for this
// project: filters say why a candidate cannot be used (typed rejections), scorers rank the
// candidates that are left. Plugins are registered in plugins/index.ts; the phases (fill.ts,
// place.ts, scale-down.ts) only run the registered lists.
//
// - Cluster filters run once per selected cluster before any capacity is looked at.
// - Pool filters run per (engine, pool) of a cluster; the first rejection is the pool's reason.
// - Scorers return a number, lower ranks first. Candidates are compared score by score in
//   registration order (the first scorer that differs decides); a full tie goes to the cluster
//   name that sorts first, and for pools to the published pool order.
// - A cluster scorer sees only its cluster and this deployment's load on it, never other clusters
//   or the capacity ledger: fill keeps candidates in a heap and re-scores only the cluster it just
//   charged, which is exact only under that rule.
import type { NodeBins } from '../../lib/capacity';
import type { PoolRejection, Rejection } from './explain';
import type { EngineOnPool } from './match';
import type { Cluster, DeploymentSpec, EngineSpec, Pool } from './types';

/** A selected cluster, before capacity is looked at. */
export interface ClusterFilterInput {
  readonly cluster: Cluster;
  readonly deployment: DeploymentSpec;
}

/** Why a selected cluster takes no new replica, whatever its capacity; undefined: it may. */
export interface ClusterFilter {
  readonly name: string;
  filter(input: ClusterFilterInput): Rejection | undefined;
}

/** One engine of the replica being placed, against one pool of a cluster. */
export interface PoolCandidate {
  readonly cluster: Cluster;
  readonly pool: Pool;
  /** Position of the pool in the cluster's published list. */
  readonly index: number;
  readonly engine: EngineSpec;
  /** The engine's device match on this pool (independent of capacity). */
  readonly match: EngineOnPool;
  /** The pool's free devices per node for this replica so far; read lazily (it consults the ledger). */
  bins(): NodeBins;
}

/** Why an engine cannot go on a pool; undefined: it can. */
export interface PoolFilter {
  readonly name: string;
  filter(candidate: PoolCandidate): PoolRejection | undefined;
}

/** A selected cluster that passed the cluster filters. */
export interface ClusterCandidate {
  readonly cluster: Cluster;
  /** Replicas of this deployment on the cluster (kept and placed so far). */
  readonly load: number;
}

export interface Scorer<C> {
  /** Shown in the placement's explanation, e.g. `Spread`. */
  readonly name: string;
  /** Lower ranks first. */
  score(candidate: C): number;
  /** The score in words, read after the scorer's name: `Spread: 1 replica here, 2 on b`. */
  describe(score: number): string;
}

export type ClusterScorer = Scorer<ClusterCandidate>;
export type PoolScorer = Scorer<PoolCandidate>;

export interface Plugins {
  readonly clusterFilters: readonly ClusterFilter[];
  readonly poolFilters: readonly PoolFilter[];
  readonly clusterScorers: readonly ClusterScorer[];
  readonly poolScorers: readonly PoolScorer[];
}

/** The first rejection of a list of filters, or undefined when all pass. */
export function firstRejection<C, R>(filters: readonly { filter(c: C): R | undefined }[], candidate: C): R | undefined {
  for (const f of filters) {
    const why = f.filter(candidate);
    if (why !== undefined) return why;
  }
  return undefined;
}

/** A candidate's scores, one per scorer, in registration order. */
export const scoresOf = <C>(scorers: readonly Scorer<C>[], candidate: C): number[] => scorers.map((s) => s.score(candidate));

/**
 * Compares two score vectors: negative when `a` ranks first. Returns 0 on a full tie (the caller
 * breaks it by name or published order).
 */
export function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Index of the first scorer on which two score vectors differ, or -1 on a full tie. */
export function decidingScorer(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
