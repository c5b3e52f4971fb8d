// The External package runtime, played by the harness (there is no kubelet): what Crossplane's
// Deployment runtime would do for each package revision, and what docs/operating.md tells a user
// who runs functions outside the cluster.
// - Every Function and Provider revision gets a TLS server Secret signed by Crossplane's CA, named in
//   its status (the package manager waits for it before establishing the package's objects).
// - Every Active FunctionRevision gets its image run: pulled from the registry by the reference the
//   revision resolved, unpacked, and started in isolation (own PID namespace, chroot, the image's
//   entrypoint, user and environment) with that certificate, on a loopback port reported as the
//   revision's status endpoint, where Crossplane dials it over mutual TLS; then RuntimeHealthy.
//   A revision no longer Active has its process stopped once its successor serves.
// - Provider revisions: the stand-in packages have no controller image; their runtime is declared
//   healthy (provider-kubernetes' controller runs as a process of the stack, see stack.ts).
import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../../sim/process';
import type { LocalRegistry } from '../../package/registry';
import { TOOLS } from '../../package/registry';
import { unpackImage } from '../../package/rootfs';
import type { ApiServer } from './apiservers';
import { CROSSPLANE_NAMESPACE, type Crossplane } from './crossplane';
import { isTrue, type Obj } from './kube';
import { mirrored, parentOf } from './packages';
import { serverTlsDir } from './pki';
import { until, type ProcessGroup, type Started } from './processes';

const CHROOT = execFileSync('sh', ['-c', 'command -v chroot'], { encoding: 'utf8' }).trim();
const TLS_FILES = ['tls.crt', 'tls.key', 'ca.crt'] as const;

/** A revision's image running as its Function's runtime. */
export interface RunningRevision {
  readonly revision: string;
  readonly pkg: string;
  /** The reference pulled, REF@sha256:… */
  readonly image: string;
  /** The image's org.opencontainers.image.version label. */
  readonly version: string | undefined;
  readonly endpoint: string;
  readonly process: Started;
}

export class PackageRuntime {
  /** Package name -> TLS directory (the Secret's contents), one per package as Crossplane's runtime makes them. */
  private readonly tls = new Map<string, string>();
  /** Revision name -> its running image. */
  readonly running = new Map<string, RunningRevision>();
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  lastError: unknown;

  constructor(
    private readonly group: ProcessGroup,
    private readonly control: ApiServer,
    private readonly xp: Crossplane,
    private readonly registry: LocalRegistry,
    private readonly dir: string,
  ) {}

  /** One pass over every Function and Provider revision (idempotent). */
  async reconcile(): Promise<void> {
    const kube = this.control.kube;
    const functions = await kube.list('functionrevisions');
    const providers = await kube.list('providerrevisions');
    for (const r of [...functions, ...providers]) await this.provideTls(r);
    for (const r of functions) {
      if (r.spec.desiredState !== 'Active') continue;
      const run = this.running.get(r.metadata.name) ?? (await this.runImage(r));
      if (r.status?.endpoint !== run.endpoint) await kube.patchStatus('functionrevisions', r.metadata.name, undefined, { endpoint: run.endpoint });
      if (!isTrue(r, 'RuntimeHealthy')) await this.markRuntimeHealthy('functionrevisions', r);
    }
    for (const r of providers) if (!isTrue(r, 'RuntimeHealthy')) await this.markRuntimeHealthy('providerrevisions', r);
    // A superseded revision's process goes once the package's active revision serves.
    for (const [name, run] of this.running) {
      const r = functions.find((f) => f.metadata.name === name);
      if (r?.spec.desiredState === 'Active') continue;
      const successor = functions.find((f) => parentOf(f) === run.pkg && f.spec.desiredState === 'Active');
      if (r && !(successor && this.running.has(successor.metadata.name))) continue;
      this.running.delete(name);
      await this.group.stop(run.process);
    }
  }

