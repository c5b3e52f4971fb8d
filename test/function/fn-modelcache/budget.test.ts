// A ModelCache matching more clusters than one response can carry: Crossplane refuses function
// responses over 4 MiB (the whole reconcile fails), so fn-modelcache stages on as many clusters as
// fit its composed-resource budget, clusters already holding a copy first, and says so in a False
// ClustersMatched condition naming the limit and the field to change. Nothing held is dropped.
import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-modelcache/compose';
import { CONDITION, REASON } from '../../../functions/fn-modelcache/conditions';
import { KEY } from '../../../functions/fn-modelcache/names';
import { huggingFaceArtifact } from '../../../functions/fn-modelcache/sources';
import { CROSSPLANE_MAX_RESPONSE_BYTES } from '../../../functions/lib/response';
import { cacheXr, cluster, hfSpec, observedObject, request, view, type Obj } from '../../fixtures/fn-modelcache';
import { pvcObject } from '../../fixtures/fn-modelcache/expected';

const HF = huggingFaceArtifact({ repo: 'Qwen/Qwen3-8B', revision: 'main' });
const names = (n: number, prefix = 'cluster') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
const stagedClusters = (rsp: RunFunctionResponse) => [
  ...new Set(
    Object.keys(rsp.desired?.resources ?? {})
      .filter((k) => k.startsWith('pvc-'))
      .map((k) => k.slice('pvc-'.length)),
  ),
];
const bytes = (rsp: RunFunctionResponse) => RunFunctionResponse.encode(rsp).finish().length;

function run(clusters: string[], held: string[] = []): RunFunctionResponse {
  const observed: Record<string, Obj> = Object.fromEntries(held.map((c) => [KEY.pvc(c), observedObject(pvcObject(c), { remoteStatus: { phase: 'Bound' } })]));
  return compose(request({ xr: cacheXr(hfSpec()), clusters: clusters.map((c) => cluster(c)), observed }));
}

describe('fn-modelcache: the response budget', () => {
  it.each([
    { name: '100 clusters fit: all staged, Matched', clusters: names(100), held: [], all: true },
    { name: '1,000 clusters: the first ones by name are staged, the rest wait', clusters: names(1000), held: [], all: false },
    { name: '10,000 clusters: the same first ones, nothing else planned', clusters: names(10_000), held: [], all: false },
    { name: 'clusters already holding a copy stay, even last by name', clusters: names(1000), held: ['cluster-0998', 'cluster-0999'], all: false },
  ])('$name', ({ clusters, held, all }) => {
    const rsp = run(clusters, held);
    expect(bytes(rsp)).toBeLessThan(CROSSPLANE_MAX_RESPONSE_BYTES);
    const staged = stagedClusters(rsp);
    const matched = view(rsp).conditions.find((c) => c.type === CONDITION.clustersMatched)!;
    for (const c of held) expect(staged).toContain(c);
    if (all) {
      expect(staged).toHaveLength(clusters.length);
      expect(matched).toMatchObject({ status: 'True', reason: REASON.matched });
      return;
    }
    // Fresh clusters fill the budget in name order after the held ones.
    const fresh = staged.filter((c) => !held.includes(c));
    expect(fresh).toEqual(clusters.filter((c) => !held.includes(c)).slice(0, fresh.length));
    expect(fresh.length).toBeGreaterThan(100);
    expect(matched).toMatchObject({ status: 'False', reason: REASON.tooManyClusters });
    expect(matched.message).toBe(
      `${clusters.length} InferenceClusters match spec.clusterSelector (omitted: every cluster); staging on ${staged.length} (clusters already holding a copy, then by name): ` +
        `one ModelCache's objects must fit the 4 MiB Crossplane accepts from a function. Narrow spec.clusterSelector or split the cache`,
    );
    expect(view(rsp).results).toContainEqual(expect.objectContaining({ severity: 'Warning', reason: REASON.tooManyClusters }));
    expect(view(rsp).status!.summary.total).toBe(staged.length);
    expect(view(rsp).status!.clusters.map((c: Obj) => c.name)).toEqual([...staged].sort());
  });

  it('the same clusters in any order give the same bytes', () => {
    const clusters = names(400);
    const shuffled = [...clusters].sort((a, b) => (a.split('').reverse().join('') < b.split('').reverse().join('') ? -1 : 1));
    const a = RunFunctionResponse.encode(run(clusters, ['cluster-0300'])).finish();
    const b = RunFunctionResponse.encode(run(shuffled, ['cluster-0300'])).finish();
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    expect(stagedClusters(run(clusters)).length).toBe(stagedClusters(run(shuffled)).length);
  });

  it('the staged copy of the artifact is the one a single cluster would get', () => {
    const rsp = run(names(1000));
    expect(view(rsp).resources[KEY.job('cluster-0000', HF.digest)]).toBeDefined();
  });
});
