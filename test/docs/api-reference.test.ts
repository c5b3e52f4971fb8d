// docs/api-reference.md is generated from the schemas; it must never drift from them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../functions/lib/schema/registry';
import { apiReference } from '../../scripts/api-docs';
import { ROOT } from '../../sim/paths';

describe('API reference', () => {
  const committed = readFileSync(join(ROOT, 'docs', 'api-reference.md'), 'utf8');

  it('matches what the schemas generate (run `npm run gen` after a schema change)', () => {
    expect(committed).toBe(apiReference());
  });

  it.each(KINDS.map((k) => ({ kind: k.kind })))('documents $kind with its spec table', ({ kind }) => {
    expect(committed).toContain(`## ${kind}\n`);
  });

  it('lists defaults from the schema', () => {
    expect(committed).toMatch(/`spec\.replicas` \| integer \| default `1`/);
  });
});
