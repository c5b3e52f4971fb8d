// Server credentials. Crossplane talks to functions over mutual TLS, so client certificates are
// required unless the operator explicitly asks for --insecure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';

export function serverCredentials(insecure: boolean, certsDir: string): grpc.ServerCredentials {
  if (insecure) return grpc.ServerCredentials.createInsecure();
  const read = (file: string) => readFileSync(join(certsDir, file));
  return grpc.ServerCredentials.createSsl(
    read('ca.crt'),
    [{ private_key: read('tls.key'), cert_chain: read('tls.crt') }],
    true,
  );
}
