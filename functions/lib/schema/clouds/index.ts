// The clouds Modelplane provisions clusters and pools on. The order is the API's: it fixes the
// field order of the generated schemas and of the "at most one block" rules.
// Adding a cloud: a file in this folder and one entry here (then a builder in
// functions/fn-inferencecluster/provision/ and `npm run gen`).
import { aks } from './aks';
import { eks } from './eks';
import { gke } from './gke';

export const CLOUDS = [gke, eks, aks] as const;

export type CloudEntry = (typeof CLOUDS)[number];
export type Provider = CloudEntry['source'];

export { cloudCredentials, kubernetesVersion, type Cloud } from './cloud';
