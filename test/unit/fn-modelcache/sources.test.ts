// Artifact identity, Job environment and token reference per source.
import { describe, expect, it } from 'vitest';
import { artifactDigest, artifactOf } from '../../../functions/fn-modelcache/sources';
import { parseModelCacheSpec } from '../../../functions/lib/schema';

const spec = (s: unknown) => {
  const parsed = parseModelCacheSpec(s);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
};

describe('artifactOf', () => {
  it.each([
    {
      name: 'Hugging Face, revision defaults to main, no token',
      spec: { source: 'HuggingFace', huggingFace: { repo: 'Qwen/Qwen3-8B' }, sizeGiB: 1 },
      want: {
        id: 'huggingface:Qwen/Qwen3-8B@main',
        env: [
          { name: 'MODELPLANE_SOURCE', value: 'huggingface' },
          { name: 'HF_REPO', value: 'Qwen/Qwen3-8B' },
          { name: 'HF_REVISION', value: 'main' },
        ],
      },
    },
    {
      name: 'Hugging Face, pinned commit and a token under the default key',
      spec: { source: 'HuggingFace', huggingFace: { repo: 'a/b', revision: 'abc123', authSecret: { name: 'hf' } }, sizeGiB: 1 },
      want: {
        id: 'huggingface:a/b@abc123',
        env: [
          { name: 'MODELPLANE_SOURCE', value: 'huggingface' },
          { name: 'HF_REPO', value: 'a/b' },
          { name: 'HF_REVISION', value: 'abc123' },
        ],
        authSecret: { name: 'hf', key: 'HF_TOKEN', field: 'spec.huggingFace.authSecret', envName: 'HF_TOKEN' },
      },
    },
    {
      name: 'NGC, no key',
      spec: { source: 'NGC', ngc: { resource: 'nvidia/nim/llama:1.0' }, sizeGiB: 1 },
      want: {
        id: 'ngc:nvidia/nim/llama:1.0',
        env: [
          { name: 'MODELPLANE_SOURCE', value: 'ngc' },
          { name: 'NGC_RESOURCE', value: 'nvidia/nim/llama:1.0' },
        ],
      },
    },
    {
      name: 'NGC, key under a custom Secret key, copied under NGC_API_KEY',
      spec: { source: 'NGC', ngc: { resource: 'acme/m:2', authSecret: { name: 'ngc', key: 'api.key' } }, sizeGiB: 1 },
      want: {
        id: 'ngc:acme/m:2',
        env: [
          { name: 'MODELPLANE_SOURCE', value: 'ngc' },
          { name: 'NGC_RESOURCE', value: 'acme/m:2' },
        ],
        authSecret: { name: 'ngc', key: 'api.key', field: 'spec.ngc.authSecret', envName: 'NGC_API_KEY' },
      },
    },
  ])('$name', ({ spec: s, want }) => {
    expect(artifactOf(spec(s))).toEqual({ ...want, digest: artifactDigest(want.id) });
  });

  it('a different revision is a different artifact (and digest)', () => {
    const a = artifactOf(spec({ source: 'HuggingFace', huggingFace: { repo: 'a/b', revision: 'v1' }, sizeGiB: 1 }))!;
    const b = artifactOf(spec({ source: 'HuggingFace', huggingFace: { repo: 'a/b', revision: 'v2' }, sizeGiB: 1 }))!;
    expect(a.digest).toMatch(/^[0-9a-f]{8}$/);
    expect(a.digest).not.toBe(b.digest);
  });
});
