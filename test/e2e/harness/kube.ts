// A thin client for one API server: the real kubectl with a kubeconfig, as an operator would use it.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { bin } from './paths';

export type Obj = Record<string, any>;

export interface KubeconfigOptions {
  readonly server: string;
  readonly caFile: string;
  readonly token: string;
  readonly name: string;
}

/** A kubeconfig as YAML text (the same text goes into the Secrets Existing InferenceClusters read). */
export function kubeconfigYaml(o: KubeconfigOptions, caData: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: o.name, cluster: { server: o.server, 'certificate-authority-data': Buffer.from(caData).toString('base64') } }],
    users: [{ name: 'admin', user: { token: o.token } }],
    contexts: [{ name: o.name, context: { cluster: o.name, user: 'admin' } }],
    'current-context': o.name,
  });
}

export class KubectlError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`kubectl ${args.join(' ')}: ${stderr.trim()}`);
  }
  get notFound(): boolean {
    return /NotFound|not found/.test(this.stderr);
  }
}

export class Kube {
  constructor(
    readonly name: string,
    readonly kubeconfig: string,
  ) {}

  static write(path: string, name: string, yaml: string): Kube {
    writeFileSync(path, yaml);
    return new Kube(name, path);
  }

  kubectl(args: readonly string[], input?: string, timeoutMs = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = execFile(bin('kubectl'), ['--kubeconfig', this.kubeconfig, ...args], { maxBuffer: 64 << 20, timeout: timeoutMs }, (err, stdout, stderr) => {
        if (err) reject(new KubectlError(args, stderr || err.message));
        else resolve(stdout);
      });
      if (input !== undefined) child.stdin?.end(input);
    });
  }

  /** Server-side apply of one or more objects (YAML text or objects), as a named field manager. */
  apply(objects: string | readonly Obj[], fieldManager = 'e2e'): Promise<string> {
    const text = typeof objects === 'string' ? objects : objects.map((o) => stringify(o)).join('---\n');
    return this.kubectl(['apply', '--server-side', '--force-conflicts', `--field-manager=${fieldManager}`, '-f', '-'], text);
  }

  applyFiles(files: readonly string[]): Promise<string> {
    return this.kubectl(['apply', ...files.flatMap((f) => ['-f', f])]);
  }

  async get(resource: string, name: string, namespace?: string): Promise<Obj | undefined> {
    try {
      return JSON.parse(await this.kubectl(['get', resource, name, '-o', 'json', ...ns(namespace)]));
    } catch (err) {
      if (err instanceof KubectlError && err.notFound) return undefined;
      throw err;
    }
  }

  async list(resource: string, namespace?: string | 'all', selector?: string): Promise<Obj[]> {
    const scope = namespace === 'all' ? ['--all-namespaces'] : ns(namespace);
    const sel = selector ? ['-l', selector] : [];
    return JSON.parse(await this.kubectl(['get', resource, ...sel, '-o', 'json', ...scope])).items as Obj[];
  }

  /** A merge patch of the status subresource (what a controller on the cluster would write). */
  patchStatus(resource: string, name: string, namespace: string | undefined, status: Obj): Promise<string> {
    return this.kubectl(['patch', resource, name, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status }), ...ns(namespace)]);
  }

  delete(resource: string, name: string, namespace?: string, wait = false): Promise<string> {
    return this.kubectl(['delete', resource, name, `--wait=${wait}`, '--ignore-not-found', ...ns(namespace)]);
  }
}

const ns = (namespace?: string): string[] => (namespace ? ['-n', namespace] : []);

/** A condition of an object's status, by type. */
export function condition(obj: Obj | undefined, type: string): Obj | undefined {
  return (obj?.status?.conditions as Obj[] | undefined)?.find((c) => c.type === type);
}

export const isTrue = (obj: Obj | undefined, type: string): boolean => condition(obj, type)?.status === 'True';
