// Golden files: committed expected outputs. `npm run test:update` (UPDATE_GOLDEN=1) rewrites them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { expect } from 'vitest';
import { ROOT } from '../../sim/paths';

const updating = () => process.env.UPDATE_GOLDEN === '1';

/** Compares `actual` with test/golden/<name>.yaml; writes the file when updating or missing in update mode. */
export function expectGolden(name: string, actual: unknown): void {
  const path = join(ROOT, 'test', 'golden', `${name}.yaml`);
  const text = stringify(actual, { sortMapEntries: false, lineWidth: 0 });
  if (updating()) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden file ${path} is missing: run npm run test:update`);
  expect(actual).toEqual(parse(readFileSync(path, 'utf8')));
}
