// Crossplane core as a process against the control-plane API server: `core init` (CRDs, the CA and
// the TLS Secrets it generates), then `core start` with the External package runtime, so the
// package manager parses Function packages but leaves running them to us (see functions.ts).
// Webhooks are off: the API server cannot reach a webhook by Service without a pod network.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiServer } from './apiservers';
import { bin, CONTROLPLANE_CRDS } from './paths';
import { until, type ProcessGroup } from './processes';

export const CROSSPLANE_NAMESPACE = 'crossplane-system';

export interface Crossplane {
  /** Crossplane's package cache: where Function packages are found offline. */
  readonly xpkgCacheDir: string;
  /** Crossplane's CA (PEM), which signs our functions' server certificates. */
  readonly caCert: string;
  readonly caKey: string;
}

const env = (control: ApiServer, extra: Record<string, string> = {}) => ({
  KUBECONFIG: control.kube.kubeconfig,
  POD_NAMESPACE: CROSSPLANE_NAMESPACE,
  ENABLE_WEBHOOKS: 'false',
  ...extra,
});
/**
 * The XR watch circuit breaker, sized for XRs that compose tens of Objects across clusters (an
 * InferenceCluster's staged stack): with Crossplane's defaults (burst 100, refill 1/s) it opens
 * during the first staged passes and each pass then waits for the breaker's half-open probe.
 * docs/operating.md recommends the same flags to operators.
 */
export const CIRCUIT_BREAKER_FLAGS = ['--circuit-breaker-burst=500', '--circuit-breaker-refill-rate=5'];
const secretNames = ['--tlsca-secret-name=crossplane-root-ca', '--tls-server-secret-name=crossplane-tls-server', '--tls-client-secret-name=crossplane-tls-client'];

async function runOnce(group: ProcessGroup, name: string, args: string[], control: ApiServer): Promise<number | null> {
  const p = group.start(name, bin('crossplane'), args, { env: env(control), oneShot: true });
  return new Promise((resolve) => p.child.once('exit', (code) => resolve(code)));
}

/** `extraEnv`: more of Crossplane's settings, e.g. CA_BUNDLE_PATH for a registry with a private CA. */
export async function startCrossplane(group: ProcessGroup, control: ApiServer, dir: string, pollInterval: string, extraEnv: Record<string, string> = {}): Promise<Crossplane> {
  const xpkgCacheDir = join(dir, 'xpkg');
  const xfnCacheDir = join(dir, 'xfn');
  const clientCerts = join(dir, 'tls-client');
  for (const d of [xpkgCacheDir, xfnCacheDir, clientCerts]) mkdirSync(d, { recursive: true });
  await control.kube.kubectl(['create', 'namespace', CROSSPLANE_NAMESPACE]);
  const initArgs = ['core', 'init', `--cr-ds-path=${join(CONTROLPLANE_CRDS, 'crossplane')}`, `--webhook-configurations-path=${join(CONTROLPLANE_CRDS, 'empty')}`, ...secretNames];
  // Right after its CRDs are created, init can fail once on discovery lag; it is idempotent.
  await until('crossplane core init', async () => ((await runOnce(group, 'crossplane-init', initArgs, control)) === 0 ? true : undefined), 120_000, 2_000);

  const secret = async (name: string) => (await control.kube.get('secret', name, CROSSPLANE_NAMESPACE))?.data as Record<string, string> | undefined;
  const client = await until(
    'Crossplane TLS client Secret',
    async () => {
      const data = await secret('crossplane-tls-client');
      return data?.['tls.crt'] ? data : undefined;
    },
    60_000,
  );
  const ca = await until(
    'Crossplane CA Secret',
    async () => {
      const data = await secret('crossplane-root-ca');
      return data?.['tls.crt'] ? data : undefined;
    },
    60_000,
  );
  const decode = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
  // What the kubelet would mount from the Secret into Crossplane's pod.
  writeFileSync(join(clientCerts, 'tls.crt'), decode(client['tls.crt']));
  writeFileSync(join(clientCerts, 'tls.key'), decode(client['tls.key']));
  writeFileSync(join(clientCerts, 'ca.crt'), decode(client['ca.crt'] ?? ca['tls.crt']));

  group.start(
    'crossplane',
    bin('crossplane'),
    [
      'core',
      'start',
      '--debug',
      '--package-runtime=External',
      `--xpkg-cache-dir=${xpkgCacheDir}`,
      `--xfn-cache-dir=${xfnCacheDir}`,
      `--tls-client-certs-dir=${clientCerts}`,
      `--poll-interval=${pollInterval}`,
      '--metrics-port=18080',
      '--health-probe-port=18081',
      ...CIRCUIT_BREAKER_FLAGS,
      ...secretNames.filter((s) => !s.startsWith('--tlsca')),
    ],
    { env: env(control, extraEnv) },
  );
  await until('Crossplane health', async () => ((await fetch('http://127.0.0.1:18081/healthz')).ok ? true : undefined), 60_000);
  return { xpkgCacheDir, caCert: decode(ca['tls.crt']), caKey: decode(ca['tls.key']) };
}
