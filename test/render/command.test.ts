// `npm run render` as a user runs it (scripts/render.ts, after setup): every example kind renders
// against the shipped sample state, a rendered ModelReplica renders in turn, and a user's own state
// files replace the sample.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONDITION, REASON } from '../../functions/fn-replica/conditions';
import { layer, readManifests, type Manifest } from '../../sim/manifests';
import { ROOT } from '../../sim/paths';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly docs: Manifest[];
}

function renderCommand(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'render.ts'), ...args], { cwd: ROOT, env: { ...process.env, INIT_CWD: ROOT } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const docs = parseAllDocuments(stdout)
        .map((d) => d.toJSON() as Manifest)
        .filter(Boolean);
      resolve({ code, stdout, stderr, docs });
    });
  });
}

const find = (docs: readonly Manifest[], kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata?.name === name);
const composedBy = (docs: readonly Manifest[], xr: string) => docs.filter((d) => d.metadata?.labels?.['crossplane.io/composite'] === xr);
const condition = (o: Manifest | undefined, type: string) => (o?.status?.conditions ?? []).find((c: Manifest) => c.type === type);

describe('npm run render', () => {
  let all: Run;
  beforeAll(async () => {
    all = await renderCommand('examples');
  }, 120_000);

  it('renders every example with the sample state and says so', () => {
    expect(all.code, all.stderr).toBe(0);
    expect(all.stderr).toContain('render: 14 of 14 rendered (state: examples, state)');
    const kinds = new Set(all.docs.filter((d) => d.apiVersion === 'modelplane.ai/v1alpha1' && d.status).map((d) => d.kind));
    expect([...kinds].sort()).toEqual(['InferenceClass', 'InferenceCluster', 'InferenceGateway', 'ModelCache', 'ModelDeployment', 'ModelEndpoint', 'ModelService']);
  });

  it('the sample state publishes exactly the pools fn-inferencecluster derives from the classes', () => {
    const state = layer(readManifests(join(ROOT, 'examples'), join(ROOT, 'state')));
    for (const name of ['us-east', 'us-central', 'us-west']) {
      expect(find(all.docs, 'InferenceCluster', name)?.status?.gpuPools, name).toEqual(find(state, 'InferenceCluster', name)?.status?.gpuPools);
    }
  });

  it('places the Qwen3-8B replica on a cluster of the sample fleet', () => {
    const replicas = composedBy(all.docs, 'qwen3-8b').filter((d) => d.kind === 'ModelReplica');
    expect(replicas.map((r) => r.spec.clusterName).length).toBeGreaterThan(0);
    expect(find(all.docs, 'ModelDeployment', 'qwen3-8b')?.status?.unschedulable).toEqual([]);
  });

  it('stages the cache on us-east only, with the token Secret it references', () => {
    const cache = composedBy(all.docs, 'qwen3-coder-480b').filter((d) => d.kind === 'Object');
    expect(cache.map((o) => [o.spec.providerConfigRef.name, o.spec.forProvider.manifest.kind]).sort()).toEqual([
      ['us-east', 'Job'],
      ['us-east', 'PersistentVolumeClaim'],
      ['us-east', 'Secret'],
    ]);
  });

  it('routes the ModelService over the sample endpoints at 4:1', () => {
    const route = composedBy(all.docs, 'qwen3-coder').find((d) => d.kind === 'HTTPRoute');
    expect(route?.spec.rules.flatMap((r: Manifest) => r.backendRefs.map((b: Manifest) => [b.name, b.weight]))).toEqual([
      ['me-qwen3-coder-480b-a5b38', 4],
      ['me-together-qwen3-coder', 1],
    ]);
    expect(find(all.docs, 'ModelService', 'qwen3-coder')?.status?.address).toBe('http://192.0.2.10/ml-team/qwen3-coder');
  });

  it('renders the ModelReplicas a deployment composed (--kind picks them from the output)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelplane-render-'));
    writeFileSync(join(dir, 'out.yaml'), all.stdout);
    const run = await renderCommand('--kind', 'ModelReplica', join(dir, 'out.yaml'));
    expect(run.code, run.stderr).toBe(0);
    const replicas = run.docs.filter((d) => d.kind === 'ModelReplica');
    expect(replicas.length).toBe(composedBy(all.docs, 'qwen3-8b').filter((d) => d.kind === 'ModelReplica').length + 2);
    for (const r of replicas) expect(condition(r, CONDITION.accepted)?.reason, r.metadata.name).toBe(REASON.applying);
    expect(run.docs.some((d) => d.kind === 'Object' && d.spec.forProvider.manifest.kind === 'Deployment')).toBe(true);
  });

  it("reads a user's own state instead (kubectl List output)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelplane-state-'));
    const cluster = find(layer(readManifests(join(ROOT, 'examples'), join(ROOT, 'state'))), 'InferenceCluster', 'us-west')!;
    writeFileSync(join(dir, 'clusters.yaml'), stringify({ apiVersion: 'v1', kind: 'List', items: [cluster] }));
    const run = await renderCommand('--state', dir, 'examples/09-modeldeployment-qwen3-8b.yaml');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`(state: ${dir})`);
    expect(
      composedBy(run.docs, 'qwen3-8b')
        .filter((d) => d.kind === 'ModelReplica')
        .map((r) => r.spec.clusterName),
    ).toEqual(Array.from({ length: find(run.docs, 'ModelDeployment', 'qwen3-8b')!.status.replicas.total }, () => 'us-west'));
  });

  it.each([
    { args: [], want: 'name at least one file' },
    { args: ['--bogus', 'examples'], want: "Unknown option '--bogus'" },
    { args: ['--kind', 'ModelReplica', 'examples'], want: 'no ModelReplica in examples' },
  ])('refuses $args with a usage message', async ({ args, want }) => {
    const run = await renderCommand(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(want);
  });
});
