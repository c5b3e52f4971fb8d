// The provider-kubernetes Objects fn-modelcache composes validate against the upstream CRD
// (fetched by scripts/setup-crds.sh).
import { describe, expect, it } from 'vitest';
import { huggingFaceArtifact } from '../../../functions/fn-modelcache/sources';
import { loadCrds } from '../../harness/crds';
import { objectCases } from '../../fixtures/fn-modelcache/objects';

const crds = loadCrds();
const hf = huggingFaceArtifact({ repo: 'Qwen/Qwen3-8B', revision: 'main', authSecret: { name: 'hf', key: 'HF_TOKEN' } });

describe('fn-modelcache Objects against the provider-kubernetes CRD', () => {
  it.each(objectCases({ namespace: 'ml-team', name: 'qwen' }, hf))('$name', ({ obj }) => {
    expect(crds.validate(obj)).toEqual([]);
  });
});
