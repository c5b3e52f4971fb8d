// The engine profiles, one per runtime of the API (ENGINE_RUNTIMES in lib/schema). The map's type
// covers every runtime, so a runtime added to the schema does not compile until its profile is
// registered here.
import type { EngineRuntime } from '../../lib/schema';
import type { EngineProfile } from './profile';
import { sglang } from './sglang';
import { vllm } from './vllm';

export const ENGINES: { readonly [R in EngineRuntime]: EngineProfile } = {
  vLLM: vllm,
  SGLang: sglang,
};

export const engineProfile = (runtime: EngineRuntime): EngineProfile => ENGINES[runtime];

export { ENGINE_TYPE_LABEL, type EngineProfile } from './profile';
