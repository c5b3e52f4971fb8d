// The events of the guide's ```simulate blocks, carried out on the simulated fleet: what happens to
// a real fleet without anyone typing a command (a cluster going down or coming back, time passing).
// The page marks them as the simulator's, so no reader mistakes them for commands; anything else
// is refused, so the page cannot show an event the demo silently skips.
import type { Simulator } from './fleet/simulator';
import type { RemoteFleet } from './fleet/outage';
import { UnknownCommand, type Outcome } from './kubectl';

const EVENTS: readonly { readonly re: RegExp; readonly run: (fleet: RemoteFleet, sim: Simulator, m: RegExpExecArray) => string }[] = [
  {
    re: /^cluster ([a-z0-9-]+) goes down$/,
    run: (fleet, sim, [, cluster]) => {
      known(sim, cluster!);
      fleet.goDown(cluster!);
      return `simulated: cluster ${cluster} goes down at ${fleet.time}: every Object applied there reports not Available`;
    },
  },
  {
    re: /^cluster ([a-z0-9-]+) stops answering$/,
    run: (fleet, sim, [, cluster]) => {
      known(sim, cluster!);
      fleet.stopAnswering(cluster!);
      return `simulated: cluster ${cluster}'s API server stops answering at ${fleet.time}: its providers keep what they last saw and report Synced=False`;
    },
  },
  {
    re: /^cluster ([a-z0-9-]+) recovers$/,
    run: (fleet, sim, [, cluster]) => {
      known(sim, cluster!);
      fleet.recover(cluster!);
      return `simulated: cluster ${cluster} recovers at ${fleet.time}: its workloads report Available`;
    },
  },
  {
    re: /^(\d+) minutes? pass(?:es)?$/,
    run: (fleet, _sim, [, minutes]) => {
      fleet.advance(Number(minutes));
      return `simulated: the clusters report at ${fleet.time}`;
    },
  },
];

function known(sim: Simulator, cluster: string): void {
  if (!sim.world.find('InferenceCluster', cluster)) throw new Error(`simulate: no InferenceCluster ${cluster}`);
}

/** Carries out one line of a simulate block; it always changes the fleet (the demo lets it settle). */
export function simulateEvent(sim: Simulator, fleet: RemoteFleet, line: string): Outcome {
  for (const e of EVENTS) {
    const m = e.re.exec(line);
    if (m) return { changed: true, note: e.run(fleet, sim, m) };
  }
  throw new UnknownCommand(`simulate: ${line} (known: "cluster NAME goes down", "cluster NAME stops answering", "cluster NAME recovers", "N minutes pass")`);
}
