// Contracts between functions: what one function writes and another reads, typed from the same
// schema on both sides. Writers check their output with `satisfies`; readers use these helpers.
export * from './untrusted';
export * from './replica';
export * from './inference-cluster';
export * from './replica-health';
export * from './ledger';
export * from './inference-class';
export * from './capacity-report';
