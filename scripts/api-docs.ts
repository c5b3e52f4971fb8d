// Renders docs/api-reference.md from the same schemas the XRDs come from. Pure: returns the text;
// scripts/gen-api-docs.ts writes it and test/schema/api-docs.test.ts fails when it is stale.
import { KINDS, type KindEntry } from '../functions/lib/schema/registry';
import { openApiSchema, type JsonSchema } from '../functions/lib/schema/xrd';

interface Row {
  path: string;
  type: string;
  details: string;
  description: string;
}

const asSchema = (v: unknown): JsonSchema => (v ?? {}) as JsonSchema;

function typeOf(s: JsonSchema): string {
  if (s['x-kubernetes-int-or-string']) return 'int or string';
  if (s.type === 'array') return `[]${typeOf(asSchema(s.items))}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return `map[string]${typeOf(asSchema(s.additionalProperties))}`;
  return String(s.type ?? (s['x-kubernetes-preserve-unknown-fields'] ? 'object' : 'any'));
}

function details(s: JsonSchema, required: boolean): string {
  const parts: string[] = [];
  // An int-or-string node's bounds each apply to one of its types.
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  if (required) parts.push('required');
  if (s.default !== undefined) parts.push(`default \`${JSON.stringify(s.default)}\``);
  if (Array.isArray(s.enum)) parts.push(`one of ${s.enum.map((e) => `\`${String(e)}\``).join(', ')}`);
  for (const [k, label] of [
    ['minimum', 'min'],
    ['maximum', 'max'],
    ['minItems', 'min items'],
    ['maxItems', 'max items'],
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['maxProperties', 'max entries'],
  ] as const) {
    if (s[k] !== undefined) parts.push(`${intOrString ? `${k.endsWith('Length') ? 'string' : 'integer'} ` : ''}${label} ${String(s[k])}`);
  }
  if (s.pattern) parts.push(`${intOrString ? 'string ' : ''}pattern \`${String(s.pattern)}\``);
  if (s['x-kubernetes-list-map-keys']) parts.push(`list keyed by ${(s['x-kubernetes-list-map-keys'] as string[]).join(', ')}`);
  if (s['x-kubernetes-preserve-unknown-fields']) parts.push('passed through');
  return parts.join('; ');
}

const oneLine = (s: unknown) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();

function walk(s: JsonSchema, path: string, required: boolean, rows: Row[]): void {
  rows.push({ path, type: typeOf(s), details: oneLine(details(s, required)), description: oneLine(s.description) });
  const props = asSchema(s.properties);
  const req = new Set((s.required as string[] | undefined) ?? []);
  for (const [name, child] of Object.entries(props)) walk(asSchema(child), `${path}.${name}`, req.has(name), rows);
  if (s.type === 'array' && s.items) {
    const items = asSchema(s.items);
    const itemReq = new Set((items.required as string[] | undefined) ?? []);
    for (const [name, child] of Object.entries(asSchema(items.properties))) walk(asSchema(child), `${path}[].${name}`, itemReq.has(name), rows);
  }
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    const values = asSchema(s.additionalProperties);
    const valueReq = new Set((values.required as string[] | undefined) ?? []);
    for (const [name, child] of Object.entries(asSchema(values.properties))) walk(asSchema(child), `${path}[*].${name}`, valueReq.has(name), rows);
  }
}

function rules(s: JsonSchema, path: string, out: string[]): void {
  for (const v of (s['x-kubernetes-validations'] as { rule: string; message?: string }[] | undefined) ?? []) {
    out.push(`- \`${path}\`: ${oneLine(v.message ?? v.rule)}`);
  }
  for (const [name, child] of Object.entries(asSchema(s.properties))) rules(asSchema(child), `${path}.${name}`, out);
  if (s.items) rules(asSchema(s.items), `${path}[]`, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') rules(asSchema(s.additionalProperties), `${path}[*]`, out);
}

function section(entry: KindEntry): string {
  const schema = openApiSchema(entry);
  const props = asSchema(schema.properties);
  const lines = [
    `## ${entry.kind}`,
    '',
    oneLine(entry.description),
    '',
    `\`${entry.group}/${entry.version}\`, ${entry.scope === 'Cluster' ? 'cluster-scoped' : 'namespaced'}, short name${entry.shortNames.length > 1 ? 's' : ''} ${entry.shortNames.map((s) => `\`${s}\``).join(', ')}, composed by \`${entry.functionName}\`.`,
    '',
  ];
  if (entry.printerColumns.length) {
    lines.push(`Printer columns: ${entry.printerColumns.map((c) => `${c.name} (\`${c.jsonPath}\`)`).join(', ')}, then Crossplane's SYNCED, READY, COMPOSITION, AGE.`, '');
  }
  if (entry.scale) {
    lines.push(
      `Scale subresource: spec \`${entry.scale.specReplicasPath}\`, status \`${entry.scale.statusReplicasPath}\`${entry.scale.labelSelectorPath ? `, selector \`${entry.scale.labelSelectorPath}\`` : ''}.`,
      '',
    );
  }
  for (const part of ['spec', 'status'] as const) {
    const s = asSchema(props[part]);
    if (!s.properties) continue;
    const rows: Row[] = [];
    for (const [name, child] of Object.entries(asSchema(s.properties))) walk(asSchema(child), `${part}.${name}`, ((s.required as string[]) ?? []).includes(name), rows);
    lines.push(`### ${part}`, '', '| Field | Type | Constraints | Description |', '|---|---|---|---|');
    for (const r of rows) lines.push(`| \`${r.path}\` | ${r.type} | ${r.details} | ${r.description} |`);
    lines.push('');
  }
  const validation: string[] = [];
  rules(asSchema(props.spec), 'spec', validation);
  if (validation.length) lines.push('### Validation rules', '', ...validation, '');
  return lines.join('\n');
}

export function apiReference(): string {
  return [
    '<!-- Generated by scripts/gen-api-docs.ts from functions/lib/schema. Do not edit by hand. -->',
    '# API reference (modelplane.ai/v1alpha1)',
    '',
    'Every kind Modelplane defines, generated from the schemas that also produce the XRDs and the',
    "functions' types. Defaults are applied by the API server; rules are enforced by the XRDs' CEL",
    'validations and again by the functions, which report a violation as a condition naming the field.',
    '',
    ...KINDS.map((k) => `- [${k.kind}](#${k.kind.toLowerCase()})`),
    '',
    ...KINDS.map(section),
  ].join('\n');
}
