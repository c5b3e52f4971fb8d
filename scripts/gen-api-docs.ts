// `npm run gen` (after gen-xrds): regenerates docs/api-reference.md. `--check` exits 1 when stale.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiReference } from './api-docs';

const path = join(fileURLToPath(new URL('..', import.meta.url)), 'docs', 'api-reference.md');
const text = apiReference();
if (process.argv.includes('--check')) {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (current !== text) {
    console.error('docs/api-reference.md is stale: run npm run gen');
    process.exit(1);
  }
} else {
  writeFileSync(path, text);
  console.log('wrote docs/api-reference.md');
}
