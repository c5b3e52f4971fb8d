// Each source, driven by observed state from nothing to Ready: the stages appear in order
// (cluster -> provider configs -> stack -> CRD installer and capacity reporter -> Envoy Gateway ->
// Envoy AI Gateway -> gateway -> Ready), one per pass. test/golden/fn-inferencecluster/staged-<source>.yaml holds the
// last pass's whole response and, per pass, the objects it added or removed, its conditions and
// every other difference from the last pass, so each pass is still compared in full.
import { describe, expect, it } from 'vitest';
import { Ready, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { expectGoldenPasses, responseView } from '../../harness/passes';
import { KEYS, REMOTE_PREFIX } from '../../../functions/fn-inferencecluster/names';
import { STACK_KEYS } from '../../../functions/fn-inferencecluster/stack/keys';
import { allRequired, CLUSTERS, clusterXr, converge, desired } from '../../fixtures/fn-inferencecluster';

/** The order stages appear in after the provider configs (stages.ts). */
const BACKEND = ['stack', 'crds', 'envoyGateway', 'aiGateway', 'gateway'] as const;
type Stage = 'cluster' | 'providerConfigs' | 'reporter' | (typeof BACKEND)[number];

function stageOf(key: string): Stage {
  if (key === KEYS.providerConfigKubernetes || key === KEYS.providerConfigHelm) return 'providerConfigs';
  if (key.startsWith('stack-crds')) return 'crds';
  if (key.startsWith('stack-reporter') || key === KEYS.capacityReport) return 'reporter';
  if (key === STACK_KEYS.envoyGateway) return 'envoyGateway';
  if (key === STACK_KEYS.envoyAIGateway) return 'aiGateway';
  if (key.startsWith('gateway')) return 'gateway';
  if (key.startsWith('stack-') || key.startsWith(REMOTE_PREFIX)) return 'stack';
  return 'cluster';
}

const ALL: Stage[] = ['cluster', 'providerConfigs', 'stack', 'crds', 'reporter', 'envoyGateway', 'aiGateway', 'gateway'];
const stagesOf = (keys: string[]): Stage[] => ALL.filter((s) => keys.some((k) => stageOf(k) === s));

/**
 * Each pass adds the next stage to what the previous pass composed (the capacity reporter with the
 * CRD installer: both wait for the system namespace only); the last pass repeats (Ready).
 */
function ramp(first: Stage[][]): Stage[][] {
  const passes = [...first];
  for (const stage of BACKEND) passes.push([...passes.at(-1)!, ...(stage === 'crds' ? (['crds', 'reporter'] as const) : [stage])]);
  return [...passes, passes.at(-1)!];
}

const cases = [
  { name: 'existing', why: 'the Secret is the cluster: provider configs come first, nothing is provisioned', want: ramp([['providerConfigs']]) },
  { name: 'gke', why: 'cloud resources first; provider configs once the GKE cluster is Ready', want: ramp([['cluster'], ['cluster', 'providerConfigs']]) },
  { name: 'eks', why: 'as GKE; the EFS StorageClass joins the stack once the file system id is observed', want: ramp([['cluster'], ['cluster', 'providerConfigs']]) },
  { name: 'aks', why: 'as GKE', want: ramp([['cluster'], ['cluster', 'providerConfigs']]) },
];

describe('fn-inferencecluster staged composition', () => {
  it.each(cases)('$name: $why', ({ name, want }) => {
    const spec = CLUSTERS[name]!;
    const passes = converge(clusterXr(`${name}-1`, spec), allRequired(spec));
    expect(passes.map((rsp) => stagesOf(Object.keys(desired(rsp))))).toEqual(want);
    // Ready only on the last pass: cluster, stack and gateway address all there.
    expect(passes.map((rsp) => rsp.desired?.composite?.ready)).toEqual([...want.slice(1).map(() => Ready.READY_FALSE), Ready.READY_TRUE]);
    expectGoldenPasses(
      `fn-inferencecluster/staged-${name}`,
      passes.map((rsp) => RunFunctionResponse.toJSON(rsp) as Record<string, unknown>),
      responseView,
    );
  });
});
