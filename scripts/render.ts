// `npm run render -- [options] <file>...`: renders Modelplane objects with the real `crossplane render`
// and the functions they need, started locally on free loopback ports. What the functions read from
// the control plane (clusters with their published pools, Secrets, endpoints...) comes from the
// sample state in examples/ and state/, or from the user's own files (--state).
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { KINDS } from '../functions/lib/schema/registry';
import { layer, readManifests, type Manifest } from '../sim/manifests';
import { FUNCTIONS, ROOT, type FunctionName } from '../sim/paths';
import { FunctionPool, render } from '../sim/render';

const USAGE = `Usage: npm run render -- [options] <file or directory>...

Renders every Modelplane object in the files (an XR, or a whole render output: --kind picks one
kind from it) through its Composition with the real crossplane render, and prints what it composes,
its status and its events as YAML.

Options:
  --state <path>        What the control plane holds: objects the functions require (clusters with
                        status, Secrets, endpoints...). Repeatable; files or directories, kubectl
                        "List" output welcome. Default: examples/ then state/ (sample state of a fleet
                        running the examples). Later files complete earlier ones (same object: its
                        fields, e.g. status, replace the earlier ones).
  --observed <path>     Composed resources observed for the object (each annotated with
                        crossplane.io/composition-resource-name), as a later reconcile sees them.
  --kind <Kind>         Only render objects of this kind.
  --print-state         Print the state (after layering) as YAML and exit: what to pass to
                        crossplane render -e when running it by hand.
  -h, --help            Show this help.`;

function fail(message: string): never {
  process.stderr.write(`render: ${message}\n`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        state: { type: 'string', multiple: true },
        observed: { type: 'string', multiple: true },
        kind: { type: 'string' },
        'print-state': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n\n${USAGE}`);
  }
})();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

// npm runs scripts from the package root; paths on the command line are the user's.
const cwd = process.env.INIT_CWD ?? process.cwd();
const read = (paths: readonly string[]): Manifest[] => {
  try {
    return readManifests(...paths.map((p) => resolve(cwd, p)));
  } catch (err) {
    return fail((err as Error).message);
  }
};

const statePaths = values.state ?? [join(ROOT, 'examples'), join(ROOT, 'state')];
const state = layer(read(statePaths));
if (values['print-state']) {
  process.stdout.write(state.map((o) => stringify(o)).join('---\n'));
  process.exit(0);
}
if (positionals.length === 0) fail(`name at least one file\n\n${USAGE}`);

const kindOf = new Map(KINDS.map((k) => [k.kind, k]));
const xrs = read(positionals).filter((o) => kindOf.has(o.kind) && (!values.kind || o.kind === values.kind));
if (xrs.length === 0) fail(`no ${values.kind ?? 'Modelplane object'} in ${positionals.join(', ')}`);
const observed = read(values.observed ?? []);

const functionOf = (kind: string): FunctionName => {
  const name = kindOf.get(kind)!.functionName.replace(/^modelplane-/, '');
  if (!(FUNCTIONS as readonly string[]).includes(name)) throw new Error(`no bundle for ${name}`);
  return name as FunctionName;
};

const pool = await FunctionPool.start([...new Set(xrs.map((x) => functionOf(x.kind)))]);
let failed = 0;
try {
  for (const xr of xrs) {
    const id = `${xr.kind} ${xr.metadata?.namespace ? `${xr.metadata.namespace}/` : ''}${xr.metadata?.name}`;
    try {
      const out = await render(pool, { xr, required: state, observed });
      const docs = [out.xr, ...out.resources, ...out.results];
      process.stdout.write(`---\n# ${id}: ${out.resources.length} composed resource(s), ${out.results.length} event(s)\n${docs.map((d) => stringify(d)).join('---\n')}`);
    } catch (err) {
      failed++;
      process.stderr.write(`render: ${id}: ${(err as Error).message}\n`);
    }
  }
} finally {
  await pool.stop();
}
process.stderr.write(`render: ${xrs.length - failed} of ${xrs.length} rendered (state: ${(values.state ?? ['examples', 'state']).join(', ')})\n`);
process.exit(failed ? 1 : 0);
