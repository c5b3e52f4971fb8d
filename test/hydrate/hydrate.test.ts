// The hydration Job's script, run for real (python3 -c, exactly as the Job runs it) against a
// loopback stub of Hugging Face / NGC: it stages files and a marker, a second run downloads
// nothing, tokens reach only the source's origin and never the output.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HYDRATE_SCRIPT } from '../../functions/fn-modelcache/hydrate/script';
import { startStub, type Stub, type StubOptions } from './stub';

interface Run {
  readonly code: number;
  readonly output: string;
}

function runScript(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile('python3', ['-c', HYDRATE_SCRIPT], { env: { PATH: process.env.PATH ?? '', MODELPLANE_RETRY_DELAY: '0', ...env }, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

const FILES = [
  { path: 'config.json', content: '{"architectures": ["TinyForCausalLM"]}' },
  { path: 'model.safetensors', content: 'weights-'.repeat(1000), viaCdn: true },
  { path: 'tokenizer/tokenizer.json', content: '{"vocab": {}}' },
];

let stub: Stub | undefined;
let dir: string | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function setup(opts: StubOptions): Promise<{ stub: Stub; target: string }> {
  stub = await startStub(opts);
  dir = mkdtempSync(join(tmpdir(), 'modelplane-hydrate-'));
  return { stub, target: join(dir, 'models') };
}

const hfEnv = (url: string, target: string, token?: string): Record<string, string> => ({
  MODELPLANE_SOURCE: 'huggingface',
  MODELPLANE_ARTIFACT: 'huggingface:acme/tiny@main',
  MODELPLANE_TARGET: target,
  HF_REPO: 'acme/tiny',
  HF_REVISION: 'main',
  HF_ENDPOINT: url,
  ...(token ? { HF_TOKEN: `${token}\n` } : {}), // Secrets made with `echo` end in a newline
});
const ngcEnv = (url: string, target: string, resource: string, key?: string): Record<string, string> => ({
  MODELPLANE_SOURCE: 'ngc',
  MODELPLANE_ARTIFACT: `ngc:${resource}`,
  MODELPLANE_TARGET: target,
  NGC_RESOURCE: resource,
  NGC_API_URL: url,
  NGC_AUTHN_URL: url,
  ...(key ? { NGC_API_KEY: key } : {}),
});

const cases = [
  {
    name: 'Hugging Face, public repository',
    stub: { hfRepo: 'acme/tiny', hfCommit: 'c0ffee', files: FILES },
    env: (url: string, t: string) => hfEnv(url, t),
    secret: undefined,
    sentAuth: undefined,
  },
  {
    name: 'Hugging Face, gated repository with a token',
    stub: { hfRepo: 'acme/tiny', hfCommit: 'c0ffee', files: FILES, requireAuth: 'Bearer hf_s3cr3t' },
    env: (url: string, t: string) => hfEnv(url, t, 'hf_s3cr3t'),
    secret: 'hf_s3cr3t',
    sentAuth: 'Bearer hf_s3cr3t',
  },
  {
    name: 'NGC, public team model',
    stub: { ngcModel: 'nvidia/nim/tiny', ngcVersion: '1.0', files: FILES },
    env: (url: string, t: string) => ngcEnv(url, t, 'nvidia/nim/tiny:1.0'),
    secret: undefined,
    sentAuth: undefined,
  },
  {
    name: 'NGC, personal API key used as the bearer token',
    stub: { ngcModel: 'nvidia/nim/tiny', ngcVersion: '1.0', files: FILES, requireAuth: 'Bearer nvapi-s3cr3t' },
    env: (url: string, t: string) => ngcEnv(url, t, 'nvidia/nim/tiny:1.0', 'nvapi-s3cr3t'),
    secret: 'nvapi-s3cr3t',
    sentAuth: 'Bearer nvapi-s3cr3t',
  },
  {
    name: 'NGC, legacy API key exchanged for a token (org model, no team)',
    stub: {
      ngcModel: 'acme/tiny',
      ngcVersion: '2',
      files: FILES,
      requireAuth: 'Bearer exchanged-jwt',
      ngcExchange: { basic: Buffer.from('$oauthtoken:legacy-s3cr3t').toString('base64'), token: 'exchanged-jwt' },
    },
    env: (url: string, t: string) => ngcEnv(url, t, 'acme/tiny:2', 'legacy-s3cr3t'),
    secret: 'legacy-s3cr3t',
    sentAuth: 'Bearer exchanged-jwt',
  },
];

describe('hydrate.py against a loopback source', () => {
  it.each(cases)('$name: stages every file and the marker, then a rerun downloads nothing', async (c) => {
    const { stub, target } = await setup(c.stub);
    const first = await runScript(c.env(stub.url, target));
    expect(first).toMatchObject({ code: 0 });
    for (const f of FILES) expect(readFileSync(join(target, f.path), 'utf8')).toBe(f.content);
    const marker = JSON.parse(readFileSync(join(target, '.modelplane-complete'), 'utf8'));
    expect(marker).toEqual({
      artifact: c.env(stub.url, target).MODELPLANE_ARTIFACT,
      resolved: c.stub.hfCommit ?? c.stub.ngcVersion,
      files: FILES.map((f) => f.path).sort(),
    });
    expect(existsSync(join(target, '.modelplane', 'staging'))).toBe(false);

    // The token reached the source on every request to its origin, and never the CDN's.
    const cdn = stub.requests.filter((r) => r.path.startsWith('/cdn/'));
    expect(cdn).toHaveLength(1);
    expect(cdn[0]!.authorization).toBeUndefined();
    const origin = stub.requests.filter((r) => !r.path.startsWith('/cdn/') && r.path !== '/token');
    expect(new Set(origin.map((r) => r.authorization))).toEqual(new Set([c.sentAuth]));
    if (c.secret) expect(first.output).not.toContain(c.secret);
    expect(first.output).not.toContain('exchanged-jwt');

    const before = stub.requests.length;
    const second = await runScript(c.env(stub.url, target));
    expect(second.code).toBe(0);
    expect(second.output).toContain('already staged');
    expect(stub.requests.length - before).toBe(0);
  });

  it('a wrong token fails at once (exit 3, not retried), no marker, the token nowhere in the output', async () => {
    const { stub, target } = await setup({ hfRepo: 'acme/tiny', hfCommit: 'c0ffee', files: FILES, requireAuth: 'Bearer right' });
    const run = await runScript(hfEnv(stub.url, target, 'hf_wrong_token'));
    expect(run.code).toBe(3);
    expect(stub.requests).toHaveLength(1);
    expect(run.output).toContain('HTTP 401');
    expect(run.output).not.toContain('hf_wrong_token');
    expect(existsSync(join(target, '.modelplane-complete'))).toBe(false);
  });

  it('a missing repository is a permanent failure naming the URL and status', async () => {
    const { stub, target } = await setup({ hfRepo: 'acme/other', files: FILES });
    const run = await runScript(hfEnv(stub.url, target));
    expect(run).toEqual({ code: 3, output: expect.stringContaining(`GET ${stub.url}/api/models/acme/tiny/revision/main: HTTP 404`) });
  });

  it('a download cut short is retried and only the complete file is published', async () => {
    const { stub, target } = await setup({ hfRepo: 'acme/tiny', hfCommit: 'c0ffee', files: FILES, truncateOnce: ['model.safetensors'] });
    const run = await runScript(hfEnv(stub.url, target));
    expect(run.code).toBe(0);
    expect(run.output).toContain('retrying');
    expect(readFileSync(join(target, 'model.safetensors'), 'utf8')).toBe(FILES[1]!.content);
  });

  it('a server error that persists fails after the configured attempts, retryable (exit 1)', async () => {
    const { stub, target } = await setup({ hfRepo: 'acme/tiny', hfCommit: 'c0ffee', files: FILES, failWith: { '/acme/tiny/resolve/c0ffee/config.json': 503 } });
    const run = await runScript({ ...hfEnv(stub.url, target), MODELPLANE_RETRIES: '3' });
    expect(run.code).toBe(1);
    expect(stub.requests.filter((r) => r.path.endsWith('/config.json'))).toHaveLength(3);
    expect(existsSync(join(target, 'config.json'))).toBe(false);
  });

  it('a new artifact replaces the previous one: new files in, files only the old one had out', async () => {
    const { stub, target } = await setup({ hfRepo: 'acme/tiny', hfCommit: 'c0ffee', files: FILES });
    expect((await runScript(hfEnv(stub.url, target))).code).toBe(0);
    writeFileSync(join(target, 'user-notes.txt'), 'not ours');
    await stub.close();
    const next = [
      { path: 'config.json', content: '{"v": 2}' },
      { path: 'model-00001.safetensors', content: 'v2' },
    ];
    const second = await setup({ hfRepo: 'acme/tiny', hfRevision: 'v2', hfCommit: 'beef', files: next });
    const run = await runScript({ ...hfEnv(second.stub.url, target), HF_REVISION: 'v2', MODELPLANE_ARTIFACT: 'huggingface:acme/tiny@v2' });
    expect(run.code).toBe(0);
    expect(readFileSync(join(target, 'config.json'), 'utf8')).toBe('{"v": 2}');
    expect(existsSync(join(target, 'model.safetensors'))).toBe(false);
    expect(existsSync(join(target, 'tokenizer/tokenizer.json'))).toBe(false);
    expect(readFileSync(join(target, 'user-notes.txt'), 'utf8')).toBe('not ours');
    expect(JSON.parse(readFileSync(join(target, '.modelplane-complete'), 'utf8')).artifact).toBe('huggingface:acme/tiny@v2');
  });

  it.each([
    { name: 'parent directory', path: '../escape.txt' },
    { name: 'absolute path', path: '/etc/escape.txt' },
    { name: 'our own marker', path: '.modelplane-complete' },
  ])('refuses an unsafe path from the listing: $name', async ({ path }) => {
    const { stub, target } = await setup({ hfRepo: 'acme/tiny', hfCommit: 'c0ffee', files: [{ path, content: 'x' }] });
    const run = await runScript(hfEnv(stub.url, target));
    expect(run.code).toBe(3);
    expect(run.output).toContain('refusing unsafe file path');
    expect(existsSync(join(target, '..', 'escape.txt'))).toBe(false);
    expect(existsSync(join(target, '.modelplane-complete'))).toBe(false);
  });

  it.each<{ name: string; env: Record<string, string> }>([
    { name: 'unknown source', env: { MODELPLANE_SOURCE: 's3', MODELPLANE_ARTIFACT: 'x' } },
    { name: 'no artifact', env: { MODELPLANE_SOURCE: 'huggingface' } },
  ])('bad configuration exits 2: $name', async ({ env }) => {
    dir = mkdtempSync(join(tmpdir(), 'modelplane-hydrate-'));
    const run = await runScript({ ...env, MODELPLANE_TARGET: dir });
    expect(run.code).toBe(2);
  });
});
