// InferenceGateway: whole RunFunction request -> whole response, step by step through the
// gate-then-latch install order.
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-service/compose';
import { GATEWAY } from '../../../functions/fn-service/conditions';
import { GATEWAY_KEYS as K } from '../../../functions/fn-service/gateway';
import { observedManaged, observedObject, request, view, type Obj } from '../../fixtures/fn-service';
import { schemaErrors } from '../../fixtures/fn-service/validate';

const R = GATEWAY.reasons;
const kind = { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceGateway' };
const xr = (spec: Obj = {}, name = 'default', status: Obj = {}): Obj => ({ ...kind, metadata: { name }, spec, status });
const metallb = { traefik: { loadBalancer: 'MetalLB', metallb: { addressPool: '172.18.255.200-172.18.255.250' } } };
const CRDS = [K.crdsBinding, K.crdsJob, K.crdsRole, K.crdsServiceAccount].sort();

const run = (x: Obj, observed?: Record<string, Obj>) => view(compose(request({ xr: x, ...(observed ? { observed } : {}) })));

/** What a provider would report for each key once applied: everything ready, the Gateway at `address`. */
function observeAll(v: ReturnType<typeof run>, address = '192.0.2.10'): Record<string, Obj> {
  return Object.fromEntries(
    Object.entries(v.resources).map(([k, r]) => {
      const o = r.resource;
      if (o.kind === 'Release') return [k, observedManaged(o)];
      if (k === K.crdsJob) return [k, observedObject(o, { conditions: [{ type: 'Complete', status: 'True' }] })];
      if (k === K.gatewayClass) return [k, observedObject(o, { conditions: [{ type: 'Accepted', status: 'True' }] })];
      if (k === K.gateway) return [k, observedObject(o, { addresses: [{ type: 'IPAddress', value: address }], conditions: [{ type: 'Programmed', status: 'True' }] })];
      return [k, observedObject(o)];
    }),
  );
}

/** Runs the reconcile loop `passes` times, feeding desired back as observed. */
function converge(x: Obj, passes: number) {
  let v = run(x);
  for (let i = 1; i < passes; i++) v = run(x, observeAll(v));
  return v;
}

describe('InferenceGateway', () => {
  it('pass 1: only the Gateway API CRD installer', () => {
    const v = run(xr());
    expect(v.keys).toEqual(CRDS);
    expect(Object.values(v.resources).every((r) => r.ready === false)).toBe(true);
    expect(v.conditions).toEqual([
      {
        type: 'GatewayReady',
        status: 'False',
        reason: R.Installing,
        message:
          'waiting for CRD installer ServiceAccount, CRD installer ClusterRole, CRD installer ClusterRoleBinding, Gateway API v1.5.1 CRDs, Traefik (Release modelplane-traefik), GatewayClass modelplane',
      },
    ]);
    for (const r of Object.values(v.resources)) expect(schemaErrors(r.resource)).toEqual([]);
  });

  it('pass 2: Traefik once the CRDs are in', () => {
    const v = converge(xr(), 2);
    expect(v.keys).toEqual([...CRDS, K.traefik].sort());
    expect(v.resources.traefik!.resource.spec.forProvider.chart).toEqual({ name: 'traefik', repository: 'https://traefik.github.io/charts', version: '41.3.0' });
  });

  it('pass 3: GatewayClass and Gateway once Traefik is ready; pass 4: Available with the address', () => {
    const v3 = converge(xr(), 3);
    expect(v3.keys).toEqual([...CRDS, K.gateway, K.gatewayClass, K.traefik].sort());
    expect(v3.status).toEqual({});
    const v4 = converge(xr(), 4);
    expect(Object.values(v4.resources).every((r) => r.ready === true)).toBe(true);
    expect(v4.status).toEqual({ address: '192.0.2.10' });
    expect(v4.conditions).toEqual([{ type: 'GatewayReady', status: 'True', reason: R.Available, message: 'Gateway modelplane-system/modelplane at 192.0.2.10' }]);
    expect(v4.events).toEqual([{ severity: 'Normal', reason: 'GatewayAddress', message: 'Gateway modelplane-system/modelplane is reachable at 192.0.2.10' }]);
    for (const r of Object.values(v4.resources)) expect(schemaErrors(r.resource)).toEqual([]);
  });

  it('latch: a flickering dependency never removes what is composed', () => {
    const v4 = converge(xr(), 4);
    const observed = observeAll(v4);
    observed[K.crdsJob] = observedObject(v4.resources[K.crdsJob]!.resource, undefined, false);
    observed[K.traefik] = observedManaged(v4.resources[K.traefik]!.resource, false);
    const v = run(xr({}, 'default', { address: '192.0.2.10' }), observed);
    expect(v.keys).toEqual(v4.keys);
    expect(v.resources[K.traefik]!.ready).toBe(false);
    expect(v.status).toEqual({ address: '192.0.2.10' });
  });

  it('MetalLB: the chart from the start, its pool after it is ready', () => {
    const v1 = run(xr(metallb));
    expect(v1.keys).toEqual([...CRDS, K.metallb].sort());
    const v2 = run(xr(metallb), observeAll(v1));
    expect(v2.keys).toEqual([...CRDS, K.metallb, K.metallbL2, K.metallbPool, K.traefik].sort());
    expect(v2.resources[K.metallbPool]!.resource.spec.forProvider.manifest).toEqual({
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'modelplane', namespace: 'metallb-system', labels: { 'app.kubernetes.io/managed-by': 'modelplane' } },
      spec: { addresses: ['172.18.255.200-172.18.255.250'] },
    });
    const v4 = converge(xr(metallb), 4);
    expect(v4.conditions[0]!.reason).toBe(R.Available);
    for (const r of Object.values(v4.resources)) expect(schemaErrors(r.resource)).toEqual([]);
  });

  it('a programmed Gateway without an address waits for the load balancer', () => {
    const v3 = converge(xr(), 3);
    const observed = observeAll(v3);
    observed[K.gateway] = observedObject(v3.resources[K.gateway]!.resource, { conditions: [{ type: 'Programmed', status: 'False' }] });
    const v = run(xr(), observed);
    expect(v.conditions[0]).toMatchObject({ status: 'False', reason: R.WaitingForAddress });
    expect(v.status).toEqual({});
  });

  it.each([
    {
      name: 'another name is not served',
      x: xr({}, 'secondary'),
      reason: R.NotDefault,
      message: 'only the InferenceGateway named default is served; rename metadata.name secondary to default',
    },
    {
      name: 'invalid spec',
      x: xr({ traefik: { loadBalancer: 'MetalLB' } }),
      reason: R.InvalidSpec,
      message: 'spec.traefik.metallb: loadBalancer MetalLB needs metallb.addressPool',
    },
  ])('$name: nothing composed, a condition and a Warning', ({ x, reason, message }) => {
    const v = run(x);
    expect(v.keys).toEqual([]);
    expect(v.compositeReady).toBe(false);
    expect(v.conditions).toEqual([{ type: 'GatewayReady', status: 'False', reason, message }]);
    expect(v.events).toEqual([{ severity: 'Warning', reason, message }]);
  });

  it('invalid spec on a running gateway keeps everything and the address', () => {
    const v4 = converge(xr(), 4);
    const v = run(xr({ traefik: { version: 'latest' } }, 'default', { address: '192.0.2.10' }), observeAll(v4));
    expect(v.keys).toEqual(v4.keys);
    expect(v.status).toEqual({ address: '192.0.2.10' });
    expect(v.conditions[0]).toMatchObject({ reason: R.InvalidSpec });
  });

  it('a Traefik chart without backendRef filters is refused, the running one kept', () => {
    const v4 = converge(xr(), 4);
    const v = run(xr({ traefik: { version: '38.0.2' } }, 'default', { address: '192.0.2.10' }), observeAll(v4));
    expect(v.resources[K.traefik]!.resource.spec.forProvider.chart.version).toBe('41.3.0');
    expect(v.conditions[0]).toEqual({
      type: 'GatewayReady',
      status: 'False',
      reason: R.UnsupportedVersion,
      message: 'spec.traefik.version 38.0.2: routing needs Traefik chart 40.0.0 or later (Traefik v3.7, HTTPRoute backendRef filters)',
    });
    expect(v.events.map((e) => e.severity)).toEqual(['Warning']);
  });
});
