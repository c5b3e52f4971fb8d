// etcd and the Kubernetes API servers of the e2e stack. One etcd serves every API server, each under
// its own key prefix: the control plane and two "inference clusters". Only the API servers are
// real on the inference side: no kubelet, scheduler or controller-manager runs there (the cluster
// simulator plays their part, see simulator.ts). The control plane also runs
// kube-controller-manager for garbage collection and namespace deletion, which Crossplane's
// foreground deletion of composed resources relies on.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kube, kubeconfigYaml } from './kube';
import { bin } from './paths';
import { apiServerCerts } from './pki';
import { until, type ProcessGroup } from './processes';

export const ETCD_URL = 'http://127.0.0.1:2379';

export async function startEtcd(group: ProcessGroup, dataDir: string): Promise<void> {
  group.start('etcd', bin('etcd'), [
    '--data-dir',
    dataDir,
    '--listen-client-urls',
    ETCD_URL,
    '--advertise-client-urls',
    ETCD_URL,
    '--listen-peer-urls',
    'http://127.0.0.1:2380',
    '--initial-advertise-peer-urls',
    'http://127.0.0.1:2380',
    '--initial-cluster',
    'default=http://127.0.0.1:2380',
    // A test cluster that is thrown away: durability is not worth the fsyncs on a shared CI disk.
    '--unsafe-no-fsync',
    '--log-level',
    'warn',
  ]);
  await until('etcd health', async () => ((await fetch(`${ETCD_URL}/health`)).ok ? true : undefined), 30_000, 200);
}

export interface ApiServer {
  readonly name: string;
  readonly url: string;
  readonly kube: Kube;
  /** The kubeconfig text, as stored in the Secret an Existing InferenceCluster reads. */
  readonly kubeconfig: string;
  /** Admin bearer token (the test acts as cluster admin; see docs/testing.md). */
  readonly token: string;
}

export async function startApiServer(group: ProcessGroup, name: string, port: number, dir: string): Promise<ApiServer> {
  mkdirSync(dir, { recursive: true });
  const certs = apiServerCerts(join(dir, 'pki'));
  const token = `e2e-${name}-admin`;
  const tokens = join(dir, 'tokens.csv');
  writeFileSync(tokens, `${token},admin,admin,system:masters\n`);
  group.start(`kube-apiserver-${name}`, bin('kube-apiserver'), [
    `--etcd-servers=${ETCD_URL}`,
    `--etcd-prefix=/registry-${name}`,
    `--secure-port=${port}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--tls-cert-file=${certs.certFile}`,
    `--tls-private-key-file=${certs.keyFile}`,
    `--token-auth-file=${tokens}`,
    '--authorization-mode=RBAC',
    `--service-account-key-file=${certs.saPubFile}`,
    `--service-account-signing-key-file=${certs.saKeyFile}`,
    '--service-account-issuer=https://kubernetes.default.svc',
    '--service-cluster-ip-range=10.96.0.0/16',
    // No Service of type kubernetes endpoints to maintain: nothing runs pods here.
    '--endpoint-reconciler-type=none',
    '--enable-priority-and-fairness=false',
    '--profiling=false',
  ]);
  const url = `https://127.0.0.1:${port}`;
  const kubeconfig = kubeconfigYaml({ server: url, caFile: certs.caFile, token, name }, readFileSync(certs.caFile, 'utf8'));
  const kube = Kube.write(join(dir, 'kubeconfig'), name, kubeconfig);
  await until(`${name} API server /readyz`, async () => ((await kube.kubectl(['get', '--raw', '/readyz'])).trim() === 'ok' ? true : undefined), 90_000, 500);
  return { name, url, kube, kubeconfig, token };
}

export function startControllerManager(group: ProcessGroup, control: ApiServer): void {
  group.start('kube-controller-manager', bin('kube-controller-manager'), [
    `--kubeconfig=${control.kube.kubeconfig}`,
    '--controllers=garbagecollector,namespace',
    '--leader-elect=false',
    '--secure-port=0',
  ]);
}
