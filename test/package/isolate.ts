// Runs an unpacked image's entrypoint the way a container runtime would, without one: new network
// namespace (loopback only), new PID namespace with its own /proc, chroot into the root filesystem
// as the image's user, with only the image's environment. A relay in the same network namespace
// exposes the function's port on a Unix socket for the test. Needs root.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageConfig } from './rootfs';

export interface IsolatedFunction {
  readonly process: ChildProcess;
  /** gRPC target for the function's port 9443, via the relay. */
  readonly target: string;
  output(): string;
  stop(): Promise<void>;
}

const RELAY = join(import.meta.dirname, 'relay.mjs');

export function runIsolated(rootfs: string, config: ImageConfig, socket: string): IsolatedFunction {
  mkdirSync(join(rootfs, 'proc'), { recursive: true });
  const port = Object.keys(config.ExposedPorts ?? {})[0]?.split('/')[0] ?? '9443';
  const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  // PID 1 of the namespace is the function; the relay dies with the namespace.
  const script = [
    'ip link set lo up',
    `${q(process.execPath)} ${q(RELAY)} ${q(socket)} ${port} &`,
    `exec env -i ${config.Env.map(q).join(' ')} "$(command -v chroot)" --userspec=${q(config.User)} ${q(rootfs)} ${config.Entrypoint.map(q).join(' ')}`,
  ].join('\n');
  const child = spawn('unshare', ['--net', '--pid', '--fork', `--mount-proc=${join(rootfs, 'proc')}`, 'sh', '-c', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    target: `unix:${socket}`,
    output: () => out,
    stop: async () => {
      // Signal the function itself (PID 1 of its namespace): chroot --userspec changes credentials,
      // so a parent-death signal would not survive. The relay dies with the namespace.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const pid = child.pid && readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0];
      if (pid) process.kill(Number(pid), 'SIGTERM');
      const killer = setTimeout(() => pid && process.kill(Number(pid), 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
