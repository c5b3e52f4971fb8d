// The manifests in examples/ and the sample Secrets in state/, as simulator input.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readManifests } from '../manifests';
import { ROOT } from '../paths';
import type { Obj } from './world';

export function loadExamples(filter: (file: string) => boolean = () => true): Obj[] {
  const dir = join(ROOT, 'examples');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && filter(f))
    .sort();
  return readManifests(...files.map((f) => join(dir, f)));
}

const examples = loadExamples();

/** A copy of the example object of this kind and name. */
export function example(kind: string, name: string): Obj {
  const o = examples.find((e) => e.kind === kind && e.metadata?.name === name);
  if (!o) throw new Error(`examples/ has no ${kind} ${name}`);
  return structuredClone(o);
}

/** The Secrets the examples reference, with placeholder values (state/secrets.yaml). */
export const sampleSecrets = (): Obj[] => readManifests(join(ROOT, 'state', 'secrets.yaml'));
