// Reading Kubernetes manifests as users keep them: YAML files or directories of them, several
// documents per file, `kind: List` (kubectl get -o yaml) flattened. Later objects complete earlier
// ones with the same identity, so a file of statuses can complete the manifests in examples/.
import type { Obj } from './fleet/world';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type Manifest = Obj;

const yamlFiles = (path: string): string[] =>
  statSync(path).isDirectory()
    ? readdirSync(path)
        .sort()
        .flatMap((f) => (/\.ya?ml$/.test(f) || statSync(join(path, f)).isDirectory() ? yamlFiles(join(path, f)) : []))
    : [path];

/** Every object in the files (directories: their *.yaml files, recursively, in name order). */
export function readManifests(...paths: string[]): Manifest[] {
  return paths
    .flatMap(yamlFiles)
    .flatMap((file) =>
      parseAllDocuments(readFileSync(file, 'utf8')).map((d) => {
        if (d.errors.length) throw new Error(`${file}: ${d.errors[0]!.message}`);
        return d.toJSON() as Manifest | null;
      }),
    )
    .filter((o): o is Manifest => o !== null && typeof o === 'object')
    .flatMap((o) => (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items) ? (o.items as Manifest[]) : [o]));
}

export const identity = (o: Manifest): string => `${o.apiVersion}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name ?? ''}`;

/**
 * One object per identity, in first-seen order. A later object replaces each top-level field it
 * has (metadata merged by field): an object with only `status` completes the earlier manifest.
 */
export function layer(objects: readonly Manifest[]): Manifest[] {
  const byId = new Map<string, Manifest>();
  for (const o of objects) {
    const prev = byId.get(identity(o));
    byId.set(identity(o), prev ? { ...prev, ...o, metadata: { ...prev.metadata, ...o.metadata } } : o);
  }
  return [...byId.values()];
}
