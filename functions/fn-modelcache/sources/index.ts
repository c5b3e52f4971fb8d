// The artifact of a (validated) ModelCache spec.
import type { ModelCacheSpec } from '../../lib/schema';
import type { Artifact } from './artifact';
import { huggingFaceArtifact } from './huggingface';
import { ngcArtifact } from './ngc';

export * from './artifact';
export { huggingFaceArtifact, HF_TOKEN_ENV, HF_DEFAULT_REVISION } from './huggingface';
export { ngcArtifact, NGC_KEY_ENV } from './ngc';

/** Undefined only if the spec lacks its source's block, which spec validation already reports. */
export function artifactOf(spec: ModelCacheSpec): Artifact | undefined {
  if (spec.source === 'HuggingFace') return spec.huggingFace ? huggingFaceArtifact(spec.huggingFace) : undefined;
  return spec.ngc ? ngcArtifact(spec.ngc) : undefined;
}
