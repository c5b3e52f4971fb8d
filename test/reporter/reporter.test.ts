// The capacity reporter's script, run for real (python3 -c, exactly as its Deployment runs it, one
// pass) against a loopback stub of the Kubernetes API (plain HTTP, paginated lists, the
// resource.k8s.io version probe, server-side apply of the ConfigMap). No kubelet or DRA driver
// runs offline, so the stub serves what they would have published. What it writes is then read
// with the contract's parser and aggregated with the rules fn-inferencecluster publishes by.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MODULE_PATH, PYTHON_PATH, scriptModule } from '../../functions/fn-inferencecluster/reporter/generate';
import { REPORTER_SCRIPT } from '../../functions/fn-inferencecluster/reporter/script';
import { reporterDeployment } from '../../functions/fn-inferencecluster/stack/reporter';
import { livePool } from '../../functions/lib/capacity';
import { CAPACITY_REPORT, readCapacityReport } from '../../functions/lib/contracts';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly auth: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
}

interface Stub {
  readonly url: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

const node = (name: string, pool: string, opts: { ready?: boolean; unschedulable?: boolean; taints?: object[] } = {}) => ({
  metadata: { name, labels: { 'modelplane.ai/pool': pool } },
  spec: { ...(opts.unschedulable ? { unschedulable: true } : {}), taints: opts.taints ?? [] },
  status: { conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
});
const slice = (node: string, generation: number, devices: number, driver = 'gpu.nvidia.com') => ({
  metadata: { name: `${node}-${driver}-${generation}` },
  spec: { driver, nodeName: node, pool: { name: node, generation }, devices: Array.from({ length: devices }, (_, i) => ({ name: `gpu-${i}` })) },
});
const claim = (namespace: string, devices: [string, string][]) => ({
  metadata: { namespace, name: `c-${devices.map(([n, d]) => `${n}-${d}`).join('-')}` },
  status: { allocation: { devices: { results: devices.map(([pool, device]) => ({ driver: 'gpu.nvidia.com', pool, device, request: 'gpu' })) } } },
});

// Three pool nodes: one healthy, one cordoned, one with a maintenance taint; a fourth not in any pool
// is never listed (label selector). gpu-1 also has an older slice generation being replaced.
const NODES = [
  node('gpu-1', 'h100'),
  node('gpu-2', 'h100', { unschedulable: true }),
  node('gpu-3', 'h100', {
    taints: [
      { key: 'example.com/maintenance', effect: 'NoExecute' },
      { key: 'example.com/soft', effect: 'PreferNoSchedule' },
    ],
  }),
];
const SLICES = [
  slice('gpu-1', 1, 4),
  slice('gpu-1', 2, 8),
  slice('gpu-2', 1, 8),
  slice('gpu-3', 1, 8),
  { metadata: { name: 'network' }, spec: { driver: 'nic.example.com', allNodes: true, pool: { name: 'fabric', generation: 1 }, devices: [{ name: 'nic-0' }] } },
];
const CLAIMS = [
  claim('team-b', [
    ['gpu-1', 'gpu-0'],
    ['gpu-1', 'gpu-1'],
    ['gpu-1', 'gpu-2'],
  ]),
  claim('team-c', [['gpu-1', 'gpu-2']]), // a shared device counts once
  claim('modelplane-serving', [['gpu-1', 'gpu-5']]), // Modelplane's own: the ledger charges it
];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => resolve(body));
  });
}

/** Lists are served two items per page, so the script must follow `continue`. */
function page(items: unknown[], url: URL): object {
  const start = Number(url.searchParams.get('continue') ?? '0');
  const next = start + 2;
  return { items: items.slice(start, next), metadata: next < items.length ? { continue: String(next) } : {} };
}

