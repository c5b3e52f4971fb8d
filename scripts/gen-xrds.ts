// Generates apis/<plural>/definition.yaml (XRDs) and compositions/<plural>.yaml from the zod
// schemas in functions/lib/schema. `--check` writes nothing and exits 1 when a committed file
// differs from what would be generated.
//
//   npx tsx scripts/gen-xrds.ts          # regenerate
//   npx tsx scripts/gen-xrds.ts --check  # fail on drift
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderYaml } from '../functions/lib/schema/yaml';
import { generatedFiles } from '../functions/lib/schema/xrd';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

let drift = 0;
for (const f of generatedFiles()) {
  const file = join(root, f.path);
  const want = renderYaml(f.object);
  let have: string | undefined;
  try {
    have = readFileSync(file, 'utf8');
  } catch {
    have = undefined;
  }
  if (have === want) continue;
  if (check) {
    drift++;
    console.error(`drift: ${f.path} ${have === undefined ? 'is missing' : 'differs from the schema'}`);
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, want);
  console.log(`wrote ${f.path}`);
}
if (check && drift > 0) {
  console.error(`${drift} generated file(s) out of date: run npx tsx scripts/gen-xrds.ts`);
  process.exit(1);
}
