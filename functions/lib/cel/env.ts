// The cel-js environment of DRA device selectors: the typed `device` variable plus the Kubernetes
// quantity and semver libraries. Built once per process; programs are parsed and checked against
// it once and evaluated many times.
import { Environment } from '@marcbachmann/cel-js';
import { DeviceValue } from './activation';
import { registerQuantity } from './quantity-type';
import { registerSemver } from './semver-type';

/** Kubernetes' limit on a selector's length (resourceapi.CELSelectorExpressionMaxLength). */
export const MAX_EXPRESSION_LENGTH = 10 * 1024;

/** Structural limits checked while parsing. */
export const PARSE_LIMITS = {
  maxAstNodes: 4096,
  maxDepth: 64,
  maxListElements: 1000,
  maxMapEntries: 1000,
  maxCallArguments: 32,
} as const;

/**
 * Maximum depth of the parsed tree. The parser's maxDepth bounds nesting, but operator chains
 * (a && b && c ...) build left-deep trees that later passes walk recursively.
 */
export const MAX_TREE_DEPTH = 200;

export const DEVICE_TYPE = 'Device';
export const ATTRIBUTES_TYPE = 'map<string, map<string, dyn>>';
export const CAPACITY_TYPE = 'map<string, map<string, Quantity>>';

function createEnvironment(): Environment {
  const env = new Environment({ limits: PARSE_LIMITS, homogeneousAggregateLiterals: true });
  registerQuantity(env);
  registerSemver(env);
  env
    .registerType(DEVICE_TYPE, {
      ctor: DeviceValue,
      fields: { driver: 'string', attributes: ATTRIBUTES_TYPE, capacity: CAPACITY_TYPE },
    })
    .registerVariable('device', DEVICE_TYPE, { description: 'The device a selector is evaluated against.' });
  return env;
}

let environment: Environment | undefined;

/** The shared selector environment. */
export function selectorEnvironment(): Environment {
  return (environment ??= createEnvironment());
}
