// What fn-replica reads from an engine's arguments, and the one flag it may add. Engine flags are
// otherwise the user's: parallelism, quantization and KV-transfer flags are never touched.
import { MODEL_MOUNT_PATH } from '../lib/k8s/remote';

export const DEFAULT_SERVING_PORT = 8000;
export const MODEL_FLAG = `--model=${MODEL_MOUNT_PATH}`;

export type PortResult = { readonly ok: true; readonly port: number } | { readonly ok: false; readonly message: string };

/**
 * The port the engine serves on: the last `--port N` / `--port=N` in its args (later flags win, as
 * with argparse), else 8000.
 */
export function servingPort(args: readonly string[] | undefined): PortResult {
  let value: string | undefined;
  const list = args ?? [];
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    if (arg === '--port') value = list[i + 1] ?? '';
    else if (arg.startsWith('--port=')) value = arg.slice('--port='.length);
  }
  if (value === undefined) return { ok: true, port: DEFAULT_SERVING_PORT };
  const port = /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (port >= 1 && port <= 65535) return { ok: true, port };
  return { ok: false, message: `--port must be a port number 1..65535, got "${value}"` };
}

export const hasModelFlag = (args: readonly string[] | undefined): boolean =>
  (args ?? []).some((a) => a === '--model' || a.startsWith('--model='));

/**
 * api.md: `--model=/mnt/models` is added only when a ModelCache is referenced, the member has no
 * `command` (the image's entrypoint reads the args), and no `--model` flag is present.
 */
export function addsModelFlag(cached: boolean, command: readonly string[] | undefined, args: readonly string[] | undefined): boolean {
  return cached && (command === undefined || command.length === 0) && !hasModelFlag(args);
}
