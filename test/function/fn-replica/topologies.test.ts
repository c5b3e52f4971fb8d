// One golden file per topology holds the whole RunFunction response (every Object and its
// manifest, conditions, events, requirements). The focused rows below say what each golden is
// about, so a regeneration that changes those facts fails loudly here too.
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../harness/golden';
import { TOPOLOGIES, type Json } from '../../fixtures/fn-replica';
import { remoteManifests, run } from '../../fixtures/fn-replica/run';

const cases = Object.entries(TOPOLOGIES).map(([name, xr]) => ({ name, xr }));

describe('fn-replica topologies (golden)', () => {
  it.each(cases)('$name', ({ name, xr }) => {
    expectGolden(`fn-replica/${name}`, run({ xr }));
  });
});

const workloads = (name: string): Json[] =>
  Object.values(remoteManifests(run({ xr: TOPOLOGIES[name]! }))).filter((m) => ['Deployment', 'LeaderWorkerSet'].includes(m.kind) && !m.metadata.name.startsWith('epp-'));
const podsOf = (w: Json): Json[] => (w.kind === 'Deployment' ? [w.spec.template] : [w.spec.leaderWorkerTemplate.leaderTemplate, w.spec.leaderWorkerTemplate.workerTemplate]);
const engine = (pod: Json): Json => pod.spec.containers[0];
const claimRequests = (name: string): Json[][] =>
  Object.values(remoteManifests(run({ xr: TOPOLOGIES[name]! })))
    .filter((m) => m.kind === 'ResourceClaimTemplate')
    .map((m) => m.spec.spec.devices.requests.map((r: Json) => ({ name: r.name, class: r.exactly.deviceClassName, count: r.exactly.count })));

describe('what each topology is about', () => {
  it.each([
    { name: 'standalone', kind: 'Deployment', replicas: 1 },
    { name: 'standalone-copies', kind: 'Deployment', replicas: 3 },
    { name: 'gpu-and-nic', kind: 'Deployment', replicas: 1 },
    { name: 'gang-claimless-leader', kind: 'LeaderWorkerSet', replicas: 1, size: 3 },
    { name: 'gang-cache-command', kind: 'LeaderWorkerSet', replicas: 2, size: 2 },
  ])('$name: one $kind with replicas = copies', ({ name, kind, replicas, size }) => {
    const [w, ...rest] = workloads(name);
    expect(rest).toEqual([]);
    expect({ kind: w!.kind, replicas: w!.spec.replicas, size: w!.spec.leaderWorkerTemplate?.size }).toEqual({ kind, replicas, size });
  });

  it.each([
    { name: 'standalone', want: [[{ name: 'gpu', class: 'gpu.nvidia.com', count: 1 }]] },
    { name: 'gang-claimless-leader', why: 'only the worker claims', want: [[{ name: 'gpu', class: 'gpu.nvidia.com', count: 8 }]] },
    {
      name: 'gpu-and-nic',
      why: 'one template, one request per device',
      want: [
        [
          { name: 'gpu', class: 'gpu.nvidia.com', count: 8 },
          { name: 'nic', class: 'rdma.nvidia.com', count: 1 },
        ],
      ],
    },
  ])('$name: claim templates', ({ name, want }) => {
    expect(claimRequests(name)).toEqual(want);
  });

  it('gang-claimless-leader: the leader pod has no claim, the worker pod has one', () => {
    const [leader, worker] = podsOf(workloads('gang-claimless-leader')[0]!);
    expect([leader!.spec.resourceClaims, engine(leader!).resources.claims]).toEqual([undefined, undefined]);
    expect(engine(worker!).resources.claims).toEqual([{ name: 'modelplane-devices' }]);
  });

  it.each(['gang-claimless-leader', 'gang-cache-command'])('%s: leader address and rank are prepended to every container env', (name) => {
    for (const pod of podsOf(workloads(name)[0]!)) {
      expect(
        engine(pod)
          .env.slice(0, 2)
          .map((e: Json) => e.name),
      ).toEqual(['MODELPLANE_LEADER_ADDRESS', 'MODELPLANE_RANK']);
    }
  });

  it('gang-cache-command: --model=/mnt/models only where there is no command and no --model', () => {
    const [leader, worker] = podsOf(workloads('gang-cache-command')[0]!);
    expect(engine(leader!).args).not.toContain('--model=/mnt/models');
    expect(engine(worker!).args.at(-1)).toBe('--model=/mnt/models');
    expect(engine(leader!).volumeMounts).toContainEqual({ name: 'modelplane-models', mountPath: '/mnt/models', readOnly: true });
  });

  it('prefill-decode: role labels, the sidecar on decode only, the pool on the prefill port', () => {
    const manifests = Object.values(remoteManifests(run({ xr: TOPOLOGIES['prefill-decode']! })));
    const [prefill, decode] = workloads('prefill-decode');
    expect(prefill!.spec.template.metadata.labels['llm-d.ai/role']).toBe('prefill');
    expect(decode!.spec.template.metadata.labels['llm-d.ai/role']).toBe('decode');
    expect(prefill!.spec.template.spec.initContainers).toBeUndefined();
    expect(decode!.spec.template.spec.initContainers.map((c: Json) => [c.name, c.args, c.restartPolicy])).toEqual([
      ['pd-sidecar', ['--port=8000', '--vllm-port=8200', '--secure-proxy=false'], 'Always'],
    ]);
    expect(manifests.find((m) => m.kind === 'InferencePool')!.spec.targetPorts).toEqual([{ number: 8000 }]);
    const config = manifests.find((m) => m.kind === 'ConfigMap')!.data['config.yaml'];
    expect(config).toContain('disagg-profile-handler');
  });
});
