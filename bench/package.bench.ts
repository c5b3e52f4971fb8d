// The packages a user installs (scripts/release.sh, no registry): how long five runtime images and
// six Crossplane packages take to build from warm caches, how big each Function package is
// (compressed, as a registry stores it and a node pulls it; unpacked, as it sits on disk), and its
// cold start: the package unpacked and its entrypoint run as test/package/image.test.ts does it
// (own network and PID namespaces, chroot, the image's user and environment, Crossplane-style mTLS)
// until the first successful RunFunction: fn-schedule (the five differ only in their bundle), the
// first start after unpacking, then the median of 5. Kept short: the docs test runs `npm run bench`.
// Cold starts need root (unshare, chroot); without it only the build and size rows are emitted.
// Targets: bench/targets.ts.
import * as grpc from '@grpc/grpc-js';
import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { functionClient } from '../sim/client';
import { FUNCTIONS, ROOT } from '../sim/paths';
import { createTestPki } from '../test/harness/certs';
import { runIsolated } from '../test/package/isolate';
import { unpackImage } from '../test/package/rootfs';
import { scheduleRequest } from './fleet';
import { emit, percentile } from './stats';

const work = mkdtempSync(join(tmpdir(), 'modelplane-bench-package-'));
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

// One build, timed (the pinned Node.js and Debian parts and the tools come from .tools/ once fetched;
// a first run on a fresh clone includes fetching them).
const t0 = performance.now();
execFileSync('bash', [join(ROOT, 'scripts/release.sh'), '--out', join(work, 'release')], { stdio: ['ignore', 'ignore', 'pipe'] });
emit({ name: 'package-build', build_ms: Math.round(performance.now() - t0), images: FUNCTIONS.length, packages: FUNCTIONS.length + 1 });

// Compressed size of each package from its archive listing (the layers as stored); unpacked, the
// root filesystem of fn-schedule (the largest bundle; the five share every other layer).
const compressed = (fn: string): number =>
  execFileSync('tar', ['-tvf', join(work, 'release', 'xpkgs', `${fn}.xpkg`)], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.endsWith('.tar.gz'))
    .reduce((sum, l) => sum + Number(l.split(/\s+/)[2]), 0);
for (const fn of FUNCTIONS) emit({ name: `image-size-${fn}`, compressed_mib: mib(compressed(fn)) });
const image = unpackImage(join(work, 'release', 'xpkgs', 'fn-schedule.xpkg'), join(work, 'fn-schedule'));
const unpacked = Number(execFileSync('du', ['-sb', image.rootfs], { encoding: 'utf8' }).split('\t')[0]);
emit({ name: 'image-size-max', compressed_mib: Math.max(...FUNCTIONS.map((fn) => mib(compressed(fn)))), unpacked_mib: mib(unpacked) });

if (process.getuid?.() !== 0) {
  process.stderr.write('bench: package cold starts need root (unshare, chroot); skipped\n');
} else {
  const pki = createTestPki();
  const creds = grpc.credentials.createSsl(pki.ca, pki.clientKey, pki.clientCert);
  const byName: grpc.ChannelOptions = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
  // The typical deployment cold-start-bundle uses.
  const typical = RunFunctionRequest.fromJSON(scheduleRequest({ clusters: 20, otherReplicas: 100, replicas: 3 }));

  const coldStart = async (i: number): Promise<number> => {
    const started = performance.now();
    const proc = runIsolated(image.rootfs, image.config, join(work, `fn-schedule-${i}.sock`));
    const client = functionClient(proc.target, creds, byName);
    try {
      for (;;) {
        try {
          await client.run(typical, 2_000);
          return performance.now() - started;
        } catch (err) {
          if (proc.process.exitCode !== null || performance.now() - started > 30_000) throw new Error(`fn-schedule: ${String(err)}\n${proc.output()}`, { cause: err });
          await new Promise((r) => setTimeout(r, 10));
        }
      }
    } finally {
      client.close();
      await proc.stop();
    }
  };

  for (const f of ['tls.crt', 'tls.key', 'ca.crt']) {
    copyFileSync(join(pki.serverDir, f), join(image.rootfs, 'tls/server', f));
    chownSync(join(image.rootfs, 'tls/server', f), 65532, 65532);
  }
  const first = await coldStart(0);
  const samples: number[] = [];
  for (let i = 1; i <= 5; i++) samples.push(await coldStart(i));
  samples.sort((a, b) => a - b);
  emit({ name: 'cold-start-image-fn-schedule', first_ms: Math.round(first), median_ms: Math.round(percentile(samples, 50)), min_ms: Math.round(samples[0]!) });
  rmSync(pki.dir, { recursive: true, force: true });
}
rmSync(work, { recursive: true, force: true });
process.exit(0);
