// Why a new replica went where it went, in words for status.placements: the deciding scorer
// against the runner-up (or the name tie-break), the candidates that ranked higher but did not
// fit, and per engine the pool chosen and why the pools before it were not.
import { describePool, summaryCode, type PoolRejection, type Rejection } from './explain';
import { decidingScorer, type Scorer } from './framework';

/** Candidates named in one explanation, at most: the rest are counted. */
const LISTED = 3;

export interface Ranked {
  readonly name: string;
  readonly scores: readonly number[];
}

function listed(parts: readonly string[]): string {
  const shown = parts.slice(0, LISTED);
  return parts.length > LISTED ? `${shown.join('; ')}; and ${parts.length - LISTED} more` : shown.join('; ');
}

/** The winner against the runner-up: the first scorer that tells them apart, else the tie-break. */
function decided<C>(scorers: readonly Scorer<C>[], winner: Ranked, runnerUp: Ranked | undefined, tieBreak: string): string {
  if (runnerUp === undefined) return 'no other candidate';
  const i = decidingScorer(winner.scores, runnerUp.scores);
  if (i >= 0) {
    const s = scorers[i]!;
    return `${s.name}: ${s.describe(winner.scores[i]!)} here, ${s.describe(runnerUp.scores[i]!)} on ${runnerUp.name}`;
  }
  const tie = scorers.length > 0 ? ` on ${scorers[0]!.name} (${scorers[0]!.describe(winner.scores[0]!)})` : '';
  return `tie with ${runnerUp.name}${tie}; ${tieBreak}`;
}

export function clusterWhy<C>(scorers: readonly Scorer<C>[], winner: Ranked, runnerUp: Ranked | undefined, passedOver: readonly Rejection[]): string {
  if (passedOver.length === 0) return decided(scorers, winner, runnerUp, `${winner.name} sorts first`);
  const skipped = `ranked higher but did not fit: ${listed(passedOver.map((r) => `${r.cluster} (${summaryCode(r)})`))}`;
  return runnerUp === undefined ? `the first candidate that fits; ${skipped}` : `${decided(scorers, winner, runnerUp, `${winner.name} sorts first`)}; ${skipped}`;
}

export function poolWhy<C>(scorers: readonly Scorer<C>[], chosen: Ranked, runnerUp: Ranked | undefined, rejected: readonly PoolRejection[]): string {
  const text = scorers.length === 0 ? 'the first published pool that fits' : decided(scorers, chosen, runnerUp, `${chosen.name} is published first`);
  return rejected.length === 0 ? text : `${text}; ${listed(rejected.map(describePool))}`;
}
