// PrefillDecode: a Prefill engine and a Decode engine on one cluster, in one InferencePool.
// Their serving pods carry llm-d.ai/role=prefill|decode (what the picker's prefill and decode
// filters select on); decode pods get llm-d's P/D sidecar. The sidecar takes the pool's target
// port on decode pods, so it listens where the prefill engine serves and forwards to the decode
// engine's own port: the decode engine must therefore serve on another port (e.g. --port=8200).
// The KV-transfer flags stay in the user's engine args; the sidecar's connector is the engine
// profile's (its default, NIXL, for vLLM; sglang for SGLang).
import type { ReplicaEngine } from '../../lib/schema';
import type { EngineProfile } from '../engines';
import type { Manifest } from '../manifest';

export const LLMD_ROLE_LABEL = 'llm-d.ai/role';
export const PD_SIDECAR_IMAGE_REPOSITORY = 'ghcr.io/llm-d/llm-d-router-disagg-sidecar';
export const PD_SIDECAR_NAME = 'pd-sidecar';

export const phaseRole = (engine: ReplicaEngine): 'prefill' | 'decode' | undefined => (engine.phase === 'Prefill' ? 'prefill' : engine.phase === 'Decode' ? 'decode' : undefined);

/**
 * The routing sidecar on decode pods, as a native sidecar (initContainer, restartPolicy Always) so
 * it runs for the pod's life. `--vllm-port` is the sidecar's name for the local model server's
 * port whatever the engine (newer releases also call it --model-server-port; every llm-d router
 * release since v0.9 understands this one); the engine profile adds its KV connector. TLS between
 * gateway and sidecar is off (in-cluster hop).
 */
export function prefillDecodeSidecar(s: { version: string; poolPort: number; enginePort: number; engine: EngineProfile }): Manifest {
  return {
    name: PD_SIDECAR_NAME,
    image: `${PD_SIDECAR_IMAGE_REPOSITORY}:${s.version}`,
    args: [`--port=${s.poolPort}`, `--vllm-port=${s.enginePort}`, ...s.engine.pdSidecarArgs, '--secure-proxy=false'],
    ports: [{ name: 'pd-proxy', containerPort: s.poolPort, protocol: 'TCP' }],
    env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
    restartPolicy: 'Always',
  };
}
