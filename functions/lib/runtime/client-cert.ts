// Which client certificates a function accepts: one that a CA in ca.crt issued directly, checked by
// signature, within its validity period, and meant for client authentication.
//
// Why not leave this to OpenSSL (Node's TLS): the client certificate Crossplane generates carries
// the CA's own name as both subject and issuer and no authority key identifier, so OpenSSL takes it
// for a self-signed certificate and rejects it ("self-signed certificate", the connection drops and
// Crossplane reports only a broken pipe after its call timeout). Go's verifier, which Crossplane's
// own functions use, builds the chain by signature and accepts it; so do we.
import type { X509Certificate } from 'node:crypto';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

export type ClientVerdict = { readonly trusted: true; readonly issuer: string } | { readonly trusted: false; readonly reason: string };

export function judgeClientCertificate(leaf: X509Certificate | undefined, cas: readonly X509Certificate[], now: Date): ClientVerdict {
  if (!leaf) return { trusted: false, reason: 'no client certificate presented' };
  if (now < new Date(leaf.validFrom) || now > new Date(leaf.validTo)) {
    return { trusted: false, reason: `client certificate ${leaf.subject.replace(/\n/g, ', ')} is not valid now (${leaf.validFrom} to ${leaf.validTo})` };
  }
  // X509Certificate.keyUsage lists the extended key usages; absent means any use.
  const usages = leaf.keyUsage;
  if (usages && usages.length > 0 && !usages.includes(CLIENT_AUTH)) {
    return { trusted: false, reason: 'client certificate is not for client authentication (extended key usage)' };
  }
  const issuer = cas.find((ca) => ca.ca && leaf.checkIssued(ca) && leaf.verify(ca.publicKey));
  if (!issuer) return { trusted: false, reason: `client certificate ${leaf.subject.replace(/\n/g, ', ')} was not issued by a CA in ca.crt` };
  return { trusted: true, issuer: issuer.subject.replace(/\n/g, ', ') };
}

/** The certificates of a PEM bundle (ca.crt may hold several CAs). */
export function splitPem(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
