// vLLM (`vllm serve`, the vllm/vllm-openai image's entrypoint).
import type { EngineProfile } from './profile';

export const vllm: EngineProfile = {
  runtime: 'vLLM',
  defaultPort: 8000,
  portFlag: '--port',
  modelFlags: ['--model'],
  healthPath: '/health',
  // The sidecar's default KV connector (NIXL) is vLLM's.
  pdSidecarArgs: [],
  // The picker's default engine: no label, so replicas composed before runtimes existed keep their pods.
  podLabels: {},
};
