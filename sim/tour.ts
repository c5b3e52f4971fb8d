// The getting-started tour: docs/getting-started.md's commands and simulated events, block by block,
// on the simulated fleet. The demo prints it; test/fleet/tour.test.ts asserts it; the page is its
// only script.
import type { StepReport } from './fleet/simulator';
import { noMoveWithoutCause, noPoolOvercommitted, readyFloor, serviceKeepsAnswering } from './fleet/invariants';
import { RemoteFleet } from './fleet/outage';
import type { Simulator } from './fleet/simulator';
import { keyOf, type Obj } from './fleet/world';
import { loadGuide, type GuideBlock, type GuideStep } from './guide';
import { runCommand, type Outcome } from './kubectl';
import { simulateEvent } from './simulate';

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

/** The remote clusters of each tour's fleet: their clock runs from the first block, so every object has a creation time. */
const remotes = new WeakMap<Simulator, RemoteFleet>();
export function remoteFleetOf(sim: Simulator): RemoteFleet {
  let fleet = remotes.get(sim);
  if (!fleet) {
    fleet = new RemoteFleet(sim);
    fleet.advance(0);
    remotes.set(sim, fleet);
  }
  return fleet;
}

/** A replica may go only when its deployment's last reconcile gave the cause (a RemovedReplica event naming it). */
function removedWithCause(sim: Simulator): (replica: Obj) => boolean {
  return (r) => {
    const deployment = sim.world.find('ModelDeployment', String(r.metadata?.labels?.['modelplane.ai/deployment']), r.metadata?.namespace);
    return (
      deployment !== undefined &&
      sim.eventsOf(keyOf(deployment)).some((e) => String(e.message).startsWith(`replica ${r.metadata.name} on `) && / removed: /.test(String(e.message)))
    );
  };
}

/** Runs one block's commands (or simulated events), then lets the fleet settle (every pass checked by the invariants). */
export async function runBlock(sim: Simulator, block: GuideBlock, shell: Record<string, string>, maxPasses = 15): Promise<BlockRun> {
  const fleet = remoteFleetOf(sim);
  const outcomes = block.simulate
    ? block.simulate.map((command) => ({ command, outcome: simulateEvent(sim, fleet, command) }))
    : block.commands.map((command) => ({ command, outcome: runCommand(sim, command, shell) }));
  if (!outcomes.some((o) => o.outcome.changed)) return { outcomes };
  const report = await sim.converge(`block ${block.id}`, {
    maxPasses,
    invariants: [noPoolOvercommitted, noMoveWithoutCause(removedWithCause(sim)), readyFloor, serviceKeepsAnswering],
  });
  return { outcomes, report };
}
