// The getting-started tour: docs/getting-started.md's commands, block by block, on the simulated
// fleet. The demo prints it; test/fleet/tour.test.ts asserts it; the page is its only script.
import type { StepReport } from './fleet/simulator';
import { noMoveWithoutCause, noPoolOvercommitted } from './fleet/invariants';
import type { Simulator } from './fleet/simulator';
import { loadGuide, type GuideBlock, type GuideStep } from './guide';
import { runCommand, type Outcome } from './kubectl';

export const TOUR: readonly GuideStep[] = loadGuide();

/**
 * The shell the guide's commands run in. HF_TOKEN is a placeholder: the simulated fleet downloads
 * nothing, and a real token never needs to be set for the demo.
 */
export const tourShell = (): Record<string, string> => ({ HF_TOKEN: 'hf_simulated' });

export interface BlockRun {
  readonly outcomes: readonly { readonly command: string; readonly outcome: Outcome }[];
  /** How the fleet settled after the block; undefined when no command changed it. */
  readonly report?: StepReport;
}

/** Runs one block's commands, then lets the fleet settle (every pass checked by the invariants). */
export async function runBlock(sim: Simulator, block: GuideBlock, shell: Record<string, string>, maxPasses = 15): Promise<BlockRun> {
  const outcomes = block.commands.map((command) => ({ command, outcome: runCommand(sim, command, shell) }));
  if (!outcomes.some((o) => o.outcome.changed)) return { outcomes };
  const report = await sim.converge(`block ${block.id}`, { maxPasses, invariants: [noPoolOvercommitted, noMoveWithoutCause()] });
  return { outcomes, report };
}
