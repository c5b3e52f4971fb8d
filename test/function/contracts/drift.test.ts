// Every contract between functions, written by its real writer and read by its real readers.
// A writer that emits a field its reader's schema does not know (the API server would prune it
// from the XR), or a reader that misses what the writer published, fails here.
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { compose as composeReplica } from '../../../functions/fn-replica/compose';
import { readCluster as replicaReadsCluster } from '../../../functions/fn-replica/inputs';
import { readClusters as cacheReadsClusters } from '../../../functions/fn-modelcache/inputs';
import { compose as composeSchedule } from '../../../functions/fn-schedule/compose';
import { readCluster as scheduleReadsCluster, readReplica as scheduleReadsReplica } from '../../../functions/fn-schedule/inputs';
import { compose as composeService } from '../../../functions/fn-service/compose';
import { classDevicesByName, podsPerCopy, replicaRoutePrefix } from '../../../functions/lib/contracts';
import { inferenceClusterStatus, modelEndpointSpec, modelReplicaSpec } from '../../../functions/lib/schema';
import * as ic from '../../fixtures/fn-inferencecluster';
import * as rep from '../../fixtures/fn-replica';
import * as sch from '../../fixtures/fn-schedule';
import * as svc from '../../fixtures/fn-service';

type Obj = Record<string, any>;

/** Paths of `written` that parsing with `schema` drops: fields the reader (and the XRD) do not know. */
function unknownFields(schema: z.ZodType, written: unknown): string[] {
  const parsed = schema.safeParse(written);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const out: string[] = [];
  const walk = (w: unknown, p: unknown, path: string) => {
    if (Array.isArray(w)) return w.forEach((x, i) => walk(x, (p as unknown[] | undefined)?.[i], `${path}[${i}]`));
    if (typeof w !== 'object' || w === null) return;
    for (const [k, v] of Object.entries(w)) {
      const kept = p as Record<string, unknown> | undefined;
      if (kept === undefined || !Object.hasOwn(kept, k)) out.push(`${path}.${k}`);
      else walk(v, kept[k], `${path}.${k}`);
    }
  };
  walk(written, parsed.data, '');
  return out;
}

const resources = (rsp: RunFunctionResponse): Record<string, Obj> => Object.fromEntries(Object.entries(rsp.desired?.resources ?? {}).map(([k, r]) => [k, r.resource as Obj]));

// ---- ModelReplica: fn-schedule writes, fn-replica serves, fn-schedule reads back as capacity ----

const pools = [sch.pool('h100', 8), sch.pool('rdma', 8, [sch.gpu(), sch.nic({ claim: 'DRA', deviceClassName: 'rdma.nvidia.com' })])];
const deviceRequest = (name: string, cel: string) => ({ name, count: 1, selectors: [{ cel }] });
const servingOn = (port: number) => ({ spec: { containers: [{ ...sch.container, args: [`--port=${port}`] }] } });
const DEPLOYMENTS: { name: string; spec: Obj }[] = [
  { name: 'Standalone, two copies', spec: { engines: [sch.engine('vllm', [sch.standalone()], { copies: 2 })] } },
  { name: 'Leader and Worker', spec: { engines: [sch.engine('vllm', [sch.leader(), sch.worker(2)])] } },
  {
    name: 'PrefillDecode',
    spec: {
      serving: { mode: 'PrefillDecode' },
      engines: [
        sch.engine('prefill', [sch.standalone()], { phase: 'Prefill' }),
        // The P/D sidecar takes the pool's port on decode pods: the decode engine serves on another.
        sch.engine('decode', [sch.standalone(undefined, { template: servingOn(8200) })], { phase: 'Decode' }),
      ],
    },
  },
  { name: 'SGLang', spec: { engines: [sch.engine('sglang', [sch.standalone(undefined, { template: servingOn(30000) })], { runtime: 'SGLang' })] } },
  { name: 'a GPU and a NIC', spec: { engines: [sch.engine('vllm', [sch.standalone([deviceRequest('gpu', sch.H100), deviceRequest('ib', sch.IB)])])] } },
];

