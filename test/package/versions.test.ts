// One version, package.json's: the Configuration's Function dependencies name it, and
// scripts/package/versions.mjs checks that (build-xpkgs.sh and release.sh run the check) and sets a
// new version everywhere at once. Image and package tags derive from it (release.test.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FUNCTIONS, ROOT } from '../../sim/paths';

const SCRIPT = 'scripts/package/versions.mjs';
const work = mkdtempSync(join(tmpdir(), 'modelplane-versions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A scratch root holding the script and the three files it reads or writes. */
function scratch(name: string): string {
  const dir = join(work, name);
  for (const f of [SCRIPT, 'package.json', 'package-lock.json', 'crossplane.yaml']) cpSync(join(ROOT, f), join(dir, f));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
const run = (dir: string, ...args: string[]) => spawnSync('node', [join(dir, SCRIPT), ...args], { encoding: 'utf8' });
const functionDeps = (dir: string) =>
  (parse(readFileSync(join(dir, 'crossplane.yaml'), 'utf8')).spec.dependsOn as { function?: string; version: string }[]).filter((d) => d.function);
const version = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')).version as string;

describe('package versions', () => {
  it("crossplane.yaml pins the five Functions to package.json's version, and the check agrees", () => {
    const v = version(ROOT, 'package.json');
    expect(v).toMatch(/^\d+\.\d+\.\d+$/);
    expect(functionDeps(ROOT).map((d) => [d.function, d.version])).toEqual(FUNCTIONS.map((fn) => [`xpkg.crossplane.io/modelplane/${fn}`, `v${v}`]));
    expect(version(ROOT, 'package-lock.json')).toBe(v);
    expect(run(ROOT, 'check').status).toBe(0);
    expect(run(ROOT, 'tag').stdout).toBe(`v${v}\n`);
  });

  it('the check names a dependency pinned to another version', () => {
    const dir = scratch('drift');
    const cfg = readFileSync(join(dir, 'crossplane.yaml'), 'utf8');
    writeFileSync(join(dir, 'crossplane.yaml'), cfg.replace(/(fn-replica\n\s+version: )v[\d.]+/, '$1v9.9.9'));
    const res = run(dir, 'check');
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/fn-replica is pinned to v9\.9\.9, package\.json says v\d/);
    expect(res.stderr).not.toMatch(/fn-schedule/);
  });

  it('set writes the new version to package.json, the lockfile and the five dependencies, keeping comments', () => {
    const dir = scratch('bump');
    const res = run(dir, 'set', '0.2.0');
    expect(res.status, res.stderr).toBe(0);
    expect([version(dir, 'package.json'), version(dir, 'package-lock.json')]).toEqual(['0.2.0', '0.2.0']);
    expect(new Set(functionDeps(dir).map((d) => d.version))).toEqual(new Set(['v0.2.0']));
    const after = readFileSync(join(dir, 'crossplane.yaml'), 'utf8');
    expect(after).toContain('# Pins (exact versions; bump deliberately):');
    // Only the five Function pins changed.
    const before = readFileSync(join(ROOT, 'crossplane.yaml'), 'utf8');
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toEqual(FUNCTIONS.map(() => '      version: v0.2.0'));
    expect(run(dir, 'check').status).toBe(0);
    expect(execFileSync('node', [join(dir, SCRIPT), 'tag'], { encoding: 'utf8' })).toBe('v0.2.0\n');
  });

  it('a release version override (MODELPLANE_RELEASE_VERSION) moves the tag and the staged Function pins, and nothing in the checkout', () => {
    const v = version(ROOT, 'package.json');
    const as = (override: string | undefined, ...args: string[]) =>
      spawnSync('node', [join(ROOT, SCRIPT), ...args], { encoding: 'utf8', env: { ...process.env, MODELPLANE_RELEASE_VERSION: override } });
    // Without an override the release builds crossplane.yaml exactly as committed.
    expect(as(undefined, 'configuration').stdout).toBe(readFileSync(join(ROOT, 'crossplane.yaml'), 'utf8'));
    expect(as('', 'tag').stdout).toBe(`v${v}\n`);
    expect(as('0.9.1', 'tag').stdout).toBe('v0.9.1\n');
    const staged = as('0.9.1', 'configuration').stdout;
    const deps = (parse(staged).spec.dependsOn as { function?: string; provider?: string; version: string }[]).filter((d) => d.function);
    expect(deps.map((d) => d.version)).toEqual(FUNCTIONS.map(() => 'v0.9.1'));
    const before = readFileSync(join(ROOT, 'crossplane.yaml'), 'utf8').split('\n');
    expect(staged.split('\n').filter((line, i) => line !== before[i])).toEqual(FUNCTIONS.map(() => '      version: v0.9.1'));
    expect(version(ROOT, 'package.json')).toBe(v);
    const bad = as('latest', 'tag');
    expect([bad.status, bad.stderr]).toEqual([2, 'versions: MODELPLANE_RELEASE_VERSION latest is not a semantic version (X.Y.Z)\n']);
  });

  it('set refuses a version that is not semantic', () => {
    const dir = scratch('bad');
    expect(run(dir, 'set', 'v0.2').status).toBe(2);
    expect(version(dir, 'package.json')).toBe(version(ROOT, 'package.json'));
  });
});
