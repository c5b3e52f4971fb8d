import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const CROSSPLANE = join(ROOT, '.tools', 'bin', 'crossplane');

export const FUNCTIONS = ['fn-schedule', 'fn-replica', 'fn-inferencecluster', 'fn-modelcache', 'fn-service'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** The name a Composition's functionRef uses for each function (see compositions/). */
export const functionRefName = (fn: FunctionName): string => `modelplane-${fn}`;
