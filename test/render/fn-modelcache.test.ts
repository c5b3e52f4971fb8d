// fn-modelcache through the real `crossplane render`: the Hugging Face cache example (08) over the
// us-east cluster (04) with its status published, a us-west cluster its selector excludes, and the
// token Secret, all as required resources. Further renders feed the composed Objects back as
// observed, with simulated remote status: the Job running, then complete (Ready, Job and token
// gone), then failed. Golden files in test/golden/fn-modelcache/ (the embedded script is replaced
// by its digest there; the script has its own tests); render-lifecycle holds the complete render in
// full and a row per earlier pass (first, Job running) of what it composed and how it differed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONDITION, REASON } from '../../functions/fn-modelcache/conditions';
import { HYDRATE_SCRIPT } from '../../functions/fn-modelcache/hydrate/script';
import { sha256Hex } from '../../functions/lib/k8s/names';
import { loadCrds } from '../harness/crds';
import { expectGolden } from '../harness/golden';
import { ROOT } from '../../sim/paths';
import type { Manifest, RenderOutput } from '../../sim/render';
import { expectGoldenPasses, renderView } from '../harness/passes';
import { renderSuite } from '../harness/render-suite';

const example = (file: string): Manifest => parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as Manifest;
const crds = loadCrds();

const cache = example('08-modelcache-qwen3-coder-480b.yaml');
const usEast = { ...example('04-inferencecluster-us-east.yaml'), status: { providerConfigRef: { name: 'us-east' }, cache: { storageClassName: 'cephfs' } } };
const usWest = { ...example('06-inferencecluster-us-west-eks.yaml'), status: { providerConfigRef: { name: 'us-west' }, cache: { storageClassName: 'efs' } } };
const token = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'hf-token', namespace: 'ml-team' }, data: { HF_TOKEN: 'aGZfcmVuZGVyLXRlc3Q=' } };
const required = [usEast, usWest, token];

const manifestOf = (r: Manifest): Manifest => r.spec.forProvider.manifest;
const kinds = (out: RenderOutput) => out.resources.map((r) => manifestOf(r).kind).sort();
const conditionsOf = (xr: Manifest) => Object.fromEntries(((xr.status?.conditions ?? []) as Manifest[]).map((c) => [c.type, c.reason]));

/** What provider-kubernetes reports once it applied an Object: Synced, Ready, the remote object with `remoteStatus`. */
function applied(r: Manifest, remoteStatus?: Record<string, unknown>): Manifest {
  const manifest = manifestOf(r);
  return {
    ...r,
    status: {
      atProvider: { manifest: { ...manifest, ...(remoteStatus ? { status: remoteStatus } : {}) } },
      conditions: [
        { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
        { type: 'Ready', status: 'True', reason: 'Available' },
      ],
    },
  };
}
const remoteStatus = (job: Record<string, unknown>) => (r: Manifest) => {
  const kind = manifestOf(r).kind;
  return applied(r, kind === 'Job' ? job : kind === 'PersistentVolumeClaim' ? { phase: 'Bound' } : undefined);
};

/** Golden-friendly: the 10 KB script becomes its digest. */
function forGolden(out: RenderOutput): RenderOutput {
  const digest = `<hydrate.py sha256:${sha256Hex(HYDRATE_SCRIPT).slice(0, 16)}>`;
  const text = JSON.stringify(out).replaceAll(JSON.stringify(HYDRATE_SCRIPT).slice(1, -1), digest);
  return JSON.parse(text) as RenderOutput;
}

const complete = { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] };

