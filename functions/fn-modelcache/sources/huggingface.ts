// Hugging Face: a repository at a revision (branch, tag or commit; default main).
import type { HuggingFaceSource } from '../../lib/schema';
import { artifactDigest, type Artifact } from './artifact';

export const HF_DEFAULT_REVISION = 'main';
export const HF_TOKEN_ENV = 'HF_TOKEN';

export function huggingFaceArtifact(hf: HuggingFaceSource): Artifact {
  const revision = hf.revision ?? HF_DEFAULT_REVISION;
  const id = `huggingface:${hf.repo}@${revision}`;
  return {
    id,
    digest: artifactDigest(id),
    env: [
      { name: 'MODELPLANE_SOURCE', value: 'huggingface' },
      { name: 'HF_REPO', value: hf.repo },
      { name: 'HF_REVISION', value: revision },
    ],
    ...(hf.authSecret ? { authSecret: { name: hf.authSecret.name, key: hf.authSecret.key, field: 'spec.huggingFace.authSecret', envName: HF_TOKEN_ENV } } : {}),
  };
}
