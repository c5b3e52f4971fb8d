// What Modelplane needs to know about an inference server to serve it: where it listens unless
// told otherwise, how it is pointed at cached weights, how llm-d's P/D sidecar and endpoint
// picker talk to it. One profile per runtime (ModelDeployment spec.engines[].runtime), one file
// each in this folder, registered in index.ts. Engine flags stay the user's: a profile only reads
// them, and adds the model flag where api.md allows it.
import type { EngineRuntime } from '../../lib/schema';

export interface EngineProfile {
  readonly runtime: EngineRuntime;
  /** The port the server listens on when its args set none. */
  readonly defaultPort: number;
  /** The flag that sets the serving port (`--port N` or `--port=N`; the last one wins). */
  readonly portFlag: string;
  /** The flag that points the server at model weights; the first is the one Modelplane adds. */
  readonly modelFlags: readonly [string, ...string[]];
  /** The path of the default readiness probe (serving pods without a probe of their own). */
  readonly healthPath: string;
  /** Extra arguments of llm-d's P/D sidecar on this engine's decode pods (its KV connector). */
  readonly pdSidecarArgs: readonly string[];
  /**
   * Labels on serving pods that tell the llm-d endpoint picker which engine's metrics to read
   * (`llm-d.ai/engine-type`; pods without it are read as vLLM, the picker's default).
   */
  readonly podLabels: Readonly<Record<string, string>>;
}

/** The pod label llm-d's endpoint picker (v0.9 and later) selects an engine's metric names by. */
export const ENGINE_TYPE_LABEL = 'llm-d.ai/engine-type';
