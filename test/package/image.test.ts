// The runtime images scripts/package/build-images.sh assembles without a container engine, as
// Crossplane runs them: embedded in the Function packages (scripts/release.sh builds both). Each
// package is unpacked and its entrypoint run in isolation (own network and PID namespaces, chroot,
// the image's user and environment) with a Crossplane-style TLS directory, and answers RunFunction
// over mTLS. Size and cold start are logged. (release.test.ts checks a second build is identical.)
import * as grpc from '@grpc/grpc-js';
import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionClient, requestFromJson } from '../../sim/client';
import { FUNCTIONS, ROOT } from '../../sim/paths';
import { createTestPki, type TestPki } from '../harness/certs';
import { runIsolated } from './isolate';
import { unpackImage } from './rootfs';

const build = (out: string) => execFileSync('bash', [join(ROOT, 'scripts/release.sh'), '--out', out], { stdio: 'pipe' });
const TAG = `v${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string}`;
const BY_NAME: grpc.ChannelOptions = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };

let work: string;
let pki: TestPki;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modelplane-images-'));
  build(join(work, 'a'));
  pki = createTestPki();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('runtime images', () => {
  it.each(FUNCTIONS)('%s answers RunFunction over mTLS inside its unpacked Function package', async (name) => {
    const image = unpackImage(join(work, 'a', 'xpkgs', `${name}.xpkg`), join(work, name));
    const { rootfs, config } = image;
    // The package layer sits on top of the runtime: package.yaml at the root, the Function's metadata.
    expect(readFileSync(join(rootfs, 'package.yaml'), 'utf8')).toMatch(new RegExp(`kind: Function\\n[^]*name: ${name}\\n`));
    expect(config.Entrypoint).toEqual(['/nodejs/bin/node', '/fn/function.js']);
    expect(config.User).toBe('65532:65532');
    expect(config.Env).toContain('TLS_SERVER_CERTS_DIR=/tls/server');
    // Labelled with the function and the release version: two versions of the same code are two images.
    expect(config.Labels).toMatchObject({ 'org.opencontainers.image.title': name, 'org.opencontainers.image.version': TAG });
    expect(() => statSync(join(rootfs, 'bin/sh'))).toThrow(); // distroless: no shell
    // Crossplane mounts tls.crt, tls.key and ca.crt readable by the function's user.
    for (const f of ['tls.crt', 'tls.key', 'ca.crt']) {
      copyFileSync(join(pki.serverDir, f), join(rootfs, 'tls/server', f));
      chownSync(join(rootfs, 'tls/server', f), 65532, 65532);
    }
    const started = performance.now();
    const fn = runIsolated(rootfs, config, join(work, `${name}.sock`));
    const client = functionClient(fn.target, grpc.credentials.createSsl(pki.ca, pki.clientKey, pki.clientCert), BY_NAME);
    try {
      const req = requestFromJson({
        meta: { tag: `image-${name}` },
        observed: { composite: { resource: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'Probe', metadata: { name: 'probe' }, spec: {} } } },
      });
      let rsp;
      for (;;) {
        try {
          rsp = await client.run(req, 2_000);
          break;
        } catch (err) {
          // Not serving yet: retry until it does or the process dies.
          if (fn.process.exitCode !== null || performance.now() - started > 30_000) throw new Error(`${name}: ${String(err)}\n${fn.output()}`, { cause: err });
          await new Promise((r) => setTimeout(r, 25));
        }
      }
      const coldStartMs = performance.now() - started;
      expect(rsp.meta?.tag).toBe(`image-${name}`);
      // The bundle's own logic ran: a kind it does not compose is one Fatal result naming it.
      expect(rsp.results.map((r) => r.message).join('\n')).toContain('Probe');
      const mib = (image.compressedBytes / 2 ** 20).toFixed(1);
      console.log(`image ${name}: ${mib} MiB compressed, cold start to first RunFunction ${coldStartMs.toFixed(0)} ms`);
    } finally {
      client.close();
      await fn.stop();
    }
  });
});
