import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../../functions/fn-replica/engines';
import { servingPod, type PodDecoration } from '../../../functions/fn-replica/pod';
import type { PodTemplate } from '../../../functions/lib/schema';

type Json = Record<string, any>;
const tpl = (container: Json = {}, spec: Json = {}, metadata?: Json): PodTemplate => ({
  ...(metadata ? { metadata } : {}),
  spec: { containers: [{ name: 'engine', image: 'vllm', ...container }], ...spec },
});
const base: PodDecoration = { engine: ENGINES.vLLM, pool: 'h100', labels: { 'modelplane.ai/role': 'standalone' }, servingPort: 8000 };
const engine = (pod: Json): Json => pod.spec.containers[0];

describe('servingPod: the whole decoration of a minimal template', () => {
  it('adds labels, pool, toleration, shared memory, port and probe, and nothing else', () => {
    expect(servingPod(tpl(), base)).toEqual({
      metadata: { labels: { 'modelplane.ai/role': 'standalone' } },
      spec: {
        nodeSelector: { 'modelplane.ai/pool': 'h100' },
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
        containers: [
          {
            name: 'engine',
            image: 'vllm',
            ports: [{ name: 'http', containerPort: 8000, protocol: 'TCP' }],
            readinessProbe: { httpGet: { path: '/health', port: 8000 }, periodSeconds: 10, failureThreshold: 3 },
            volumeMounts: [{ name: 'modelplane-shm', mountPath: '/dev/shm' }],
          },
        ],
        volumes: [{ name: 'modelplane-shm', emptyDir: { medium: 'Memory' } }],
      },
    });
  });
});

