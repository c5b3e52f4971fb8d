// SGLang as a second engine profile, end to end through RunFunction: what differs from vLLM is
// exactly what its profile says (default port, model flag, picker label, P/D connector); the
// goldens `sglang` and `sglang-prefill-decode` hold the whole responses.
import { describe, expect, it } from 'vitest';
import { ENGINE_TYPE_LABEL } from '../../../functions/fn-replica/engines';
import { TOPOLOGIES, type Json } from '../../fixtures/fn-replica';
import { remoteManifests, run } from '../../fixtures/fn-replica/run';

const manifests = (name: string): Json[] => Object.values(remoteManifests(run({ xr: TOPOLOGIES[name]! })));
const engines = (name: string): Json[] => manifests(name).filter((m) => m.kind === 'Deployment' && !m.metadata.name.startsWith('epp-'));
const pool = (name: string): Json => manifests(name).find((m) => m.kind === 'InferencePool')!;

describe('SGLang', () => {
  it('serves on its default port: the pool, the container port and the probe follow it', () => {
    const pod = engines('sglang')[0]!.spec.template;
    const container = pod.spec.containers[0];
    expect(pool('sglang').spec.targetPorts).toEqual([{ number: 30000 }]);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 30000, protocol: 'TCP' }]);
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/health', port: 30000 }, periodSeconds: 10, failureThreshold: 3 });
  });

  it("gets the cached model as --model-path, after the user's args, which are otherwise untouched", () => {
    const container = engines('sglang')[0]!.spec.template.spec.containers[0];
    expect(container.args).toEqual(['--tp=1', '--enable-metrics', '--model-path=/mnt/models']);
  });

  it('labels its serving pods for the picker, which then reads SGLang metrics; vLLM pods stay unlabelled', () => {
    expect(engines('sglang')[0]!.spec.template.metadata.labels[ENGINE_TYPE_LABEL]).toBe('sglang');
    for (const d of engines('sglang-prefill-decode')) expect(d.spec.template.metadata.labels[ENGINE_TYPE_LABEL]).toBe('sglang');
    expect(engines('standalone')[0]!.spec.template.metadata.labels).not.toHaveProperty(ENGINE_TYPE_LABEL);
  });

  it("disaggregated: the decode pods' sidecar speaks SGLang's protocol; user commands get no model flag", () => {
    const [prefill, decode] = engines('sglang-prefill-decode');
    expect(decode!.spec.template.spec.initContainers.map((c: Json) => c.args)).toEqual([['--port=30000', '--vllm-port=30100', '--kv-connector=sglang', '--secure-proxy=false']]);
    expect(prefill!.spec.template.spec.initContainers).toBeUndefined();
    expect(pool('sglang-prefill-decode').spec.targetPorts).toEqual([{ number: 30000 }]);
    for (const d of [prefill!, decode!])
      expect(d.spec.template.spec.containers[0].args.filter((a: string) => a.startsWith('--model-path'))).toEqual(['--model-path=Qwen/Qwen3-8B']);
  });

  it('a PrefillDecode replica across two runtimes is InvalidSpec, naming the field', () => {
    const xr = structuredClone(TOPOLOGIES['sglang-prefill-decode']!);
    xr.spec.engines[1].runtime = 'vLLM';
    const rsp = run({ xr });
    expect(rsp.conditions.find((c: Json) => c.type === 'ModelAccepted')).toMatchObject({
      status: 'STATUS_CONDITION_FALSE',
      reason: 'InvalidSpec',
      message: 'spec.engines[1].runtime: serving mode PrefillDecode needs both engines on the same runtime (prefill runs SGLang, decode vLLM)',
    });
  });
});
