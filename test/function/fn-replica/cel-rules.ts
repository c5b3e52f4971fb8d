// Evaluates a CRD's x-kubernetes-validations rules (at every schema node an object reaches, not just
// spec) with cel-js, so composed manifests are held to the API server's CEL checks offline.
// Transition rules (oldSelf) need an old object and are skipped. cel-js cannot take has() of a
// field behind an index (`has(self.matches[0].path)`); those are rewritten to the equivalent map
// membership test (`'path' in self.matches[0]`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '@marcbachmann/cel-js';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../../harness/paths';

type Json = Record<string, any>;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.ya?ml$/.test(entry)) yield path;
  }
}

export function loadSchemas(dir = join(ROOT, '.tools', 'crds')): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const file of files(dir)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJSON() as Json | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) out.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
    }
  }
  return out;
}

const HAS_BEHIND_INDEX = /has\(([^()]*\[[^()]*\])\.([A-Za-z_][A-Za-z0-9_]*)\)/g;
export const portable = (rule: string): string => rule.replace(HAS_BEHIND_INDEX, "('$2' in $1)");

export interface RuleReport {
  evaluated: number;
  /** `<path>: <message>` for every rule that does not hold or cannot be evaluated. */
  failures: string[];
}

export function checkRules(schema: Json | undefined, value: unknown, path = '', report: RuleReport = { evaluated: 0, failures: [] }): RuleReport {
  if (!schema || value === undefined || value === null) return report;
  for (const r of (schema['x-kubernetes-validations'] ?? []) as Json[]) {
    if (String(r.rule).includes('oldSelf')) continue;
    try {
      report.evaluated++;
      if (evaluate(portable(r.rule), { self: value }) !== true) report.failures.push(`${path || '/'}: ${r.message ?? r.rule}`);
    } catch (err) {
      report.failures.push(`${path || '/'}: cannot evaluate ${r.rule}: ${String(err).split('\n')[0]}`);
    }
  }
  if (Array.isArray(value)) value.forEach((item, i) => checkRules(schema.items, item, `${path}[${i}]`, report));
  else if (typeof value === 'object') {
    for (const [k, child] of Object.entries(value as Json)) {
      const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      checkRules(sub, child, `${path}.${k}`, report);
    }
  }
  return report;
}
