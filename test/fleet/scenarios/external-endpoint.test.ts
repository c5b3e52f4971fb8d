// Scenario: the examples' qwen3-coder ModelService: four parts of the traffic to our own gang
// replicas, one part overflowing to a hand-written ModelEndpoint at Together. One address on the
// control-cluster gateway; a weighted backend per ready endpoint, each rewritten to its endpoint's
// path. api.md (ModelService, ModelEndpoint), composition.md (fn-service weights).
import { describe, expect, it } from 'vitest';
import type { Obj } from '../../../sim/fleet/world';
import { classes, example, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, endpointsOf, idsOf, serviceRoute } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-coder-480b';
const SERVICE = 'qwen3-coder';
const TOGETHER = 'together-qwen3-coder';

interface Backend {
  readonly endpoint: string;
  readonly weight: number;
  readonly rewrite: string | undefined;
}

/** The route's backends as (endpoint, weight, rewrite), mapped back to endpoints by their backend name. */
function backends(world: Parameters<typeof serviceRoute>[0]): Backend[] {
  const route = serviceRoute(world, NS, SERVICE);
  expect(route, 'the ModelService HTTPRoute').toBeDefined();
  const byBackend = new Map(world.ofKind('ModelEndpoint').map((e) => [e.status?.routing?.backendName, e.metadata.name] as const));
  return route!.spec.rules
    .flatMap((r: Obj) => r.backendRefs ?? [])
    .map((b: Obj) => ({
      endpoint: byBackend.get(b.name) ?? `unknown backend ${b.name}`,
      weight: b.weight ?? 1,
      rewrite: (b.filters ?? []).find((f: Obj) => f.type === 'URLRewrite')?.urlRewrite?.path?.replacePrefixMatch,
    }))
    .sort((a: Backend, b: Backend) => a.endpoint.localeCompare(b.endpoint));
}

describe('fleet: a ModelService over own replicas and an external provider', () => {
  const fleet = useFleet();
  const own = (rewrite = true) => endpointsOf(fleet.sim.world, NS, DEP).map((e) => ({ endpoint: e.metadata.name, rewrite: rewrite ? e.spec.rewritePath : undefined }));

  it('platform: us-east (examples) and the fleet gateway', async () => {
    fleet.sim.apply(...classes('nvidia-l4', 'nvidia-h100-80gb'), example('InferenceCluster', 'us-east'), example('InferenceGateway', 'default'));
    await settle(fleet.sim, 'platform');
    expect(fleet.sim.world.find('InferenceGateway', 'default')?.status?.address).toEqual(expect.any(String));
  });

  it('the service with only the Together endpoint: one address, one backend', async () => {
    fleet.sim.apply(example('ModelEndpoint', TOGETHER), example('ModelService', SERVICE));
    await settle(fleet.sim, 'Together endpoint and the service');
    const { world } = fleet.sim;
    const gateway = world.find('InferenceGateway', 'default')!.status.address;
    const service = world.find('ModelService', SERVICE, NS)!;
    expect(service.status.address).toBe(`http://${gateway}/${NS}/${SERVICE}`);
    expect(condition(world.find('ModelEndpoint', TOGETHER, NS), 'RoutingReady')).toMatchObject({ status: 'True' });
    expect(backends(world)).toEqual([{ endpoint: TOGETHER, weight: 1, rewrite: '/' }]);
    // The route serves the service's path on the control cluster's modelplane Gateway.
    const route = serviceRoute(world, NS, SERVICE)!;
    expect(route.spec.parentRefs.map((p: Obj) => `${p.namespace}/${p.name}`)).toEqual(['modelplane-system/modelplane']);
    const paths = route.spec.rules.flatMap((r: Obj) => r.matches.map((m: Obj) => `${m.path.type} ${String(m.path.value).replace(/\/$/, '')}`));
    expect(paths).toEqual([`PathPrefix /${NS}/${SERVICE}`]);
  });

  it('own gang replica ready: weights 4 (own) to 1 (Together)', async () => {
    fleet.sim.apply(example('ModelCache', 'qwen3-coder-480b'), example('ModelDeployment', DEP));
    await settle(fleet.sim, 'the cache and one gang replica');
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual(['us-east#0']);
    const [mine] = own();
    expect(backends(world)).toEqual(
      [
        { endpoint: mine!.endpoint, weight: 4, rewrite: mine!.rewrite },
        { endpoint: TOGETHER, weight: 1, rewrite: '/' },
      ].sort((a, b) => a.endpoint.localeCompare(b.endpoint)),
    );
    const service = world.find('ModelService', SERVICE, NS)!;
    expect(condition(service, 'EndpointsResolved')).toMatchObject({ status: 'True' });
    expect(condition(service, 'RoutingReady')).toMatchObject({ status: 'True' });
  });

  it('two own replicas split their entry evenly: 2, 2 and 1', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 2));
    await settle(fleet.sim, 'scale 1 -> 2');
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual(['us-east#0', 'us-east#1']);
    expect(backends(world)).toEqual(
      [...own().map((e) => ({ ...e, weight: 2 })), { endpoint: TOGETHER, weight: 1, rewrite: '/' }].sort((a, b) => a.endpoint.localeCompare(b.endpoint)),
    );
  });

  it('own deployment scaled to 0: its endpoints are withdrawn and all traffic goes to Together', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 0));
    await settle(fleet.sim, 'scale 2 -> 0', { moves: [`${NS}/${DEP}@us-east#0`, `${NS}/${DEP}@us-east#1`] });
    const { world } = fleet.sim;
    expect(own()).toEqual([]);
    expect(backends(world)).toEqual([{ endpoint: TOGETHER, weight: 1, rewrite: '/' }]);
    expect(world.find('ModelService', SERVICE, NS)!.status.address).toBe(`http://${world.find('InferenceGateway', 'default')!.status.address}/${NS}/${SERVICE}`);
  });
});
