// Runs the real `crossplane render` against function bundles running on loopback.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import { KINDS } from '../functions/lib/schema/registry';
import { CROSSPLANE, FUNCTIONS, functionRefName, ROOT, type FunctionName } from './paths';
import { startFunction, type RunningFunction } from './process';

const run = promisify(execFile);

export type { Manifest } from './manifests';
import type { Manifest } from './manifests';

/** All five bundles, started once and shared by every render in a test file. */
export class FunctionPool {
  private constructor(private readonly running: ReadonlyMap<FunctionName, RunningFunction>) {}

  static async start(names: readonly FunctionName[] = FUNCTIONS): Promise<FunctionPool> {
    const started = await Promise.all(names.map((n) => startFunction(n)));
    return new FunctionPool(new Map(started.map((f) => [f.name, f])));
  }

  /** A functions.yaml pointing Crossplane's Development runtime at the running processes. */
  functionsYaml(): string {
    return [...this.running.values()]
      .map((f) =>
        stringify({
          apiVersion: 'pkg.crossplane.io/v1',
          kind: 'Function',
          metadata: {
            name: functionRefName(f.name),
            annotations: {
              'render.crossplane.io/runtime': 'Development',
              'render.crossplane.io/runtime-development-target': f.address,
            },
          },
          spec: { package: `xpkg.crossplane.io/modelplane/${f.name}:v0.1.0` },
        }),
      )
      .join('---\n');
  }

  /** What a running function has logged so far (one JSON line per RunFunction at the default level). */
  output(name: FunctionName): string {
    return this.running.get(name)?.output() ?? '';
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.values()].map((f) => f.stop()));
  }
}

/** Where one of Modelplane's kinds has its Composition and XRD (paths relative to the repo root). */
export function kindFiles(kind: string): { composition: string; xrd: string } | undefined {
  const entry = KINDS.find((k) => k.kind === kind);
  return entry && { composition: `compositions/${entry.plural}.yaml`, xrd: `apis/${entry.plural}/definition.yaml` };
}

export interface RenderInput {
  readonly xr: Manifest;
  /**
   * Path relative to the repo root (e.g. compositions/modeldeployments.yaml) or an object. Without
   * it, the XR's kind picks its Composition and XRD (kindFiles).
   */
  readonly composition?: string | Manifest;
  readonly observed?: readonly Manifest[];
  readonly required?: readonly Manifest[];
  /** Path to the XRD (relative to the repo root) so render applies schema defaults. */
  readonly xrd?: string;
  readonly contextValues?: Readonly<Record<string, unknown>>;
}

export interface RenderOutput {
  /** The XR as render prints it: desired status and conditions. */
  readonly xr: Manifest;
  /** Composed resources, in render's order. */
  readonly resources: readonly Manifest[];
  /** Function results (events), as kind: Result documents. */
  readonly results: readonly Manifest[];
}

const writeYaml = (path: string, docs: readonly Manifest[]) => writeFileSync(path, docs.map((d) => stringify(d)).join('---\n'));

export async function render(pool: FunctionPool, request: RenderInput): Promise<RenderOutput> {
  if (!existsSync(CROSSPLANE)) throw new Error(`${CROSSPLANE} is missing: run scripts/setup-crossplane.sh`);
  const input = request.composition ? request : { ...request, ...kindFiles(String(request.xr.kind)) };
  if (!input.composition) throw new Error(`no Composition for kind ${request.xr.kind}: pass one`);
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-render-'));
  try {
    writeYaml(join(dir, 'xr.yaml'), [input.xr]);
    writeFileSync(join(dir, 'functions.yaml'), pool.functionsYaml());
    let composition: string;
    if (typeof input.composition === 'string') composition = join(ROOT, input.composition);
    else {
      composition = join(dir, 'composition.yaml');
      writeYaml(composition, [input.composition]);
    }
    const args = ['render', join(dir, 'xr.yaml'), composition, join(dir, 'functions.yaml'), '-r', '--timeout=30s'];
    if (input.observed?.length) {
      mkdirSync(join(dir, 'observed'));
      writeYaml(join(dir, 'observed', 'observed.yaml'), input.observed);
      args.push('-o', join(dir, 'observed'));
    }
    if (input.required?.length) {
      mkdirSync(join(dir, 'required'));
      writeYaml(join(dir, 'required', 'required.yaml'), input.required);
      args.push('-e', join(dir, 'required'));
    }
    if (input.xrd) args.push('--xrd', join(ROOT, input.xrd));
    if (input.contextValues) {
      args.push(
        `--context-values=${Object.entries(input.contextValues)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(';')}`,
      );
    }
    const { stdout } = await run(CROSSPLANE, args, { maxBuffer: 64 * 1024 * 1024 }).catch((err: { stderr?: string; message: string }) => {
      throw new Error(`crossplane render failed: ${err.stderr || err.message}`);
    });
    const docs = parseAllDocuments(stdout)
      .map((d) => d.toJSON() as Manifest)
      .filter(Boolean);
    const [xr, ...rest] = docs;
    if (!xr) throw new Error(`crossplane render printed nothing:\n${stdout}`);
    return {
      xr,
      resources: rest.filter((d) => d.kind !== 'Result'),
      results: rest.filter((d) => d.kind === 'Result'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
