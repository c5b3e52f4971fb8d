// What fn-replica reads from an engine's arguments, and the one flag it may add. Engine flags are
// otherwise the user's: parallelism, quantization and KV-transfer flags are never touched. Which
// flags mean what is the engine's profile (engines/).
import { MODEL_MOUNT_PATH } from '../lib/k8s/remote';
import type { EngineProfile } from './engines';

export type PortResult = { readonly ok: true; readonly port: number } | { readonly ok: false; readonly message: string };

/**
 * The port the engine serves on: the last `--port N` / `--port=N` in its args (later flags win, as
 * with argparse), else the engine's default.
 */
export function servingPort(engine: EngineProfile, args: readonly string[] | undefined): PortResult {
  const flag = engine.portFlag;
  let value: string | undefined;
  const list = args ?? [];
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    if (arg === flag) value = list[i + 1] ?? '';
    else if (arg.startsWith(`${flag}=`)) value = arg.slice(flag.length + 1);
  }
  if (value === undefined) return { ok: true, port: engine.defaultPort };
  const port = /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (port >= 1 && port <= 65535) return { ok: true, port };
  return { ok: false, message: `${flag} must be a port number 1..65535, got "${value}"` };
}

export const hasModelFlag = (engine: EngineProfile, args: readonly string[] | undefined): boolean =>
  (args ?? []).some((a) => engine.modelFlags.some((flag) => a === flag || a.startsWith(`${flag}=`)));

/** The flag that mounts a referenced ModelCache: `--model=/mnt/models` for vLLM. */
export const modelFlag = (engine: EngineProfile): string => `${engine.modelFlags[0]}=${MODEL_MOUNT_PATH}`;

/**
 * api.md: the model flag is added only when a ModelCache is referenced, the member has no
 * `command` (the image's entrypoint reads the args), and no model flag is present.
 */
export function addsModelFlag(engine: EngineProfile, cached: boolean, command: readonly string[] | undefined, args: readonly string[] | undefined): boolean {
  return cached && (command === undefined || command.length === 0) && !hasModelFlag(engine, args);
}
