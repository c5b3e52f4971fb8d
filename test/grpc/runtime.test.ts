// Each built bundle as a real process on loopback: insecure and mutual-TLS serving, a taken port,
// graceful shutdown, health.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HealthService } from '../../functions/lib/runtime/health';
import { createTestPki, type TestPki } from '../harness/certs';
import { functionClient, requestFromJson } from '../../sim/client';
import { FUNCTIONS } from '../../sim/paths';
import { runToExit, startFunction, type RunningFunction } from '../../sim/process';

const minimalRequest = (tag: string) =>
  requestFromJson({
    meta: { tag },
    observed: { composite: { resource: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'Probe', metadata: { name: 'probe' }, spec: {} } } },
  });

/**
 * TLS clients verify the server by the name in its certificate (DNS:localhost); dialling the IP and
 * sending it as the TLS server name is not allowed (RFC 6066) and Node warns about it.
 */
const BY_NAME: grpc.ChannelOptions = { 'grpc.ssl_target_name_override': 'localhost' };

describe.each(FUNCTIONS)('%s bundle', (name) => {
  let fn: RunningFunction;
  beforeAll(async () => {
    fn = await startFunction(name);
  });
  afterAll(async () => {
    await fn?.stop();
  });

  it('answers RunFunction over insecure loopback gRPC', async () => {
    const client = functionClient(fn.address);
    const rsp = await client.run(minimalRequest(`tag-${name}`));
    client.close();
    expect(rsp.meta?.tag).toBe(`tag-${name}`);
    expect(rsp.desired).toBeDefined();
  });

  it('exits non-zero when its port is taken', async () => {
    const { code, output } = await runToExit(name, ['--insecure', '--address', fn.address, '--metrics-address', 'off']);
    expect(code).not.toBe(0);
    expect(output).toContain('cannot serve');
  });
});

describe('mutual TLS', () => {
  let pki: TestPki;
  let fn: RunningFunction;
  beforeAll(async () => {
    pki = createTestPki();
    // TLS_SERVER_CERTS_DIR is how Crossplane's runtime hands a function its certificates.
    fn = await startFunction('fn-schedule', { insecure: false, env: { TLS_SERVER_CERTS_DIR: pki.serverDir } });
  });
  afterAll(async () => {
    await fn?.stop();
  });

  it('serves a client that presents a certificate signed by the CA', async () => {
    const client = functionClient(fn.address, grpc.credentials.createSsl(pki.ca, pki.clientKey, pki.clientCert), BY_NAME);
    const rsp = await client.run(minimalRequest('mtls'));
    client.close();
    expect(rsp.meta?.tag).toBe('mtls');
  });

  it("serves Crossplane's own client certificate (CA subject as issuer and subject, no authority key id)", async () => {
    const client = functionClient(fn.address, grpc.credentials.createSsl(pki.ca, pki.crossplaneClientKey, pki.crossplaneClientCert), BY_NAME);
    const rsp = await client.run(minimalRequest('crossplane-shaped'));
    client.close();
    expect(rsp.meta?.tag).toBe('crossplane-shaped');
  });

  it.each([
    ['a certificate from another CA with the same name', 'foreign'],
    ['a server-only certificate', 'server'],
  ] as const)('rejects a client presenting %s, and logs why', async (_, which) => {
    const [key, cert] = which === 'foreign' ? [pki.foreignClientKey, pki.foreignClientCert] : [pki.serverKey, pki.serverCert];
    const client = functionClient(fn.address, grpc.credentials.createSsl(pki.ca, key, cert), BY_NAME);
    await expect(client.run(minimalRequest(which), 5_000)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    client.close();
    // The client sees the refusal before the server's log line has crossed its pipe: wait for it.
    await vi.waitFor(() => expect(fn.output()).toContain(which === 'foreign' ? 'was not issued by a CA in ca.crt' : 'not for client authentication'), { timeout: 5_000 });
  });

  it('rejects a TLS client without a certificate', async () => {
    const client = functionClient(fn.address, grpc.credentials.createSsl(pki.ca), BY_NAME);
    await expect(client.run(minimalRequest('no-cert'), 5_000)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    client.close();
  });

  it('rejects a plaintext client', async () => {
    const client = functionClient(fn.address);
    await expect(client.run(minimalRequest('plain'), 5_000)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    client.close();
  });

  it('served all of the above without a Node.js warning', () => {
    expect(fn.output()).not.toMatch(/DeprecationWarning|\(node:\d+\) \w*Warning/);
  });
});

describe('process lifecycle', () => {
  it('exits 0 on SIGTERM', async () => {
    const fn = await startFunction('fn-service');
    expect(await fn.stop('SIGTERM')).toBe(0);
    expect(fn.output()).toContain('"signal":"SIGTERM"');
  });

  it('reports SERVING on the gRPC health service', async () => {
    const fn = await startFunction('fn-replica');
    const Health = grpc.makeGenericClientConstructor(HealthService, 'Health');
    const client = new Health(fn.address, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
      check(req: { service: string }, cb: (err: grpc.ServiceError | null, rsp: { status: number }) => void): void;
    };
    const check = (service: string) => new Promise<{ status: number }>((resolve, reject) => client.check({ service }, (err, rsp) => (err ? reject(err) : resolve(rsp))));
    expect(await check('')).toEqual({ status: 1 });
    expect(await check('apiextensions.fn.proto.v1.FunctionRunnerService')).toEqual({ status: 1 });
    await expect(check('nope')).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    client.close();
    await fn.stop();
  });

  it('rejects unknown flags with a usage message and exit code 2', async () => {
    const { code, output } = await runToExit('fn-modelcache', ['--no-such-flag']);
    expect(code).toBe(2);
    expect(output).toContain('--tls-server-certs-dir');
  });
});
