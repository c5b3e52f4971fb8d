// Where the e2e layer finds its binaries and writes its artifacts.
import { join } from 'node:path';
import { ROOT } from '../../../sim/paths';

export const CONTROLPLANE_BIN = join(ROOT, '.tools', 'controlplane', 'bin');
export const bin = (name: string): string => join(CONTROLPLANE_BIN, name);
/** Crossplane's own CRDs and upstream CRDs the e2e stack installs (scripts/setup-controlplane.sh). */
export const CONTROLPLANE_CRDS = join(ROOT, '.tools', 'controlplane', 'crds');
/** Upstream CRDs already fetched for the schema tests (scripts/setup-crds.sh). */
export const UPSTREAM_CRDS = join(ROOT, '.tools', 'crds');
/** Process logs, kept when a step fails (CI uploads test-results/). */
export const ARTIFACTS = join(ROOT, 'test-results', 'e2e');
