// `crossplane xpkg build` of the Configuration (crossplane.yaml + apis/ + compositions/, with
// examples/) and of every Function package's metadata, offline, with the real CLI. The linter
// inside xpkg build rejects objects a package may not carry, which the last row proves.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CROSSPLANE, FUNCTIONS, ROOT } from '../../sim/paths';

const work = mkdtempSync(join(tmpdir(), 'modelplane-xpkg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function stageConfiguration(name: string, extra?: (root: string) => void): string {
  const root = join(work, name);
  cpSync(join(ROOT, 'crossplane.yaml'), join(root, 'crossplane.yaml'));
  cpSync(join(ROOT, 'apis'), join(root, 'apis'), { recursive: true });
  cpSync(join(ROOT, 'compositions'), join(root, 'compositions'), { recursive: true });
  extra?.(root);
  return root;
}

const build = (root: string, out: string, examples = join(ROOT, 'examples')) =>
  spawnSync(CROSSPLANE, ['xpkg', 'build', '-f', root, '-e', examples, '-o', out], { encoding: 'utf8', timeout: 120_000 });

/** An xpkg is an OCI image tarball: its manifest lists one layer holding package.yaml. */
const tarEntries = (file: string) => execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).split('\n').filter(Boolean);

describe('crossplane xpkg build', () => {
  it('builds the Configuration with its XRDs, Compositions and examples', () => {
    const out = join(work, 'modelplane.xpkg');
    const res = build(stageConfiguration('configuration'), out);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(tarEntries(out)).toContain('manifest.json');
  });

  it.each(FUNCTIONS.map((fn) => ({ fn })))('builds the $fn Function package metadata', ({ fn }) => {
    const root = join(work, fn);
    cpSync(join(ROOT, 'package', fn, 'crossplane.yaml'), join(root, 'crossplane.yaml'));
    const out = join(work, `${fn}.xpkg`);
    const res = build(root, out, join(work, 'no-examples'));
    expect(res.status, res.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(join(root, 'crossplane.yaml'), 'utf8')).toContain(`name: ${fn}`);
  });

  it('rejects a Configuration that carries an object packages may not contain', () => {
    const root = stageConfiguration('bad', (r) => writeFileSync(join(r, 'apis', 'stray.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n'));
    const res = build(root, join(work, 'bad.xpkg'));
    expect(res.status).not.toBe(0);
  });
});