  /** Runs reconcile() every `everyMs` until stop(). */
  start(everyMs = 1_000): void {
    const loop = () => {
      this.pass = this.reconcile()
        .catch((err: unknown) => {
          this.lastError = err;
        })
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(loop, everyMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    const t = this.timer;
    this.timer = undefined;
    if (t) clearTimeout(t);
    await this.pass;
  }

  /** The package's TLS server Secret (created once, signed by Crossplane's CA) and its directory. */
  private async tlsFor(pkg: string): Promise<{ secret: string; dir: string }> {
    const secret = `${pkg}-tls-server`;
    let dir = this.tls.get(pkg);
    if (!dir) {
      dir = serverTlsDir(join(this.dir, 'tls'), pkg, this.xp.caCert, this.xp.caKey);
      const data = Object.fromEntries(TLS_FILES.map((f) => [f, readFileSync(join(dir!, f)).toString('base64')]));
      await this.control.kube.apply([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: secret, namespace: CROSSPLANE_NAMESPACE }, type: 'kubernetes.io/tls', data }]);
      this.tls.set(pkg, dir);
    }
    return { secret, dir };
  }

  private async provideTls(revision: Obj): Promise<void> {
    const { secret } = await this.tlsFor(parentOf(revision));
    if (revision.status?.tlsServerSecretName === secret) return;
    const kind = revision.kind === 'FunctionRevision' ? 'functionrevisions' : 'providerrevisions';
    await this.control.kube.patchStatus(kind, revision.metadata.name, undefined, { tlsServerSecretName: secret });
  }

  /** The reference to pull: the one the revision resolved (ImageConfig applied), else its source rewritten the same way. */
  private pullRef(revision: Obj): string {
    const resolved = revision.status?.resolvedPackage as string | undefined;
    if (resolved?.startsWith(this.registry.address)) return resolved;
    return mirrored(this.registry, revision.spec.image as string);
  }

  private async runImage(revision: Obj): Promise<RunningRevision> {
    const name = revision.metadata.name as string;
    const pkg = parentOf(revision);
    const tls = (await this.tlsFor(pkg)).dir;
    const env = { ...process.env, SSL_CERT_FILE: this.registry.caFile };
    const ref = this.pullRef(revision);
    const digest = execFileSync(join(TOOLS, 'crane'), ['digest', ref], { env, encoding: 'utf8' }).trim();
    // Crossplane names a revision after its package's digest: the image run is the revision's.
    if (!name.endsWith(digest.replace('sha256:', '').slice(0, 12))) throw new Error(`${name}: ${ref} is ${digest}, not this revision's package`);
    const image = `${ref.replace(/[:@][^/]*$/, '')}@${digest}`;
    const work = join(this.dir, 'images', name);
    mkdirSync(work, { recursive: true });
    execFileSync(join(TOOLS, 'crane'), ['pull', image, join(work, 'image.tar')], { env, stdio: 'pipe' });
    const { rootfs, config } = unpackImage(join(work, 'image.tar'), work);
    for (const f of TLS_FILES) {
      copyFileSync(join(tls, f), join(rootfs, 'tls/server', f));
      const [uid, gid] = config.User.split(':').map(Number);
      chownSync(join(rootfs, 'tls/server', f), uid!, gid ?? uid!);
    }
    mkdirSync(join(rootfs, 'proc'), { recursive: true });
    const port = await freePort();
    // The image's entrypoint, user and environment, chrooted in its own PID namespace; it listens on
    // loopback, where Crossplane dials the endpoint the revision reports.
    const started = this.group.start(name, 'unshare', [
      '--pid',
      '--fork',
      '--kill-child',
      `--mount-proc=${join(rootfs, 'proc')}`,
      'env',
      '-i',
      ...config.Env,
      CHROOT,
      `--userspec=${config.User}`,
      rootfs,
      ...config.Entrypoint,
      '--address',
      `127.0.0.1:${port}`,
      '--metrics-address',
      'off',
    ]);
    await until(`${name} serving from its image`, () => (started.log().includes('"msg":"serving"') ? true : undefined), 30_000, 100);
    const run: RunningRevision = {
      revision: name,
      pkg,
      image,
      version: config.Labels?.['org.opencontainers.image.version'],
      endpoint: `dns:///127.0.0.1:${port}`,
      process: started,
    };
    this.running.set(name, run);
    return run;
  }

  /** What the runtime reports once a package's process serves: the RuntimeHealthy condition. */
  private async markRuntimeHealthy(kind: string, revision: Obj): Promise<void> {
    const others = (revision.status?.conditions ?? []).filter((c: Obj) => c.type !== 'RuntimeHealthy');
    const healthy = { type: 'RuntimeHealthy', status: 'True', reason: 'HealthyPackageRevision', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
    await this.control.kube.patchStatus(kind, revision.metadata.name, undefined, { conditions: [...others, healthy] });
  }
}