async function startStub(opts: { resourceVersion: string; failNodes?: boolean }): Promise<Stub> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, contentType: req.headers['content-type'], body });
      const url = new URL(req.url ?? '/', 'http://stub');
      const json = (code: number, v: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      const rv = `/apis/resource.k8s.io/${opts.resourceVersion}`;
      if (url.pathname === '/api/v1/nodes') return opts.failNodes ? json(500, { message: 'boom' }) : json(200, page(NODES, url));
      if (url.pathname === rv) return json(200, { kind: 'APIResourceList' });
      if (url.pathname === `${rv}/resourceslices`) return json(200, page(SLICES, url));
      if (url.pathname === `${rv}/resourceclaims`) return json(200, page(CLAIMS, url));
      if (url.pathname === `/api/v1/namespaces/${CAPACITY_REPORT.namespace}/configmaps/${CAPACITY_REPORT.name}` && req.method === 'PATCH') return json(200, JSON.parse(body));
      return json(404, { message: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let stub: Stub | undefined;
let dir: string | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** One pass of the script with the Deployment's own environment, pointed at the stub. */
function runOnce(url: string): Promise<{ code: number; output: string }> {
  dir = mkdtempSync(join(tmpdir(), 'modelplane-reporter-'));
  const token = join(dir, 'token');
  writeFileSync(token, 'sa-token\n');
  const env = Object.fromEntries((reporterDeployment().spec!.template.spec!.containers[0]!.env ?? []).map((e) => [e.name, e.value ?? '']));
  return new Promise((resolve) => {
    execFile(
      'python3',
      ['-c', REPORTER_SCRIPT],
      { env: { PATH: process.env.PATH ?? '', ...env, MODELPLANE_ONCE: '1', MODELPLANE_API_URL: url, MODELPLANE_TOKEN_FILE: token }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('capacity reporter script', () => {
  it('script.ts is generated from the current reporter.py (run: npx tsx functions/fn-inferencecluster/reporter/generate.ts)', () => {
    expect(readFileSync(MODULE_PATH, 'utf8')).toBe(scriptModule(readFileSync(PYTHON_PATH, 'utf8')));
    expect(REPORTER_SCRIPT).toBe(readFileSync(PYTHON_PATH, 'utf8'));
  });

  it.each(['v1', 'v1beta1'])('lists nodes, slices and claims (resource.k8s.io %s) and applies one ConfigMap the contract reads', async (version) => {
    stub = await startStub({ resourceVersion: version });
    const run = await runOnce(stub.url);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('reported 3 nodes');
    // Pool nodes only, with the service account token, every page followed.
    const nodesList = stub.seen.filter((s) => s.url.startsWith('/api/v1/nodes'));
    expect(nodesList.length).toBe(2);
    expect(new URL(nodesList[0]!.url, 'http://x').searchParams.get('labelSelector')).toBe('modelplane.ai/pool');
    expect(stub.seen.every((s) => s.auth === 'Bearer sa-token')).toBe(true);
    expect(stub.seen.filter((s) => s.url.includes('/resourceslices')).length).toBe(3);
    // One write: server-side apply, its own field manager.
    const writes = stub.seen.filter((s) => s.method !== 'GET');
    expect(writes.map((w) => [w.method, w.contentType])).toEqual([['PATCH', 'application/apply-patch+yaml']]);
    expect(new URL(writes[0]!.url, 'http://x').searchParams.get('fieldManager')).toBe('modelplane-capacity-reporter');

    const written = JSON.parse(writes[0]!.body);
    const report = readCapacityReport(written);
    expect(report.state).toBe('present');
    if (report.state !== 'present') return;
    expect(report.nodes.map((n) => [n.name, n.pool, n.ready, n.unschedulable, n.taints.map((t) => t.effect)])).toEqual([
      ['gpu-1', 'h100', true, false, []],
      ['gpu-2', 'h100', true, true, []],
      ['gpu-3', 'h100', true, false, ['NoExecute']],
    ]);
    // Newest generation only (8, not 4+8); three devices held by other tenants (one shared), ours not counted.
    expect(report.nodes[0]!.devices.get('gpu.nvidia.com')).toEqual({ published: 8, foreign: 3 });
    expect(report.nodes[1]!.devices.get('gpu.nvidia.com')).toEqual({ published: 8, foreign: 0 });

    const live = livePool([{ claim: 'DRA', driver: 'gpu.nvidia.com', deviceClassName: 'gpu.nvidia.com', count: 8 }], report.nodes, undefined);
    expect(live).toEqual({ nodes: 3, schedulableNodes: 1, devices: 8, foreignDevices: 3, free: ['1x5'], headroomNodes: 0 });
  });

  it('a failed pass writes nothing and exits non-zero (the last report stays and ages)', async () => {
    stub = await startStub({ resourceVersion: 'v1', failNodes: true });
    const run = await runOnce(stub.url);
    expect(run.code).toBe(1);
    expect(run.output).toContain('pass failed, the last report stays');
    expect(stub.seen.filter((s) => s.method !== 'GET')).toEqual([]);
  });
});
