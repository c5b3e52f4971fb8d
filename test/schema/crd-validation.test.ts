// The generated XRDs pass the Kubernetes API server's own CRD validation (structural schema,
// defaults, list-map keys, scale subresource, and CEL compilation with its cost budget), checked by
// a small Go program on k8s.io/apiextensions-apiserver (test/schema/crdcheck).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { KINDS } from '../../functions/lib/schema/registry';
import { ROOT } from './support';

// Built by scripts/setup-crdcheck.sh (part of `npm test`'s setup).
const bin = join(ROOT, '.tools', 'bin', 'crdcheck');
const work = mkdtempSync(join(tmpdir(), 'modelplane-crdcheck-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function check(files: string[]) {
  const res = spawnSync(bin, files, { encoding: 'utf8', timeout: 60_000 });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

describe('Kubernetes CRD validation of the XRDs', () => {
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run scripts/setup-crdcheck.sh`);
  });

  it.each(KINDS.map((k) => ({ name: k.kind, file: join(ROOT, 'apis', k.plural, 'definition.yaml') })))('$name', ({ file }) => {
    const { code, out } = check([file]);
    expect(out.trim()).toBe(`${file}: ok`);
    expect(code).toBe(0);
  });

  it('rejects a rule whose estimated cost is unbounded (the checker really checks)', () => {
    const xrd = parse(readFileSync(join(ROOT, 'apis', 'modelservices', 'definition.yaml'), 'utf8'));
    const spec = xrd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    spec.properties.tags = { type: 'array', items: { type: 'string' }, 'x-kubernetes-validations': [{ rule: 'self.all(x, self.all(y, x.matches(y)))' }] };
    const file = join(work, 'costly.yaml');
    writeFileSync(file, stringify(xrd));
    const { code, out } = check([file]);
    expect(code).toBe(1);
    expect(out).toContain('estimated rule cost exceeds budget');
  });
});
