// The Modelplane schemas: the single source of truth for every XRD, TS type and runtime parse.
// Parse helpers return `{ok: true, value}` (defaults filled in) or `{ok: false, issues}` whose
// paths name the field in the user's terms, e.g. `spec.engines[0].members[1].worker`.
export * from './common';
export * from './rules';
export * from './blocks';
export * from './clouds';
export * from './podtemplate';
export * from './modeldeployment';
export * from './modelreplica';
export * from './modelendpoint';
export * from './modelservice';
export * from './modelcache';
export * from './inferenceclass';
export * from './stack';
export * from './inferencecluster';
export * from './inferencegateway';
export * from './registry';
export * from './xrd';