describe('servingPod: user fields pass through, Modelplane adds around them', () => {
  it.each([
    {
      name: 'user labels and annotations kept; ours win on our keys',
      template: tpl({}, {}, { labels: { team: 'a' }, annotations: { note: 'x' } }),
      d: base,
      pick: (p: Json) => p.metadata,
      want: { labels: { team: 'a', 'modelplane.ai/role': 'standalone' }, annotations: { note: 'x' } },
    },
    {
      name: 'user nodeSelector kept, pool added',
      template: tpl({}, { nodeSelector: { zone: 'a', 'modelplane.ai/pool': 'other' } }),
      d: base,
      pick: (p: Json) => p.spec.nodeSelector,
      want: { zone: 'a', 'modelplane.ai/pool': 'h100' },
    },
    {
      name: 'an existing GPU toleration is not repeated',
      template: tpl({}, { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] }),
      d: base,
      pick: (p: Json) => p.spec.tolerations,
      want: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
    },
    {
      name: 'other tolerations are kept and the GPU one appended',
      template: tpl({}, { tolerations: [{ key: 'spot', operator: 'Exists' }] }),
      d: base,
      pick: (p: Json) => p.spec.tolerations,
      want: [
        { key: 'spot', operator: 'Exists' },
        { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      ],
    },
    {
      name: "the user's readiness probe wins",
      template: tpl({ readinessProbe: { httpGet: { path: '/v1/models', port: 8000 } } }),
      d: base,
      pick: (p: Json) => engine(p).readinessProbe,
      want: { httpGet: { path: '/v1/models', port: 8000 } },
    },
    {
      name: 'a user port on the serving number is not repeated',
      template: tpl({ ports: [{ name: 'api', containerPort: 8000 }] }),
      d: base,
      pick: (p: Json) => engine(p).ports,
      want: [{ name: 'api', containerPort: 8000 }],
    },
    {
      name: 'a user port named http on another number keeps its name',
      template: tpl({ ports: [{ name: 'http', containerPort: 9000 }] }),
      d: base,
      pick: (p: Json) => engine(p).ports,
      want: [
        { name: 'http', containerPort: 9000 },
        { containerPort: 8000, protocol: 'TCP' },
      ],
    },
    {
      name: 'a user /dev/shm mount replaces ours',
      template: tpl({ volumeMounts: [{ name: 'shm', mountPath: '/dev/shm' }] }, { volumes: [{ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '64Gi' } }] }),
      d: base,
      pick: (p: Json) => [engine(p).volumeMounts, p.spec.volumes],
      want: [[{ name: 'shm', mountPath: '/dev/shm' }], [{ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '64Gi' } }]],
    },
    {
      name: 'gang workers serve nothing: no port, no probe',
      template: tpl(),
      d: { engine: ENGINES.vLLM, pool: 'h100', labels: {} },
      pick: (p: Json) => [engine(p).ports, engine(p).readinessProbe],
      want: [undefined, undefined],
    },
    {
      name: 'injected env goes first, user env (with valueFrom) after',
      template: tpl({ env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] }),
      d: { ...base, env: [{ name: 'MODELPLANE_RANK', value: '0' }] },
      pick: (p: Json) => engine(p).env,
      want: [
        { name: 'MODELPLANE_RANK', value: '0' },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      ],
    },
    {
      name: 'the device claim joins the user resources',
      template: tpl({ resources: { limits: { memory: '64Gi' }, claims: [{ name: 'mine' }] } }, { resourceClaims: [{ name: 'mine', resourceClaimName: 'x' }] }),
      d: { ...base, claimTemplateName: 'rct' },
      pick: (p: Json) => [engine(p).resources, p.spec.resourceClaims],
      want: [
        { limits: { memory: '64Gi' }, claims: [{ name: 'mine' }, { name: 'modelplane-devices' }] },
        [
          { name: 'mine', resourceClaimName: 'x' },
          { name: 'modelplane-devices', resourceClaimTemplateName: 'rct' },
        ],
      ],
    },
    {
      name: 'a cache mounts read-only at /mnt/models and adds --model',
      template: tpl({ args: ['--tp=8'] }),
      d: { ...base, cacheClaimName: 'cache-pvc' },
      pick: (p: Json) => [engine(p).args, engine(p).volumeMounts.at(-1), p.spec.volumes.at(-1)],
      want: [
        ['--tp=8', '--model=/mnt/models'],
        { name: 'modelplane-models', mountPath: '/mnt/models', readOnly: true },
        { name: 'modelplane-models', persistentVolumeClaim: { claimName: 'cache-pvc', readOnly: true } },
      ],
    },
    {
      name: 'a cache with a user command leaves args alone',
      template: tpl({ command: ['sh', '-c'], args: ['serve'] }),
      d: { ...base, cacheClaimName: 'cache-pvc' },
      pick: (p: Json) => engine(p).args,
      want: ['serve'],
    },
    {
      name: 'sidecars follow the user init containers',
      template: tpl({}, { initContainers: [{ name: 'fetch', image: 'busybox' }] }),
      d: { ...base, sidecars: [{ name: 'pd-sidecar', image: 's', restartPolicy: 'Always' }] },
      pick: (p: Json) => p.spec.initContainers.map((c: Json) => c.name),
      want: ['fetch', 'pd-sidecar'],
    },
    {
      name: 'other pod fields pass through verbatim',
      template: tpl({}, { serviceAccountName: 'sa', imagePullSecrets: [{ name: 'reg' }], priorityClassName: 'high' }),
      d: base,
      pick: (p: Json) => [p.spec.serviceAccountName, p.spec.imagePullSecrets, p.spec.priorityClassName],
      want: ['sa', [{ name: 'reg' }], 'high'],
    },
  ])('$name', ({ template, d, pick, want }) => {
    expect(pick(servingPod(template, d))).toEqual(want);
  });

  it('never mutates the template it decorates', () => {
    const template = tpl({ env: [{ name: 'A', value: '1' }], args: [] }, { tolerations: [] });
    const before = structuredClone(template);
    servingPod(template, { ...base, env: [{ name: 'B', value: '2' }], cacheClaimName: 'c', claimTemplateName: 'r' });
    expect(template).toEqual(before);
  });
});
