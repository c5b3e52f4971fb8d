// Each source, driven by observed state from nothing to Ready: the stages appear in order
// (cluster -> provider configs -> stack -> gateway -> Ready) and every pass's whole response is
// compared with a golden file (test/golden/fn-inferencecluster/staged-<source>-<pass>.yaml).
import { describe, expect, it } from 'vitest';
import { Ready } from '@crossplane-org/function-sdk-typescript';
import { expectGolden } from '../../harness/golden';
import { KEYS, REMOTE_PREFIX } from '../../../functions/fn-inferencecluster/names';
import { allRequired, CLUSTERS, clusterXr, converge, desired } from './fixtures';

type Stage = 'cluster' | 'providerConfigs' | 'stack' | 'gateway';

function stageOf(key: string): Stage {
  if (key === KEYS.providerConfigKubernetes || key === KEYS.providerConfigHelm) return 'providerConfigs';
  if (key.startsWith('stack-crds') || key.startsWith('gateway')) return 'gateway';
  if (key.startsWith('stack-') || key.startsWith(REMOTE_PREFIX)) return 'stack';
  return 'cluster';
}

const stagesOf = (keys: string[]): Stage[] => (['cluster', 'providerConfigs', 'stack', 'gateway'] as const).filter((s) => keys.some((k) => stageOf(k) === s));

const cases = [
  {
    name: 'existing',
    why: 'the Secret is the cluster: provider configs come first, nothing is provisioned',
    want: [['providerConfigs'], ['providerConfigs', 'stack'], ['providerConfigs', 'stack', 'gateway'], ['providerConfigs', 'stack', 'gateway']],
  },
  {
    name: 'gke',
    why: 'cloud resources first; provider configs once the GKE cluster is Ready',
    want: [['cluster'], ['cluster', 'providerConfigs'], ['cluster', 'providerConfigs', 'stack'], ['cluster', 'providerConfigs', 'stack', 'gateway'], ['cluster', 'providerConfigs', 'stack', 'gateway']],
  },
  {
    name: 'eks',
    why: 'as GKE; the EFS StorageClass joins the stack once the file system id is observed',
    want: [['cluster'], ['cluster', 'providerConfigs'], ['cluster', 'providerConfigs', 'stack'], ['cluster', 'providerConfigs', 'stack', 'gateway'], ['cluster', 'providerConfigs', 'stack', 'gateway']],
  },
  {
    name: 'aks',
    why: 'as GKE',
    want: [['cluster'], ['cluster', 'providerConfigs'], ['cluster', 'providerConfigs', 'stack'], ['cluster', 'providerConfigs', 'stack', 'gateway'], ['cluster', 'providerConfigs', 'stack', 'gateway']],
  },
];

describe('fn-inferencecluster staged composition', () => {
  it.each(cases)('$name: $why', ({ name, want }) => {
    const spec = CLUSTERS[name]!;
    const passes = converge(clusterXr(`${name}-1`, spec), allRequired(spec));
    expect(passes.map((rsp) => stagesOf(Object.keys(desired(rsp))))).toEqual(want);
    // Ready only on the last pass: cluster, stack and gateway address all there.
    expect(passes.map((rsp) => rsp.desired?.composite?.ready)).toEqual([...want.slice(1).map(() => Ready.READY_FALSE), Ready.READY_TRUE]);
    passes.forEach((rsp, i) => expectGolden(`fn-inferencecluster/staged-${name}-${i}`, JSON.parse(JSON.stringify(rsp))));
  });
});
