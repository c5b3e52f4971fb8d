// The Envoy Gateway / Envoy AI Gateway part of the stack, one whole RunFunction per row: each
// piece waits for what it needs (CRDs before Envoy Gateway, Envoy Gateway and the AI Gateway CRDs
// before the AI Gateway controller, both before the gateway), is kept once observed, and clusters
// composed by earlier versions upgrade in place.
import { describe, expect, it } from 'vitest';
import { Ready } from '@crossplane-org/function-sdk-typescript';
import { compose } from '../../../functions/fn-inferencecluster/compose';
import { REASON, CONDITION } from '../../../functions/fn-inferencecluster/conditions';
import { RETIRED_STACK_KEYS, STACK_KEYS as K } from '../../../functions/fn-inferencecluster/stack/keys';
import { allRequired, CLUSTERS, clusterXr, converge, desired, desiredStatus, request, simulateProviders } from '../../fixtures/fn-inferencecluster';

type Obj = Record<string, any>;

const spec = CLUSTERS.existing!;
const last = converge(clusterXr('edge', spec), allRequired(spec)).at(-1)!;
const done = { observed: simulateProviders(desired(last)), status: desiredStatus(last) };
const GATEWAY = ['gateway-proxy', 'gateway-class', 'gateway'];
const CRDS = [K.crdInstallerServiceAccount, K.crdInstallerClusterRole, K.crdInstallerBinding, K.crdInstallerJob];

/** The converged observed state without `drop`, with `unready` observed but not Ready. */
function observedWith(drop: readonly string[], unready: readonly string[]): Record<string, Obj> {
  const out = Object.fromEntries(Object.entries(done.observed).filter(([k]) => !drop.includes(k)));
  for (const k of unready) out[k] = { ...out[k], status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Creating' }] } };
  return out;
}

const run = (observed: Record<string, Obj>) => compose(request({ xr: clusterXr('edge', spec, done.status), observed, required: allRequired(spec) }));
const WATCHED = [K.crdInstallerJob, K.envoyGateway, K.envoyAIGateway, 'gateway'] as const;
const composed = (rsp: ReturnType<typeof compose>) => WATCHED.filter((k) => k in desired(rsp));

describe('Envoy Gateway and Envoy AI Gateway: gate, then latch', () => {
  it.each([
    { name: 'gateway namespace not ready: no CRD installer yet', drop: [...CRDS, K.envoyGateway, K.envoyAIGateway, ...GATEWAY], unready: [K.gatewayNamespace], want: [] },
    { name: 'CRDs not applied yet: no Envoy Gateway', drop: [K.envoyGateway, K.envoyAIGateway, ...GATEWAY], unready: [K.crdInstallerJob], want: [K.crdInstallerJob] },
    { name: 'CRDs applied: Envoy Gateway', drop: [K.envoyGateway, K.envoyAIGateway, ...GATEWAY], unready: [], want: [K.crdInstallerJob, K.envoyGateway] },
    { name: 'Envoy Gateway not ready: no AI Gateway controller', drop: [K.envoyAIGateway, ...GATEWAY], unready: [K.envoyGateway], want: [K.crdInstallerJob, K.envoyGateway] },
    {
      name: 'AI Gateway CRDs not ready: no AI Gateway controller',
      drop: [K.envoyAIGateway, ...GATEWAY],
      unready: [K.envoyAIGatewayCrds],
      want: [K.crdInstallerJob, K.envoyGateway],
    },
    { name: 'both ready: AI Gateway controller', drop: [K.envoyAIGateway, ...GATEWAY], unready: [], want: [K.crdInstallerJob, K.envoyGateway, K.envoyAIGateway] },
    { name: 'AI Gateway controller not ready: no gateway', drop: [...GATEWAY], unready: [K.envoyAIGateway], want: [K.crdInstallerJob, K.envoyGateway, K.envoyAIGateway] },
    { name: 'AI Gateway ready: the gateway', drop: [...GATEWAY], unready: [], want: [...WATCHED] },
    { name: 'converged: everything, and the cluster is Ready', drop: [], unready: [], want: [...WATCHED] },
    {
      name: 'everything flickers unready: all kept',
      drop: [],
      unready: [K.gatewayNamespace, K.crdInstallerJob, K.envoyGateway, K.envoyAIGatewayCrds, K.envoyAIGateway],
      want: [...WATCHED],
    },
  ])('$name', ({ drop, unready, want }) => {
    const rsp = run(observedWith(drop, unready));
    expect(composed(rsp)).toEqual(want);
    // Ready only when nothing is missing or unready.
    expect(rsp.desired?.composite?.ready).toBe(drop.length + unready.length === 0 ? Ready.READY_TRUE : Ready.READY_FALSE);
  });
});

describe('clusters composed by earlier versions', () => {
  // Before: the picker's ClusterRole/Binding, no Envoy AI Gateway and no Envoy Gateway RBAC.
  const NEW = [K.eppRole, K.eppRoleBinding, K.envoyGatewayPoolReader, K.envoyGatewayPoolReaderBinding, K.envoyAIGatewayCrds, K.envoyAIGateway];
  const before = (): Record<string, Obj> => {
    const out = observedWith(NEW, []);
    for (const k of RETIRED_STACK_KEYS) out[k] = { ...done.observed[K.eppServiceAccount], metadata: { name: `edge-${k.slice('stack-'.length)}` } };
    return out;
  };

  it('retire the picker ClusterRole, add the new pieces, and keep serving while the AI Gateway installs', () => {
    const rsp = run(before());
    const keys = Object.keys(desired(rsp));
    expect(keys.filter((k) => RETIRED_STACK_KEYS.includes(k))).toEqual([]);
    expect(NEW.filter((k) => !keys.includes(k))).toEqual([K.envoyAIGateway]);
    expect(keys).toEqual(expect.arrayContaining([K.envoyGateway, K.crdInstallerJob, ...GATEWAY]));
    expect(desiredStatus(rsp).gateway).toEqual({ address: '203.0.113.10' });
    expect(rsp.conditions?.find((c) => c.type === CONDITION.backendReady)?.reason).toBe(REASON.installingStack);
  });

  it('the next pass installs the AI Gateway controller once its CRDs are observed ready', () => {
    const first = run(before());
    const observed = { ...before(), ...simulateProviders(desired(first)) };
    for (const k of RETIRED_STACK_KEYS) delete observed[k];
    expect(K.envoyAIGateway in desired(run(observed))).toBe(true);
  });
});
