// The commands docs/getting-started.md shows, carried out on the simulated fleet: kubectl apply,
// create namespace, create secret generic, scale, get (the table of the kind's printer columns, or
// -o jsonpath, printed or read into a shell variable). Commands
// that cannot mean anything here (installing the package, calling a model) say what they would do.
// Anything else is refused, so the guide cannot show a command the demo silently skips.
import { join } from 'node:path';
import { KINDS, type KindEntry } from '../functions/lib/schema/registry';
import { compositionName } from '../functions/lib/schema/xrd';
import type { Simulator } from './fleet/simulator';
import type { Obj } from './fleet/world';
import { readManifests } from './manifests';
import { ROOT } from './paths';
import { table } from './text';

export interface Outcome {
  /** Whether the command changed the fleet (the demo then lets it settle). */
  readonly changed: boolean;
  /** What happened, for the demo to print. */
  readonly note: string;
  /** What the command prints, as kubectl would. */
  readonly output?: string;
}

export class UnknownCommand extends Error {}

/** Shell words of a line: quotes removed, `$VAR` and `${VAR}` expanded outside single quotes. */
export function shellWords(line: string, env: Readonly<Record<string, string>>): string[] {
  const words: string[] = [];
  let word: string | undefined;
  const expand = (s: string) => s.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (_, v: string) => env[v] ?? '');
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\s+)|([^'"\s]+)/g;
  for (const m of line.matchAll(re)) {
    if (m[3] !== undefined) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + (m[1] ?? expand(m[2] ?? m[4] ?? ''));
  }
  if (word !== undefined) words.push(word);
  return words;
}

const kindByName = new Map<string, string>();
const entryByName = new Map<string, KindEntry>();
for (const k of KINDS) {
  for (const n of [k.kind.toLowerCase(), k.plural, k.singular, ...k.shortNames]) {
    kindByName.set(n, k.kind);
    entryByName.set(n, k);
  }
}

/** `kubectl` words to namespace, verb and the rest. */
function kubectlArgs(words: readonly string[]): { namespace?: string; verb: string; args: string[] } {
  const rest = [...words.slice(1)];
  let namespace: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '-n' || rest[i] === '--namespace') {
      namespace = rest[i + 1];
      rest.splice(i, 2);
      i--;
    } else if (rest[i]!.startsWith('--namespace=')) namespace = rest.splice(i--, 1)[0]!.slice('--namespace='.length);
  }
  const [verb = '', ...args] = rest;
  return { ...(namespace ? { namespace } : {}), verb, args };
}

const flagValues = (args: readonly string[], flag: string): string[] =>
  args.flatMap((a, i) => (a === flag ? [args[i + 1]!] : a.startsWith(`${flag}=`) ? [a.slice(flag.length + 1)] : []));

function lookup(sim: Simulator, resource: string, name: string, namespace?: string): Obj {
  const kind = kindByName.get(resource.toLowerCase());
  if (!kind) throw new UnknownCommand(`unknown resource type ${resource}`);
  const o = sim.world.find(kind, name, namespace);
  if (!o) throw new Error(`${kind} ${namespace ? `${namespace}/` : ''}${name} not found`);
  return o;
}

/** `.a.b.c` of an object; `.status.conditions[?(@.type=='X')].status` too (the printer columns Crossplane adds). */
function field(o: Obj, path: string): unknown {
  const cond = /^\.status\.conditions\[\?\(@\.type=='(\w+)'\)\]\.(\w+)$/.exec(path);
  if (cond) return (o.status?.conditions ?? []).find((c: Obj) => c.type === cond[1])?.[cond[2]!];
  if (!/^(?:\.[\w-]+)+$/.test(path)) throw new UnknownCommand(`jsonpath ${path} (only {.field.field})`);
  return path
    .split('.')
    .slice(1)
    .reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Obj)[k] : undefined), o);
}

/** The subset of kubectl's JSONPath the guide uses: `{.a.b.c}`; maps and lists print as JSON, as kubectl prints them. */
function jsonpath(o: Obj, path: string): string {
  const m = /^\{(.+)\}$/.exec(path);
  if (!m) throw new UnknownCommand(`jsonpath ${path} (only {.field.field})`);
  const v = field(o, m[1]!);
  return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** kubectl's AGE (apimachinery's HumanDuration), up to days. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  return h % 24 === 0 ? `${Math.floor(h / 24)}d` : `${Math.floor(h / 24)}d${h % 24}h`;
}

/**
 * `kubectl get` of one of Modelplane's kinds: NAME, the XRD's printer columns, then the ones
 * Crossplane adds to every XR (SYNCED, READY, COMPOSITION, AGE; AGE by the simulated clock).
 */
