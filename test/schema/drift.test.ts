// (a) The committed XRDs and Compositions are exactly what the zod schemas generate.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../functions/lib/schema/registry';
import { generatedFiles } from '../../functions/lib/schema/xrd';
import { renderYaml } from '../../functions/lib/schema/yaml';
import { ROOT } from './support';

const files = generatedFiles().map((f) => ({ name: f.path, path: f.path, want: renderYaml(f.object) }));

describe('generated manifests match the zod schemas', () => {
  it.each(files)('$name', ({ path, want }) => {
    const file = join(ROOT, path);
    expect(existsSync(file), `${path} is missing: run npx tsx scripts/gen-xrds.ts`).toBe(true);
    expect(readFileSync(file, 'utf8'), `${path} drifted: run npx tsx scripts/gen-xrds.ts`).toBe(want);
  });

  it('apis/ and compositions/ hold nothing else', () => {
    const apis = readdirSync(join(ROOT, 'apis')).sort();
    const comps = readdirSync(join(ROOT, 'compositions')).sort();
    expect(apis).toEqual(KINDS.map((k) => k.plural).sort());
    expect(comps).toEqual(KINDS.map((k) => `${k.plural}.yaml`).sort());
  });
});
