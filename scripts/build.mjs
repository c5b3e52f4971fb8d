// Bundles each function into one standalone file, dist/<fn>.js, that runs on plain Node.
// CommonJS output starts fastest and suits grpc-js, which uses require().
import { build } from 'esbuild';
import { readdirSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const functions = readdirSync(join(root, 'functions')).filter((d) => d.startsWith('fn-') && existsSync(join(root, 'functions', d, 'main.ts')));

// zod's namespace exports (classic and core) re-export every message locale (~40 languages); the functions use only
// the default English messages, which zod's schemas import directly. Keeping the namespace empty
// cuts a third of each bundle and of its cold start.
const dropZodLocales = {
  name: 'drop-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      /zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.c?js$/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** Replaces a file in one step, so a process starting a bundle meanwhile reads the old or the new one whole. */
const writeAtomically = (path, contents) => {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
};

mkdirSync(join(root, 'dist'), { recursive: true });
await Promise.all(
  functions.map(async (fn) => {
    const { outputFiles } = await build({
      entryPoints: [join(root, 'functions', fn, 'main.ts')],
      outfile: join(root, 'dist', `${fn}.js`),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
      plugins: [dropZodLocales],
      write: false,
    });
    for (const f of outputFiles) writeAtomically(f.path, f.contents);
  }),
);
// The repository is ESM; the bundles are CommonJS, which Node decides per directory.
writeAtomically(join(root, 'dist', 'package.json'), '{"type": "commonjs"}\n');
console.log(`built ${functions.map((f) => `dist/${f}.js`).join(', ')}`);
