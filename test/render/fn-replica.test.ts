// fn-replica through the real `crossplane render`: the single-node (09) and multi-node (10)
// examples, turned into the ModelReplica fn-schedule would place on us-east (04), rendered with the
// InferenceCluster as a required resource. A second render feeds the composed Objects back as
// observed, Synced and Ready, and must report the replica serving at its endpoint. Golden files in
// test/golden/fn-replica/render-*: the serving render in full, the first as a row of differences.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONDITION, REASON } from '../../functions/fn-replica/conditions';
import { replicaName } from '../../functions/lib/k8s/names';
import { ROOT } from '../../sim/paths';
import type { Manifest } from '../../sim/render';
import { expectGoldenPasses, renderView } from '../harness/passes';
import { renderSuite } from '../harness/render-suite';

const example = (file: string): Manifest => parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as Manifest;
const GATEWAY = '203.0.113.10';

/** The us-east InferenceCluster (04) once fn-inferencecluster published its status. */
const cluster = { ...example('04-inferencecluster-us-east.yaml'), status: { providerConfigRef: { name: 'us-east' }, gateway: { address: GATEWAY } } };

/**
 * The ModelReplica fn-schedule writes for replica 0 of a deployment on us-east: members pinned to
 * `pool`, device requests resolved against the pool's class (DeviceClass per request; Synthetic
 * devices, like the InfiniBand NICs, are matched but never claimed).
 */
function replicaOf(md: Manifest, pool: string, deviceClasses: Record<string, string | undefined>): Manifest {
  const name = replicaName(md.metadata.name, 'us-east', 0);
  const engines = md.spec.engines.map((e: Manifest) => ({
    name: e.name,
    ...(e.phase ? { phase: e.phase } : {}),
    copies: e.copies ?? 1,
    members: e.members.map((m: Manifest) => {
      const requests = (m.nodeSelector?.devices ?? [])
        .filter((d: Manifest) => deviceClasses[d.name] !== undefined)
        .map((d: Manifest) => ({ name: d.name, deviceClassName: deviceClasses[d.name], count: d.count ?? 1, selectors: d.selectors }));
      return {
        role: m.role ?? 'Standalone',
        nodePoolName: pool,
        ...(requests.length ? { deviceRequests: requests } : {}),
        ...(m.worker ? { worker: m.worker } : {}),
        template: m.template,
      };
    }),
  }));
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelReplica',
    metadata: {
      name,
      namespace: md.metadata.namespace,
      labels: { 'modelplane.ai/deployment': md.metadata.name, 'modelplane.ai/cluster': 'us-east', 'modelplane.ai/replica-index': '0' },
    },
    spec: {
      clusterName: 'us-east',
      serving: md.spec.serving ?? { mode: 'Unified' },
      ...(md.spec.modelCacheRef ? { modelCacheRef: md.spec.modelCacheRef } : {}),
      engines,
    },
  };
}

const cases = [
  { name: 'single-node', xr: replicaOf(example('09-modeldeployment-qwen3-8b.yaml'), 'l4', { gpu: 'gpu.nvidia.com' }), workloadKind: 'Deployment' },
  {
    name: 'multi-node',
    xr: replicaOf(example('10-modeldeployment-qwen3-coder-480b.yaml'), 'h100', { gpus: 'gpu.nvidia.com', ib: undefined }),
    workloadKind: 'LeaderWorkerSet',
  },
];

/** What provider-kubernetes reports once it applied an Object and its readiness policy holds. */
const synced = (r: Manifest): Manifest => ({
  ...r,
  status: {
    conditions: [
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
      { type: 'Ready', status: 'True', reason: 'Available' },
    ],
  },
});

const conditionsOf = (xr: Manifest) => Object.fromEntries(((xr.status?.conditions ?? []) as Manifest[]).map((c) => [c.type, c.reason]));

describe('fn-replica through crossplane render', () => {
  const { render } = renderSuite('fn-replica');

  it.each(cases)('$name: composes the workload, claims and routing on the cluster', async ({ xr, workloadKind }) => {
    const out = await render({ xr, required: [cluster] });
    const kinds = out.resources.map((r) => r.spec.forProvider.manifest.kind);
    expect(kinds).toContain(workloadKind);
    expect(out.resources.every((r) => r.kind === 'Object' && r.spec.providerConfigRef.name === 'us-east')).toBe(true);
    expect(conditionsOf(out.xr)).toMatchObject({ [CONDITION.accepted]: REASON.applying, [CONDITION.ready]: REASON.waitingForWorkloads });
  });

  it.each(cases)('$name: serves once every Object is observed Synced and Ready', async ({ name, xr }) => {
    const first = await render({ xr, required: [cluster] });
    const out = await render({ xr, required: [cluster], observed: first.resources.map(synced) });
    expectGoldenPasses(`fn-replica/render-${name}`, [first, out], renderView);
    expect(conditionsOf(out.xr)).toMatchObject({ [CONDITION.accepted]: REASON.applied, [CONDITION.ready]: REASON.serving });
    expect(out.xr.status.endpoint).toBe(`http://${GATEWAY}/ml-team/${xr.metadata.name}`);
  });

  it('waits for a cluster without a provider config and composes nothing', async () => {
    const xr = cases[0]!.xr;
    const out = await render({ xr, required: [{ ...cluster, status: {} }] });
    expect(out.resources).toEqual([]);
    expect(conditionsOf(out.xr)[CONDITION.accepted]).toBe(REASON.waitingForCluster);
  });
});
