// The release version lives in one place, package.json's "version". Everything else that names it
// is derived (image and package tags: v<version>, in build-images.sh and release.sh) or checked:
// crossplane.yaml pins its five Function dependencies to exactly v<version>.
//   node scripts/package/versions.mjs check          exits 1 naming every disagreement
//   node scripts/package/versions.mjs tag            prints v<release version>
//   node scripts/package/versions.mjs configuration  prints crossplane.yaml as the release builds it
//   node scripts/package/versions.mjs set X.Y.Z      writes X.Y.Z to package.json, package-lock.json
//                                                    and crossplane.yaml (comments kept)
// The release version is package.json's, unless MODELPLANE_RELEASE_VERSION overrides it for one
// build (`npm run release -- --version X.Y.Z`: a patch or pre-release of the same checkout). Then
// the tags, the images' version label and the Configuration's Function pins all take the override,
// so one build still names one version everywhere.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const root = new URL('../..', import.meta.url).pathname;
const FUNCTION_REPOSITORY = 'xpkg.crossplane.io/modelplane/';
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

const readJson = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const writeJson = (file, value) => writeFileSync(join(root, file), `${JSON.stringify(value, null, 2)}\n`);
const configuration = () => parseDocument(readFileSync(join(root, 'crossplane.yaml'), 'utf8'));
/** The dependsOn entries naming one of our Functions, as YAML nodes (so they can be edited in place). */
const functionDeps = (doc) => doc.getIn(['spec', 'dependsOn']).items.filter((d) => String(d.get('function') ?? '').startsWith(FUNCTION_REPOSITORY));

/** Every place that disagrees with package.json's version, as sentences. */
function disagreements() {
  const version = readJson('package.json').version;
  const out = [];
  if (!SEMVER.test(version)) out.push(`package.json version ${version} is not a semantic version`);
  const deps = functionDeps(configuration());
  if (deps.length !== 5) out.push(`crossplane.yaml depends on ${deps.length} modelplane Functions, expected 5`);
  for (const d of deps) {
    if (d.get('version') !== `v${version}`) out.push(`crossplane.yaml: ${d.get('function')} is pinned to ${d.get('version')}, package.json says v${version}`);
  }
  const lock = readJson('package-lock.json');
  if (lock.version !== version || lock.packages?.['']?.version !== version) out.push(`package-lock.json version ${lock.version} differs from package.json ${version}`);
  return out;
}

/** The version this build releases: the override if set, else package.json's. */
function releaseVersion() {
  const override = process.env.MODELPLANE_RELEASE_VERSION;
  if (override === undefined || override === '') return readJson('package.json').version;
  if (!SEMVER.test(override)) {
    console.error(`versions: MODELPLANE_RELEASE_VERSION ${override} is not a semantic version (X.Y.Z)`);
    process.exit(2);
  }
  return override;
}

/** crossplane.yaml with its Function dependencies pinned to version (the file itself when it already says so). */
function configurationAt(version) {
  const text = readFileSync(join(root, 'crossplane.yaml'), 'utf8');
  const doc = parseDocument(text);
  const deps = functionDeps(doc);
  if (deps.every((d) => d.get('version') === `v${version}`)) return text;
  for (const d of deps) d.set('version', `v${version}`);
  return doc.toString({ lineWidth: 0 });
}

const [command, arg] = process.argv.slice(2);
if (command === 'check') {
  const problems = disagreements();
  for (const p of problems) console.error(`versions: ${p}`);
  process.exit(problems.length ? 1 : 0);
} else if (command === 'tag') {
  console.log(`v${releaseVersion()}`);
} else if (command === 'configuration') {
  process.stdout.write(configurationAt(releaseVersion()));
} else if (command === 'set' && arg && SEMVER.test(arg)) {
  const pkg = readJson('package.json');
  pkg.version = arg;
  writeJson('package.json', pkg);
  const lock = readJson('package-lock.json');
  lock.version = arg;
  lock.packages[''].version = arg;
  writeJson('package-lock.json', lock);
  writeFileSync(join(root, 'crossplane.yaml'), configurationAt(arg));
  console.log(`v${arg}`);
} else {
  console.error('usage: versions.mjs check | tag | configuration | set X.Y.Z');
  process.exit(2);
}
