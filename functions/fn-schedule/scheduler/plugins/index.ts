// The registered filters and scorers, in the order they run (framework.ts). A new rule is one file
// in this folder and one line here; docs/development.md walks through an example.
import type { Plugins } from '../framework';
import { clusterReady } from './cluster-ready';
import { clusterStatusKnown } from './cluster-status';
import { deviceMatch } from './device-match';
import { freeNodes } from './free-nodes';
import { gatewayAddress } from './gateway-address';
import { spread } from './spread';
import { taintToleration } from './taint-toleration';

export const PLUGINS: Plugins = {
  clusterFilters: [clusterReady, gatewayAddress, taintToleration, clusterStatusKnown],
  poolFilters: [deviceMatch, freeNodes],
  clusterScorers: [spread],
  poolScorers: [],
};