function scheduled(spec: Obj) {
  const xr = sch.deploymentXr(spec);
  const cluster = sch.clusterObj('us-east', { pools });
  const first = resources(composeSchedule(sch.request(xr, { clusters: [cluster], replicas: [] })));
  const [key, replica] = Object.entries(first).find(([, r]) => r.kind === 'ModelReplica')!;
  // The replica serves: the next pass writes its ModelEndpoint.
  const ready = { ...replica, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }] } };
  const second = resources(composeSchedule(sch.request(xr, { clusters: [cluster], replicas: [ready], observed: { [key]: ready } })));
  const endpoint = Object.values(second).find((r) => r.kind === 'ModelEndpoint')!;
  return { replica, endpoint };
}

describe('ModelReplica: fn-schedule writes, fn-replica reads', () => {
  it.each(DEPLOYMENTS)('$name', ({ spec }) => {
    const { replica } = scheduled(spec);
    expect(unknownFields(modelReplicaSpec, replica.spec)).toEqual([]);
    // The engine runtime travels with the replica (fn-replica picks the engine profile from it).
    expect(replica.spec.engines.map((e: Obj) => e.runtime)).toEqual(spec.engines.map((e: Obj) => e.runtime ?? 'vLLM'));

    // fn-replica accepts it as written: everything applies, nothing is InvalidSpec.
    const served = composeReplica(rep.request({ xr: replica, clusters: [rep.cluster(undefined, {})] }));
    const accepted = served.conditions?.find((c) => c.type === 'ModelAccepted');
    expect(accepted?.reason).toBe('Applying');
    expect(Object.keys(served.desired?.resources ?? {}).length).toBeGreaterThan(0);

    // fn-schedule reads the fleet's replicas back at the shape it wrote.
    const read = scheduleReadsReplica(replica)!;
    expect(read.engines).toEqual(
      replica.spec.engines.map((e: Obj) => ({
        name: e.name,
        copies: e.copies,
        members: e.members.map((m: Obj) => ({
          role: m.role,
          nodePoolName: m.nodePoolName,
          pods: podsPerCopy(m),
          claims: (m.deviceRequests ?? []).length > 0,
          // The requests exactly as written: a retained replica keeps them when nothing it claims changed.
          requests: m.deviceRequests ?? [],
        })),
      })),
    );
  });
});

describe("ModelEndpoint: fn-schedule writes, fn-service routes, on fn-replica's route", () => {
  it.each(DEPLOYMENTS)('$name', ({ spec }) => {
    const { replica, endpoint } = scheduled(spec);
    expect(unknownFields(modelEndpointSpec, endpoint.spec)).toEqual([]);

    // The URL is the replica's own route on its cluster's gateway, as fn-replica composes it.
    const served = resources(composeReplica(rep.request({ xr: replica, clusters: [rep.cluster()] })));
    const route = served['http-route']!.spec.forProvider.manifest;
    const prefix = route.spec.rules[0].matches[0].path.value;
    expect(prefix).toBe(replicaRoutePrefix(replica.metadata));
    expect(new URL(endpoint.spec.url).pathname).toBe(`${prefix}/v1`);
    expect(endpoint.spec.rewritePath).toBe(`${prefix}/`);

    // fn-service accepts it: a Service and slice for the gateway address, routable.
    const routed = svc.view(composeService(svc.request({ xr: { ...endpoint, metadata: { ...endpoint.metadata } } })));
    expect(routed.conditions.map((c) => c.reason)).not.toContain('InvalidURL');
    expect(routed.conditions.map((c) => c.reason)).not.toContain('InvalidSpec');
    expect(routed.status.routing.backendName).toBeTruthy();
  });
});

/** The InferenceClasses the fn-inferencecluster fixtures' pools name. */
const icClasses = Object.keys(ic.CLASSES).map((name) => ic.classObj(name));

// ---- InferenceCluster status: fn-inferencecluster writes; fn-schedule, fn-replica, fn-modelcache read ----

