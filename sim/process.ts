// Starts function bundles as real processes on loopback and stops them again.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DIST, type FunctionName } from './paths';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningFunction {
  readonly name: FunctionName;
  readonly port: number;
  readonly address: string;
  readonly process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  readonly port?: number;
  /** Serve mTLS from this directory (passed as --tls-server-certs-dir). */
  readonly tlsDir?: string;
  /** Defaults to true unless tlsDir is given; false with no tlsDir reads TLS_SERVER_CERTS_DIR. */
  readonly insecure?: boolean;
  readonly extraArgs?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** Resolves once the process logs that it is serving; rejects if it exits first. */
export async function startFunction(name: FunctionName, opts: StartOptions = {}): Promise<RunningFunction> {
  const port = opts.port ?? (await freePort());
  const args = [join(DIST, `${name}.js`), '--address', `127.0.0.1:${port}`, '--metrics-address', 'off'];
  if (opts.tlsDir) args.push('--tls-server-certs-dir', opts.tlsDir);
  else if (opts.insecure ?? true) args.push('--insecure');
  args.push(...(opts.extraArgs ?? []));
  const child = spawn(process.execPath, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 15s:\n${out}`)), 15_000);
    const check = () => {
      if (out.includes('"msg":"serving"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before serving:\n${out}`));
    });
  });
  return {
    name,
    port,
    address: `127.0.0.1:${port}`,
    process: child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs a bundle to completion (for processes expected to exit), returning exit code and output. */
export function runToExit(name: FunctionName, args: readonly string[], timeoutMs = 15_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(DIST, `${name}.js`), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not exit within ${timeoutMs}ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
