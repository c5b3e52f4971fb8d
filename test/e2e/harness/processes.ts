// Long-running processes of the e2e stack: each logs to its own file under test-results/e2e, and
// the group stops them all (SIGTERM, then SIGKILL after a grace period) in reverse start order.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './paths';

export interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  readonly oneShot: boolean;
  log(): string;
}

export interface SpawnOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** A command expected to exit (an init step): not a failure of the stack when it does. */
  readonly oneShot?: boolean;
}

export class ProcessGroup {
  private readonly started: Started[] = [];

  constructor(private readonly logDir = ARTIFACTS) {
    mkdirSync(logDir, { recursive: true });
  }

  start(name: string, command: string, args: readonly string[], opts: SpawnOptions = {}): Started {
    const logFile = join(this.logDir, `${name}.log`);
    const out = createWriteStream(logFile);
    const child = spawn(command, args, { env: { ...process.env, ...opts.env }, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(out, { end: false });
    child.stderr?.pipe(out, { end: false });
    child.once('exit', (code, signal) => out.end(`\n[exited code=${code} signal=${signal}]\n`));
    const started: Started = { name, child, logFile, oneShot: opts.oneShot ?? false, log: () => readFileSync(logFile, 'utf8') };
    this.started.push(started);
    return started;
  }

  /** Fails fast with the tail of its log when a process of the stack died. */
  assertRunning(): void {
    for (const s of this.started) {
      if (!s.oneShot && (s.child.exitCode !== null || s.child.signalCode !== null)) {
        throw new Error(`${s.name} exited (${s.child.exitCode ?? s.child.signalCode}); log ${s.logFile}:\n${s.log().slice(-2000)}`);
      }
    }
  }

  /** Stops one process on purpose: from now on its exit is not a failure of the stack. */
  async stop(s: Started, graceMs = 5_000): Promise<void> {
    const i = this.started.indexOf(s);
    if (i >= 0) this.started.splice(i, 1);
    await terminate(s, graceMs);
  }

  async stopAll(graceMs = 5_000): Promise<void> {
    for (const s of [...this.started].reverse()) await terminate(s, graceMs);
    this.started.length = 0;
  }
}

/** SIGTERM, then SIGKILL after the grace period. */
async function terminate(s: Started, graceMs: number): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => s.child.once('exit', () => resolve()));
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Polls `probe` until it returns a value (not undefined) or the timeout passes. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${cause}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
