// The llm-d endpoint picker's plugin configuration (EndpointPickerConfig, llm-d.ai/v1alpha1, read
// once at start-up from a ConfigMap; accepted by llm-d-router v0.9 and later).
//
// Unified: one `default` profile scoring every serving pod by prefix-cache affinity (weight 2)
// and queue depth (weight 1), highest score wins.
// PrefillDecode: the disaggregation profile handler runs a `decode` profile (pods labelled
// llm-d.ai/role=decode) and then, because the always-disagg decider approves every request, a
// `prefill` profile (llm-d.ai/role=prefill). The request goes to the decode pod's sidecar with the
// chosen prefill pod in a header; the sidecar runs prefill there first and hands the KV cache over.
import { stringify } from 'yaml';

export const EPP_CONFIG_API_VERSION = 'llm-d.ai/v1alpha1';
export const EPP_CONFIG_FILE = 'config.yaml';

const scorers = [{ pluginRef: 'max-score-picker' }, { pluginRef: 'prefix-cache-scorer', weight: 2 }, { pluginRef: 'queue-scorer', weight: 1 }];

export function unifiedPickerConfig(): Record<string, unknown> {
  return {
    apiVersion: EPP_CONFIG_API_VERSION,
    kind: 'EndpointPickerConfig',
    plugins: [{ type: 'prefix-cache-scorer' }, { type: 'queue-scorer' }, { type: 'max-score-picker' }, { type: 'single-profile-handler' }],
    schedulingProfiles: [{ name: 'default', plugins: scorers }],
  };
}

export function prefillDecodePickerConfig(): Record<string, unknown> {
  return {
    apiVersion: EPP_CONFIG_API_VERSION,
    kind: 'EndpointPickerConfig',
    plugins: [
      { type: 'prefix-cache-scorer' },
      { type: 'queue-scorer' },
      { type: 'prefill-filter' },
      { type: 'decode-filter' },
      { type: 'max-score-picker' },
      { type: 'always-disagg-pd-decider' },
      { type: 'disagg-profile-handler', parameters: { deciders: { prefill: 'always-disagg-pd-decider' } } },
    ],
    schedulingProfiles: [
      { name: 'prefill', plugins: [{ pluginRef: 'prefill-filter' }, ...scorers] },
      { name: 'decode', plugins: [{ pluginRef: 'decode-filter' }, ...scorers] },
    ],
  };
}

export const pickerConfigText = (config: Record<string, unknown>): string => stringify(config, { lineWidth: 0, aliasDuplicateObjects: false });
