// SGLang (`python3 -m sglang.launch_server`). Its Prometheus metrics, which the endpoint picker's
// queue and KV-cache scoring read, are off unless the engine's args include --enable-metrics.
import { ENGINE_TYPE_LABEL, type EngineProfile } from './profile';

export const sglang: EngineProfile = {
  runtime: 'SGLang',
  defaultPort: 30000,
  portFlag: '--port',
  modelFlags: ['--model-path', '--model'],
  healthPath: '/health',
  // SGLang's disaggregation: the sidecar sends prefill and decode together with bootstrap info
  // (the prefill pod's --disaggregation-bootstrap-port, default 8998).
  pdSidecarArgs: ['--kv-connector=sglang'],
  podLabels: { [ENGINE_TYPE_LABEL]: 'sglang' },
};