describe('InferenceCluster status: fn-inferencecluster writes, the other functions read', () => {
  it.each(['existing', 'gke', 'eks'])('%s', (source) => {
    const spec = ic.CLUSTERS[source]!;
    const responses = ic.converge(ic.clusterXr('edge', spec), ic.allRequired(spec));
    const status = ic.desiredStatus(responses.at(-1)!);
    expect(status.gpuPools.length).toBeGreaterThan(0);
    expect(status.gateway.address).toBeTruthy();
    expect(unknownFields(inferenceClusterStatus, status)).toEqual([]);

    const observed = ic.clusterXr('edge', spec, { ...status, conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }] });

    // A pool names its class; the scheduler joins the class's devices (the same objects fn-inferencecluster read).
    const scheduler = scheduleReadsCluster(observed, classDevicesByName(icClasses))!;
    expect(scheduler.gatewayAddress).toBe(status.gateway.address);
    expect(scheduler.poolsUnknown).toBeUndefined();
    expect(scheduler.pools.map((p) => ({ name: p.name, nodes: p.nodes, devices: p.devices.map((d) => d.published) }))).toEqual(
      status.gpuPools.map((p: Obj) => ({ name: p.name, nodes: p.nodes, devices: ic.CLASSES[p.className]!.devices })),
    );

    const replica = replicaReadsCluster(rep.request({ xr: rep.replica(), clusters: [observed] }), 'edge');
    expect(replica).toMatchObject({ state: 'present', providerConfigName: status.providerConfigRef.name, gatewayAddress: status.gateway.address });

    const cache = cacheReadsClusters({ state: 'resolved', items: [observed] }, {});
    expect(cache).toEqual({
      state: 'resolved',
      clusters: [{ name: 'edge', providerConfigName: status.providerConfigRef.name, ...(status.cache ? { storageClassName: status.cache.storageClassName } : {}) }],
    });
  });
});

// ---- InferenceCluster status.ledger: fn-inferencecluster writes it from the replicas fn-schedule wrote; fn-schedule reads it ----

describe('InferenceCluster status.ledger: fn-inferencecluster packs the replicas fn-schedule wrote, fn-schedule reads it back', () => {
  it.each(['existing', 'gke', 'eks'])('%s', (source) => {
    const spec = ic.CLUSTERS[source]!;
    const observed = (status: Obj) => ic.clusterXr('edge', spec, { ...status, conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }] });
    const empty = ic.desiredStatus(ic.converge(ic.clusterXr('edge', spec), ic.allRequired(spec)).at(-1)!);
    expect(empty.ledger).toEqual({ replicas: 0, pools: [] });

    // fn-schedule places two 1-device replicas on the cluster as published.
    const xr = sch.deploymentXr({ replicas: 2, engines: [sch.engine('vllm', [sch.standalone([deviceRequest('gpu', 'true')])])] });
    const placed = Object.values(resources(composeSchedule(sch.request(xr, { clusters: [observed(empty)], classes: icClasses, replicas: [] })))).filter(
      (r) => r.kind === 'ModelReplica',
    );
    expect(placed).toHaveLength(2);
    const pinned = placed.map((r) => ({ ...r, metadata: { ...r.metadata, creationTimestamp: '2026-01-01T00:00:00Z' } }));

    // fn-inferencecluster publishes what they hold; the XRD's schema knows every field of it.
    const status = ic.desiredStatus(ic.converge(ic.clusterXr('edge', spec), ic.allRequired(spec, { replicas: pinned })).at(-1)!);
    expect(unknownFields(inferenceClusterStatus, status)).toEqual([]);
    const pool = status.gpuPools[0].name;
    expect(status.ledger).toMatchObject({ replicas: 2, pools: [{ name: pool, used: 2, holders: [expect.stringMatching(/^ml\/my-model /)] }] });

    // fn-schedule reads it as its own deployment's entry: replaced by the replicas it observes.
    const read = scheduleReadsCluster(observed(status), classDevicesByName(icClasses))!;
    expect(read.poolsUnknown).toBeUndefined();
    const entry = read.ledger!.get(pool)!;
    expect([...entry.holders.keys()]).toEqual(['ml/my-model']);
    expect(entry.holders.get('ml/my-model')!.reduce((n, [, devices]) => n + devices[0]!, 0)).toBe(2);
  });
});
