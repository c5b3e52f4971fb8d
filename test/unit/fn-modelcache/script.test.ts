// The Job embeds hydrate.py through a generated module: the two must never drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODULE_PATH, PYTHON_PATH, scriptModule } from '../../../functions/fn-modelcache/hydrate/generate';
import { HYDRATE_SCRIPT } from '../../../functions/fn-modelcache/hydrate/script';

describe('embedded hydration script', () => {
  it('script.ts is generated from the current hydrate.py (run: npx tsx functions/fn-modelcache/hydrate/generate.ts)', () => {
    expect(readFileSync(MODULE_PATH, 'utf8')).toBe(scriptModule(readFileSync(PYTHON_PATH, 'utf8')));
  });

  it('the embedded text is the script itself', () => {
    expect(HYDRATE_SCRIPT).toBe(readFileSync(PYTHON_PATH, 'utf8'));
  });
});
