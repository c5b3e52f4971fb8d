export * from './bins';
export * from './claims';
export * from './ledger';
export * from './live';
