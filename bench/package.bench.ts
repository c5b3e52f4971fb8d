// The packages a user installs (scripts/release.sh, no registry): how long five runtime images and
// six Crossplane packages take to build from warm caches, how big each Function package is
// (compressed, as a registry stores it and a node pulls it; unpacked, as it sits on disk), and its
// cold start: the package unpacked and its entrypoint run as test/package/image.test.ts does it
// (own network and PID namespaces, chroot, the image's user and environment, Crossplane-style mTLS)
// until the first successful RunFunction. The first start after unpacking, then the median of 3.
// Cold starts need root (unshare, chroot); without it only the build and size rows are emitted.
// Targets: bench/targets.ts.
import * as grpc from '@grpc/grpc-js';
import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { functionClient, requestFromJson } from '../sim/client';
import { FUNCTIONS, ROOT } from '../sim/paths';
import { createTestPki } from '../test/harness/certs';
import { runIsolated } from '../test/package/isolate';
import { unpackImage, type UnpackedImage } from '../test/package/rootfs';
import { scheduleRequest } from './fleet';
import { emit, percentile } from './stats';

const work = mkdtempSync(join(tmpdir(), 'modelplane-bench-package-'));
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

// One build, timed (the pinned Node.js and Debian parts and the tools come from .tools/ once fetched;
// a first run on a fresh clone includes fetching them).
const t0 = performance.now();
execFileSync('bash', [join(ROOT, 'scripts/release.sh'), '--out', join(work, 'release')], { stdio: ['ignore', 'ignore', 'pipe'] });
emit({ name: 'package-build', build_ms: Math.round(performance.now() - t0), images: FUNCTIONS.length, packages: FUNCTIONS.length + 1 });

const images = new Map<string, UnpackedImage>();
const sizes: { compressed_mib: number; unpacked_mib: number }[] = [];
for (const fn of FUNCTIONS) {
  const image = unpackImage(join(work, 'release', 'xpkgs', `${fn}.xpkg`), join(work, fn));
  images.set(fn, image);
  const unpacked = Number(execFileSync('du', ['-sb', image.rootfs], { encoding: 'utf8' }).split('\t')[0]);
  sizes.push({ compressed_mib: mib(image.compressedBytes), unpacked_mib: mib(unpacked) });
  emit({ name: `image-size-${fn}`, ...sizes.at(-1) });
}
emit({ name: 'image-size-max', compressed_mib: Math.max(...sizes.map((s) => s.compressed_mib)), unpacked_mib: Math.max(...sizes.map((s) => s.unpacked_mib)) });

if (process.getuid?.() !== 0) {
  process.stderr.write('bench: package cold starts need root (unshare, chroot); skipped\n');
} else {
  const pki = createTestPki();
  const creds = grpc.credentials.createSsl(pki.ca, pki.clientKey, pki.clientCert);
  const byName: grpc.ChannelOptions = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
  const probe = requestFromJson({
    observed: { composite: { resource: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'Probe', metadata: { name: 'probe' }, spec: {} } } },
  });
  // fn-schedule answers the typical deployment cold-start-bundle uses; the others a probe.
  const typical = RunFunctionRequest.fromJSON(scheduleRequest({ clusters: 20, otherReplicas: 100, replicas: 3 }));

  const coldStart = async (fn: string, i: number): Promise<number> => {
    const { rootfs, config } = images.get(fn)!;
    const started = performance.now();
    const proc = runIsolated(rootfs, config, join(work, `${fn}-${i}.sock`));
    const client = functionClient(proc.target, creds, byName);
    try {
      for (;;) {
        try {
          await client.run(fn === 'fn-schedule' ? typical : probe, 2_000);
          return performance.now() - started;
        } catch (err) {
          if (proc.process.exitCode !== null || performance.now() - started > 30_000) throw new Error(`${fn}: ${String(err)}\n${proc.output()}`, { cause: err });
          await new Promise((r) => setTimeout(r, 10));
        }
      }
    } finally {
      client.close();
      await proc.stop();
    }
  };

  const medians: number[] = [];
  for (const fn of FUNCTIONS) {
    const { rootfs } = images.get(fn)!;
    for (const f of ['tls.crt', 'tls.key', 'ca.crt']) {
      copyFileSync(join(pki.serverDir, f), join(rootfs, 'tls/server', f));
      chownSync(join(rootfs, 'tls/server', f), 65532, 65532);
    }
    const first = await coldStart(fn, 0);
    const samples: number[] = [];
    for (let i = 1; i <= 3; i++) samples.push(await coldStart(fn, i));
    samples.sort((a, b) => a - b);
    const median = Math.round(percentile(samples, 50));
    medians.push(median);
    emit({ name: `cold-start-image-${fn}`, first_ms: Math.round(first), median_ms: median, min_ms: Math.round(samples[0]!) });
  }
  emit({ name: 'cold-start-image-max', median_ms: Math.max(...medians) });
  rmSync(pki.dir, { recursive: true, force: true });
}
rmSync(work, { recursive: true, force: true });
process.exit(0);
