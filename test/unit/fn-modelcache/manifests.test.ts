// Every manifest fn-modelcache composes validates against its upstream schema with
// kubernetes-models; the Object wrapper's CRD check is in test/schema/upstream/fn-modelcache.test.ts.
import { Job } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim, Secret } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { hydrationJob, HYDRATE_IMAGE } from '../../../functions/fn-modelcache/job';
import { remoteName } from '../../../functions/fn-modelcache/names';
import { providerObject } from '../../../functions/lib/delivery';
import { cachePvc } from '../../../functions/fn-modelcache/pvc';
import { secretDataPath, tokenPatch, tokenSecret } from '../../../functions/fn-modelcache/secret';
import { huggingFaceArtifact, ngcArtifact } from '../../../functions/fn-modelcache/sources';
import { HYDRATE_SCRIPT } from '../../../functions/fn-modelcache/hydrate/script';
import { objectCases } from '../../fixtures/fn-modelcache/objects';

const cache = { namespace: 'ml-team', name: 'qwen' };
const hf = huggingFaceArtifact({ repo: 'Qwen/Qwen3-8B', revision: 'main', authSecret: { name: 'hf', key: 'HF_TOKEN' } });
const ngc = ngcArtifact({ resource: 'nvidia/nim/llama:1.0' });

describe('remote manifests', () => {
  it.each([
    { name: 'PVC', build: () => new PersistentVolumeClaim(cachePvc(cache, 'cephfs', 1200)) },
    { name: 'Job with a token', build: () => new Job(hydrationJob(cache, hf)) },
    { name: 'Job without a token', build: () => new Job(hydrationJob(cache, ngc)) },
    { name: 'token Secret', build: () => new Secret(tokenSecret(cache)) },
  ])('$name validates', ({ build }) => {
    expect(() => build().validate()).not.toThrow();
  });

  it('the PVC is ReadWriteMany on the cluster class, sized in GiB, named for fn-replica', () => {
    expect(cachePvc(cache, 'cephfs', 1200).spec).toEqual({
      accessModes: ['ReadWriteMany'],
      storageClassName: 'cephfs',
      volumeMode: 'Filesystem',
      resources: { requests: { storage: '1200Gi' } },
    });
  });

  it('the Job mounts the PVC at /mnt/models, runs the embedded script, reads the token from the copied Secret only', () => {
    const pod = hydrationJob(cache, hf).spec!.template.spec!;
    const container = pod.containers[0]!;
    expect(container.image).toBe(HYDRATE_IMAGE);
    expect(container.command).toEqual(['python3', '-c', HYDRATE_SCRIPT]);
    expect(container.volumeMounts).toEqual([{ name: 'models', mountPath: '/mnt/models' }]);
    expect(pod.volumes).toEqual([{ name: 'models', persistentVolumeClaim: { claimName: remoteName.pvc(cache) } }]);
    expect(container.env!.filter((e) => e.valueFrom)).toEqual([{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: remoteName.token(cache), key: 'HF_TOKEN' } } }]);
    expect(container.env!.find((e) => e.name === 'MODELPLANE_ARTIFACT')?.value).toBe('huggingface:Qwen/Qwen3-8B@main');
  });

  it('a new artifact is a new Job name (Job templates are immutable)', () => {
    expect(hydrationJob(cache, hf).metadata!.name).not.toBe(hydrationJob(cache, ngc).metadata!.name);
  });
});

describe('the provider-kubernetes Object', () => {
  it.each(objectCases(cache, hf))("$name is applied through the cluster's provider config", ({ obj }) => {
    expect(obj.spec).toMatchObject({ providerConfigRef: { name: 'us-east', kind: 'ClusterProviderConfig' } });
  });

  it('the token Object references the control-plane Secret and carries no data of its own', () => {
    const obj = providerObject({ name: 'o', namespace: 'ml-team', providerConfig: 'pc', manifest: tokenSecret(cache), patchesFrom: [tokenPatch(cache, hf.authSecret!)] });
    expect(obj.spec).toMatchObject({
      references: [{ patchesFrom: { apiVersion: 'v1', kind: 'Secret', name: 'hf', namespace: 'ml-team', fieldPath: 'data[HF_TOKEN]' }, toFieldPath: 'data.HF_TOKEN' }],
    });
    expect((obj.spec as { forProvider: { manifest: Record<string, unknown> } }).forProvider.manifest).not.toHaveProperty('data');
  });

  it.each([
    { key: 'HF_TOKEN', want: 'data[HF_TOKEN]' },
    { key: 'token.txt', want: 'data[token.txt]' },
    { key: '123', want: "data['123']" },
  ])('secret key $key -> fieldpath $want', ({ key, want }) => {
    expect(secretDataPath(key)).toBe(want);
  });
});
