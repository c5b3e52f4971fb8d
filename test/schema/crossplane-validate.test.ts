// The real Crossplane CLI validates every example against the generated XRDs (OpenAPI and CEL,
// with the API server's own validation library), and rejects every invalid variant with the
// intended rule. Offline, as docs/development.md documents it: the CLI carries its version, and
// setup seeded the cache entry of that version's Crossplane image with Crossplane's own schemas,
// so it never tries to download the image.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ROOT } from './support';
import { VALID_VARIANTS, VARIANTS, variantDoc } from './variants';

const CLI = join(ROOT, '.tools', 'bin', 'crossplane');
const CACHE = join(ROOT, '.tools', 'crossplane-cache');
const PINNED = /github\.com\/crossplane\/crossplane\/v2 (v\S+)/.exec(readFileSync(join(ROOT, 'scripts', 'crossplane-cli', 'go.mod'), 'utf8'))?.[1];
const work = mkdtempSync(join(tmpdir(), 'modelplane-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function validate(resources: string) {
  const res = spawnSync(CLI, ['beta', 'validate', join(ROOT, 'apis'), resources, '--cache-dir', CACHE, '--error-on-missing-schemas'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

describe('crossplane beta validate', () => {
  it('runs the CLI that setup installed', () => {
    expect(existsSync(CLI), `${CLI} is missing: run scripts/setup-crossplane.sh`).toBe(true);
  });

  it('carries the pinned version, which names the seeded schemas', () => {
    const res = spawnSync(CLI, ['version', '--client'], { encoding: 'utf8' });
    expect(PINNED).toMatch(/^v2\./);
    expect(res.stdout.trim()).toBe(`Client Version: ${PINNED}`);
    expect(existsSync(join(CACHE, `xpkg.crossplane.io/crossplane/crossplane@${PINNED}`, 'apiextensions.crossplane.io_compositions.yaml'))).toBe(true);
  });

  it('accepts every example', () => {
    const { code, out } = validate(join(ROOT, 'examples'));
    expect(out).toMatch(/Total 14 resources: 0 missing schemas, 14 success cases, 0 failure cases/);
    expect(code, out).toBe(0);
  });

  it('accepts every valid variant', () => {
    const dir = join(work, 'valid');
    mkdirSync(dir);
    VALID_VARIANTS.forEach((v, i) => writeFileSync(join(dir, `valid-${i}.yaml`), stringify(variantDoc(v, i))));
    const { code, out } = validate(dir);
    expect(out).toContain(`Total ${VALID_VARIANTS.length} resources: 0 missing schemas, ${VALID_VARIANTS.length} success cases, 0 failure cases`);
    expect(code, out).toBe(0);
  });

  it('rejects every invalid variant with its rule', () => {
    const dir = join(work, 'variants');
    mkdirSync(dir);
    VARIANTS.forEach((v, i) => writeFileSync(join(dir, `variant-${i}.yaml`), stringify(variantDoc(v, i))));
    const { code, out } = validate(dir);
    expect(code).not.toBe(0);
    expect(out).toContain(`Total ${VARIANTS.length} resources: 0 missing schemas, 0 success cases, ${VARIANTS.length} failure cases`);
    const lines = out.split('\n');
    const misses = VARIANTS.flatMap((v, i) => {
      const mine = lines.filter((l) => l.includes(`, variant-${i} :`));
      return mine.length > 0 && mine.every((l) => l.includes('CEL validation error') && l.includes(v.want)) ? [] : [{ variant: v.name, lines: mine }];
    });
    expect(misses).toEqual([]);
  });
});
