// The getting-started tour as simulator input: the examples plus the Secrets they reference.
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

export const secret = (namespace: string, name: string, data: Record<string, string>): Obj => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { namespace, name },
  type: 'Opaque',
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
});