function getTable(sim: Simulator, entry: KindEntry, objects: readonly Obj[]): string {
  const now = sim.clock ? Date.parse(sim.clock) : undefined;
  const columns: { name: string; value: (o: Obj) => string }[] = [
    { name: 'NAME', value: (o) => o.metadata.name },
    ...entry.printerColumns.map((c) => ({ name: c.name, value: (o: Obj) => String(field(o, c.jsonPath) ?? '') })),
    { name: 'SYNCED', value: (o) => String(field(o, ".status.conditions[?(@.type=='Synced')].status") ?? '') },
    { name: 'READY', value: (o) => String(field(o, ".status.conditions[?(@.type=='Ready')].status") ?? '') },
    { name: 'COMPOSITION', value: () => compositionName(entry) },
    { name: 'AGE', value: (o) => (now !== undefined && o.metadata.creationTimestamp ? humanDuration(now - Date.parse(o.metadata.creationTimestamp)) : '<unknown>') },
  ];
  if (objects.length === 0) return 'No resources found';
  return table(
    columns.map((c) => c.name),
    objects.map((o) => columns.map((c) => c.value(o))),
  );
}

function kubectl(sim: Simulator, words: readonly string[]): Outcome & { output?: string } {
  const { namespace, verb, args } = kubectlArgs(words);
  if (verb === 'apply') {
    const files = flagValues(args, '-f');
    if (files.length === 0) throw new UnknownCommand('kubectl apply without -f');
    const objects = readManifests(...files.map((f) => join(ROOT, f)));
    sim.apply(...objects.map((o) => (namespace && !o.metadata?.namespace && kindByName.has(o.kind?.toLowerCase()) ? { ...o, metadata: { ...o.metadata, namespace } } : o)));
    return { changed: true, note: `applied ${objects.map((o) => `${o.kind} ${o.metadata?.name}`).join(', ')}` };
  }
  if (verb === 'create' && (args[0] === 'namespace' || args[0] === 'ns') && args[1]) {
    sim.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: args[1] } });
    return { changed: true, note: `created Namespace ${args[1]}` };
  }
  if (verb === 'create' && args[0] === 'secret' && args[1] === 'generic' && args[2] && namespace) {
    const literals = flagValues(args, '--from-literal').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const);
    if (literals.length === 0) throw new UnknownCommand('kubectl create secret generic without --from-literal');
    const data = Object.fromEntries(literals.map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
    sim.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: args[2], namespace }, type: 'Opaque', data });
    return { changed: true, note: `created Secret ${namespace}/${args[2]} (keys ${literals.map(([k]) => k).join(', ')})` };
  }
  if (verb === 'scale' && args[0]?.includes('/')) {
    const [resource, name] = args[0].split('/') as [string, string];
    const replicas = Number(flagValues(args, '--replicas')[0]);
    if (!Number.isInteger(replicas) || replicas < 0) throw new UnknownCommand(`kubectl scale without a valid --replicas`);
    lookup(sim, resource, name, namespace).spec.replicas = replicas;
    return { changed: true, note: `scaled ${resource}/${name} to ${replicas}` };
  }
  if (verb === 'get' && args.length === 2 + 2 && args[2] === '-o' && args[3]!.startsWith('jsonpath=')) {
    const output = jsonpath(lookup(sim, args[0]!, args[1]!, namespace), args[3]!.slice('jsonpath='.length));
    return { changed: false, note: `read ${args[0]} ${args[1]}`, output };
  }
  if (verb === 'get' && (args.length === 1 || args.length === 2)) {
    const entry = entryByName.get(args[0]!.toLowerCase());
    if (!entry) throw new UnknownCommand(`kubectl get ${args[0]}`);
    const objects = args[1]
      ? [lookup(sim, args[0]!, args[1], namespace)]
      : sim.world
          .ofKind(entry.kind)
          .filter((o) => entry.scope !== 'Namespaced' || o.metadata?.namespace === (namespace ?? 'default'))
          .sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
    return { changed: false, note: `listed ${entry.plural}`, output: getTable(sim, entry, objects) };
  }
  throw new UnknownCommand(`kubectl ${verb} ${args.join(' ')}`);
}

/** Runs one command of the guide against the fleet; `env` holds the shell's variables. */
export function runCommand(sim: Simulator, line: string, env: Record<string, string>): Outcome {
  const assignment = /^([A-Za-z_]\w*)=\$\((.*)\)$/.exec(line);
  if (assignment) {
    const result = kubectl(sim, shellWords(assignment[2]!, env));
    if (result.output === undefined) throw new UnknownCommand(`${assignment[2]} prints nothing to assign`);
    env[assignment[1]!] = result.output;
    return { changed: false, note: `${assignment[1]}=${result.output}` };
  }
  const words = shellWords(line, env);
  switch (words[0]) {
    case 'kubectl':
      return kubectl(sim, words);
    case 'crossplane':
      if (words[1] === 'xpkg' && words[2] === 'install') {
        return { changed: false, note: 'not simulated: the simulated control plane already serves the XRDs and Compositions of this checkout' };
      }
      break;
    case 'curl': {
      const url = words.slice(1).find((w) => /^https?:\/\//.test(w));
      if (url) return { changed: false, note: `not run: no model server answers in a simulated fleet; on a real one this POSTs to ${url}` };
      break;
    }
    default:
      break;
  }
  throw new UnknownCommand(line);
}
