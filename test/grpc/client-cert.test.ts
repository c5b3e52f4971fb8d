// Which client certificates the runtime accepts (functions/lib/runtime/client-cert.ts), on real
// certificates made by openssl, including one shaped like the one Crossplane generates.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judgeClientCertificate, splitPem } from '../../functions/lib/runtime/client-cert';
import { createTestPki, type TestPki } from '../harness/certs';

let pki: TestPki;
let ca: X509Certificate;
const cert = (pem: Buffer) => new X509Certificate(pem);

beforeAll(() => {
  pki = createTestPki();
  ca = cert(pki.ca);
});

type Row = readonly [string, () => X509Certificate | undefined, () => Date, boolean, string];

describe('judgeClientCertificate', () => {
  const now = (): Date => new Date();
  it.each<Row>([
    ['a client certificate the CA issued', () => cert(pki.clientCert), now, true, ''],
    ["Crossplane's shape: CA subject as subject, no authority key id", () => cert(pki.crossplaneClientCert), now, true, ''],
    ['a certificate from another CA with the same name', () => cert(pki.foreignClientCert), now, false, 'was not issued by a CA in ca.crt'],
    ['a server-only certificate', () => cert(pki.serverCert), now, false, 'not for client authentication'],
    ['no certificate', () => undefined, now, false, 'no client certificate presented'],
    ['a certificate past its validity', () => cert(pki.clientCert), () => new Date('2100-01-01T00:00:00Z'), false, 'is not valid now'],
  ])('%s', (_, leaf, at, trusted, reason) => {
    const verdict = judgeClientCertificate(leaf(), [ca], at());
    expect(verdict.trusted).toBe(trusted);
    if (!verdict.trusted) expect(verdict.reason).toContain(reason);
  });

  it('accepts a certificate issued by any CA of a bundle', () => {
    const other = cert(readFileSync(join(pki.dir, 'other-ca.crt')));
    expect(judgeClientCertificate(cert(pki.foreignClientCert), [ca, other], new Date()).trusted).toBe(true);
  });
});

describe('splitPem', () => {
  it('splits a bundle into its certificates and ignores text around them', () => {
    const bundle = `# comment\n${pki.ca.toString()}\n${readFileSync(join(pki.dir, 'other-ca.crt'), 'utf8')}`;
    expect(splitPem(bundle)).toHaveLength(2);
    expect(splitPem('no certificates here')).toEqual([]);
  });
});