describe('fn-modelcache through crossplane render', () => {
  const { render } = renderSuite('fn-modelcache');
  /** A later pass: the first pass's Objects observed with the Job in `job`'s state. */
  const after = (job: Record<string, unknown>) => render({ xr: { ...cache, status: first.xr.status }, required, observed: first.resources.map(remoteStatus(job)) });
  let first: RenderOutput;
  let hydrating: RenderOutput;
  let ready: RenderOutput;
  beforeAll(async () => {
    first = await render({ xr: cache, required });
    hydrating = await after({ active: 1 });
    ready = await after(complete);
  });

  it('first pass, Job running, Job complete: the whole lifecycle matches its golden', () => {
    expectGoldenPasses('fn-modelcache/render-lifecycle', [first, hydrating, ready].map(forGolden), renderView);
  });

  it('first pass: volume, hydration Job and token Secret on the selected cluster only, Pending', () => {
    expect(kinds(first)).toEqual(['Job', 'PersistentVolumeClaim', 'Secret']);
    expect(first.resources.every((r) => r.spec.providerConfigRef.name === 'us-east')).toBe(true);
    for (const r of first.resources) expect(crds.validate(r)).toEqual([]);
    expect(first.xr.status.summary).toEqual({ ready: 0, total: 1, text: '0/1' });
    expect(conditionsOf(first.xr)).toMatchObject({ [CONDITION.clustersMatched]: REASON.matched, [CONDITION.artifactReady]: REASON.partial });
    expect(JSON.stringify(first)).not.toContain(token.data.HF_TOKEN);
  });

  it('the Job running on the cluster: Hydrating', () => {
    expect(hydrating.xr.status.clusters.map((c: Manifest) => c.phase)).toEqual(['Hydrating']);
    expect(kinds(hydrating)).toEqual(['Job', 'PersistentVolumeClaim', 'Secret']);
  });

  it('the Job complete: Ready, only the volume remains, ArtifactReady', () => {
    const out = ready;
    expect(kinds(out)).toEqual(['PersistentVolumeClaim']);
    expect(out.xr.status.summary).toEqual({ ready: 1, total: 1, text: '1/1' });
    expect(conditionsOf(out.xr)).toMatchObject({ [CONDITION.artifactReady]: REASON.ready });
    // render's Result documents carry severity and message (no reason).
    expect(out.results.map((r) => [r.severity, r.message])).toEqual([
      ['SEVERITY_NORMAL', 'huggingface:Qwen/Qwen3-Coder-480B-A35B-Instruct@main is staged on InferenceCluster us-east'],
    ]);
  });

  it("the Job failed: Failed with the Job's reason, token dropped, a Warning", async () => {
    const failed = { failed: 5, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] };
    const out = await after(failed);
    expect(kinds(out)).toEqual(['Job', 'PersistentVolumeClaim']);
    expect(out.xr.status.clusters).toEqual([
      {
        name: 'us-east',
        phase: 'Failed',
        message: 'BackoffLimitExceeded: Job has reached the specified backoff limit',
        artifact: 'huggingface:Qwen/Qwen3-Coder-480B-A35B-Instruct@main',
      },
    ]);
    expect(out.results.map((r) => [r.severity, r.message])).toEqual([
      ['SEVERITY_WARNING', 'staged on 0 of 1 cluster; failed on us-east: BackoffLimitExceeded: Job has reached the specified backoff limit'],
    ]);
  });

  it('the token Secret missing: only the volume, AuthSecretMissing and a Warning', async () => {
    const out = await render({ xr: cache, required: [usEast, usWest] });
    expectGolden('fn-modelcache/render-secret-missing', forGolden(out));
    expect(kinds(out)).toEqual(['PersistentVolumeClaim']);
    expect(conditionsOf(out.xr)).toMatchObject({ [CONDITION.artifactReady]: REASON.authSecretMissing });
    expect(out.results.map((r) => [r.severity, r.message])).toEqual([
      ['SEVERITY_WARNING', 'Secret hf-token (spec.huggingFace.authSecret.name) does not exist; staged on 0 of 1 cluster'],
    ]);
  });

  it('an NGC cache without a key, every cluster: one volume and Job per cluster, no Secret', async () => {
    const ngc = { ...cache, metadata: { name: 'llama', namespace: 'ml-team' }, spec: { source: 'NGC', ngc: { resource: 'nvidia/nim/llama-3.1-8b-instruct:1.0' }, sizeGiB: 50 } };
    const out = await render({ xr: ngc, required: [usEast, usWest] });
    expectGolden('fn-modelcache/render-ngc-all-clusters', forGolden(out));
    expect(kinds(out)).toEqual(['Job', 'Job', 'PersistentVolumeClaim', 'PersistentVolumeClaim']);
    expect(out.xr.status.summary).toEqual({ ready: 0, total: 2, text: '0/2' });
  });
});
