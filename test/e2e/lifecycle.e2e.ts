// Modelplane's life on one real control plane, in order: installed from a registry with `crossplane
// xpkg install` (harness/stack.ts; checked in steps/install.ts), the getting-started tour on what the
// package manager created (steps/tour.ts), an upgrade to a second version with the tour's
// deployment running (steps/upgrade.ts), the deployment deleted, and the capacity reporter run
// against an inference API server last. One stack keeps the layer
// to one start; each step's convergence time goes to test-results/e2e/timings.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { ARTIFACTS } from './harness/paths';
import { startStack } from './harness/stack';
import { setStack, stack, startedStack } from './steps/context';
import { installSteps } from './steps/install';
import { deletionStep, reporterStep, tourSteps } from './steps/tour';
import { startUpgradeRelease, stopWatching, upgradeSteps } from './steps/upgrade';

const timings: { step: string; seconds: number }[] = [];
let stepStarted = 0;

beforeAll(async () => {
  const s = await startStack();
  setStack(s);
  for (const p of s.phases) timings.push({ step: `start: ${p.phase}`, seconds: p.seconds });
  startUpgradeRelease();
}, 900_000);

beforeEach(() => {
  stepStarted = Date.now();
});

afterEach(async (ctx) => {
  timings.push({ step: ctx.task.name, seconds: (Date.now() - stepStarted) / 1000 });
  if (ctx.task.result?.state === 'fail') await stack().dump(ctx.task.name.split('.')[0]!);
});

afterAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const table = ['| step | seconds |', '|---|---|', ...timings.map((t) => `| ${t.step} | ${t.seconds.toFixed(1)} |`)].join('\n');
  writeFileSync(join(ARTIFACTS, 'timings.md'), `${table}\n`);
  console.log(`\nconvergence per step:\n${table}`);
  await stopWatching();
  await startedStack()?.stop();
  setStack(undefined);
}, 120_000);

describe('install from a registry with crossplane xpkg install', installSteps);
describe('the getting-started tour on the package-installed Configuration', tourSteps);
describe('upgrade to the next version with the deployment running', upgradeSteps);
describe('the tour deployment deleted', deletionStep);
describe('the capacity reporter on a real API server', reporterStep);
