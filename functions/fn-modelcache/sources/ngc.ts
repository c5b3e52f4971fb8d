// NVIDIA NGC: a model version, org/[team/]name:version.
import type { NgcSource } from '../../lib/schema';
import { artifactDigest, type Artifact } from './artifact';

export const NGC_KEY_ENV = 'NGC_API_KEY';

export function ngcArtifact(ngc: NgcSource): Artifact {
  const id = `ngc:${ngc.resource}`;
  return {
    id,
    digest: artifactDigest(id),
    env: [
      { name: 'MODELPLANE_SOURCE', value: 'ngc' },
      { name: 'NGC_RESOURCE', value: ngc.resource },
    ],
    ...(ngc.authSecret ? { authSecret: { name: ngc.authSecret.name, key: ngc.authSecret.key, field: 'spec.ngc.authSecret', envName: NGC_KEY_ENV } } : {}),
  };
}
